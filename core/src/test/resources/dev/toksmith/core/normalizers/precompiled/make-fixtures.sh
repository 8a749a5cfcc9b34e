#!/bin/sh
# Regenerates the charsmaps and SentencePiece's expected normalizations in this directory with
# Debian's sentencepiece (apt-get install -y sentencepiece; made with 0.1.97) and python3.
# Run from anywhere: sh core/src/test/resources/dev/toksmith/core/normalizers/precompiled/make-fixtures.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../../../../../../.." && pwd)
sample="$repo/corpora-samples/src/main/resources/dev/toksmith/samples/udhr-eng.txt"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A model per built-in rule; the charsmap does not depend on the training text.
for rule in nmt_nfkc nfkc nmt_nfkc_cf; do
  spm_train --input="$sample" --model_prefix="$work/$rule" --vocab_size=100 \
    --normalization_rule_name="$rule" --minloglevel=2
  python3 "$here/extract_charsmap.py" "$work/$rule.model" > "$here/$rule.charsmap.b64"
done

# Identity rules for one or a few characters of every grapheme cluster break class: a short cluster
# that starts with one of them is replaced whole, which shows where the reference's clusters end.
grep -v '^#' "$here/grapheme-probe.codepoints" | while read -r cp _; do
  [ -n "$cp" ] && printf '%s\t%s\n' "$cp" "$cp"
done > "$work/grapheme-probe.tsv"
spm_train --input="$sample" --model_prefix="$work/grapheme-probe" --vocab_size=100 \
  --normalization_rule_tsv="$work/grapheme-probe.tsv" --minloglevel=2
python3 "$here/extract_charsmap.py" "$work/grapheme-probe.model" > "$here/grapheme-probe.charsmap.b64"

# SentencePiece's own normalizer (longest match, no whitespace handling) on the edge lines and on
# lines of rule sources (every 23rd rule of nmt_nfkc, 12 per line, so that matches meet and overlap).
spm_normalize --model="$work/nmt_nfkc.model" --decompile 2>/dev/null | python3 -c '
import re, sys
sources = []
for line in sys.stdin.buffer.read().decode("utf-8").split("\n"):
    source = line.split("\t")[0]
    if re.fullmatch("[0-9A-F]+( [0-9A-F]+)*", source):
        # Line breaks and carriage returns would end an input line.
        sources.append("".join(chr(int(h, 16)) for h in source.split() if int(h, 16) not in (0x0A, 0x0D)))
chosen = sources[::23]
for i in range(0, len(chosen), 12):
    print("".join(chosen[i:i + 12]))
' > "$work/rule-lines.txt"
cat "$here/spm-edge-lines.txt" "$work/rule-lines.txt" > "$here/spm-input.txt"
for rule in nmt_nfkc nfkc nmt_nfkc_cf; do
  spm_normalize --model="$work/$rule.model" --remove_extra_whitespaces=false \
    < "$here/spm-input.txt" > "$here/spm-expected-$rule.txt"
done
