#!/bin/sh
# Builds the benchmark corpus in jmh/target/bench-corpus/ (or the directory given): one UTF-8 text
# file per document, named by number in a fixed order, and all.txt, their concatenation.
#
# Documents: every file under /usr/share/doc (gzip files decompressed) that is UTF-8 text without
# NUL bytes, then the bundled samples, then ../shared/corpora when present (US bill XML with its
# markup stripped). Files whose content was already taken are skipped, so licence texts copied into
# many packages count once, and so do lines (see below). The result depends on the Debian packages installed; the script prints
# its size and SHA-256 so that runs can be compared.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/jmh/target/bench-corpus"}
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/seen"
n=0

take() { # $1: file holding one candidate document
  [ -s "$1" ] || return 0
  [ "$(tr -d '\000' < "$1" | wc -c)" -eq "$(wc -c < "$1")" ] || return 0
  iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || return 0
  case $(head -c 4 "$1") in '%!PS' | '%PDF') return 0 ;; esac
  h=$(sha256sum < "$1" | cut -c1-64)
  [ -e "$work/seen/$h" ] && return 0
  : > "$work/seen/$h"
  n=$((n + 1))
  cp "$1" "$out/$(printf '%06d' "$n").txt"
}

list() { find "$@" -type f 2>/dev/null | LC_ALL=C sort > "$work/list"; }

list /usr/share/doc
while IFS= read -r f; do
  case $f in
    *.gz) gzip -dc -- "$f" > "$work/doc" 2>/dev/null || continue ;;
    *) cat -- "$f" > "$work/doc" ;;
  esac
  take "$work/doc"
done < "$work/list"
list "$root/corpora-samples/src/main/resources/dev/toksmith/samples" -name '*.txt'
while IFS= read -r f; do take "$f"; done < "$work/list"
shared="$root/../shared/corpora"
if [ -d "$shared" ]; then
  list "$shared" -name '*.txt'
  while IFS= read -r f; do take "$f"; done < "$work/list"
  list "$shared" -name '*.xml'
  while IFS= read -r f; do
    sed -e 's/<[^>]*>//g' -e '/^[[:space:]]*$/d' "$f" > "$work/doc"
    take "$work/doc"
  done < "$work/list"
fi

# Lines already seen in an earlier document or earlier in the same one (repeated changelog entries,
# boilerplate, generated test logs) are dropped; blank lines stay.
mkdir "$work/dedup"
(cd "$out" && LC_ALL=C awk -v dir="$work/dedup" 'FNR == 1 { if (o) close(o); o = dir "/" FILENAME } $0 == "" || !seen[$0]++ { print > o }' [0-9]*.txt)
rm -f "$out"/[0-9]*.txt
mv "$work/dedup"/* "$out"/
cat "$out"/[0-9]*.txt > "$out/all.txt"
echo "$n documents, $(wc -c < "$out/all.txt") bytes, sha256 $(sha256sum < "$out/all.txt" | cut -c1-64)" >&2
