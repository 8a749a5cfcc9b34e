#!/usr/bin/env bash
# The long-line cases of README "Hostile input", run as users run them (./toksmith, whole process):
#
#  1. one line of SIZE_MB (default 200) MB of legal text, its newlines made spaces, encoded with
#     o200k_base, GPT-2's tokenizer.json, Llama 2's tokenizer.json and XLM-R's (Unigram): peak RSS
#     and CPU time of each (the README's table);
#  2. the gigabyte reproductions of issue 17, which must each end in one line on stderr and exit 1
#     (or, for decode, succeed) instead of a hang or an overflow: a 1.1 GB line of NUL bytes through
#     compare, encode and lm train, 1 GiB of zeros gzipped through train, a 1.1 GB line of ids
#     through decode.
#
# Usage: scripts/long-lines.sh [table|repro|all]      (default all; table needs ../shared/corpora)
# Environment: SIZE_MB; TOKSMITH_REAL_TOKENIZERS (default /work/real-tokenizers) for gpt2.json and
# llama2.json; WORK for the scratch directory (default a mktemp -d, removed at the end; the
# gigabyte cases need about 2 GB free in it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
size_mb=${SIZE_MB:-200}
real=${TOKSMITH_REAL_TOKENIZERS:-/work/real-tokenizers}/files
shared="$root/../shared/corpora/legal"
toksmith="$root/toksmith"

"$toksmith" --version >/dev/null # builds the CLI jar outside the measurements
if [ -n "${WORK:-}" ]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"

# Runs "$@" with stdin from $input and stdout to /dev/null; prints exit status, peak RSS, CPU and
# wall time, and the last line of stderr.
input=/dev/null
measure() {
  local label=$1
  shift
  local status=0
  /usr/bin/time -f '%M %U %S %e' -o "$work/time" "$@" < "$input" > /dev/null 2> "$work/err" || status=$?
  local rss user sys wall
  read -r rss user sys wall < <(tail -1 "$work/time")
  printf '%-44s exit %-3s %6d MB  CPU %7.1f s  wall %7.1f s  %s\n' "$label" "$status" $((rss / 1024)) \
    "$(echo "$user + $sys" | bc)" "$wall" "$(grep -v '^Command exited' "$work/err" | tail -1 | cut -c1-160)"
}

if [ "$what" = table ] || [ "$what" = all ]; then
  if [ ! -d "$shared" ]; then
    echo "long-lines: no $shared, skipping the table" >&2
  else
    line="$work/line.txt"
    # Legal text repeated to SIZE_MB, one line: newlines become spaces, one newline at the end.
    find "$shared" -name '*.txt' -type f | sort | xargs cat | tr '\n' ' ' > "$work/once.txt"
    while [ "$(stat -c %s "$line" 2>/dev/null || echo 0)" -lt $((size_mb * 1000000)) ]; do cat "$work/once.txt" >> "$line"; done
    truncate -s $((size_mb * 1000000)) "$line"
    echo >> "$line"
    echo "one line of $(stat -c %s "$line") bytes; encode ... > /dev/null"
    input=$line
    measure "o200k_base" "$toksmith" encode --tokenizer o200k_base
    measure "gpt2.json (byte-level BPE)" "$toksmith" encode --tokenizer "$real/gpt2.json"
    measure "llama2.json (BPE, byte fallback)" "$toksmith" encode --tokenizer "$real/llama2.json"
    measure "xlm-roberta.json (Unigram, Metaspace)" "$toksmith" encode --tokenizer "$root/vocab/src/test/resources/families/xlm-roberta.json"
    rm -f "$line" "$work/once.txt"
  fi
fi

if [ "$what" = repro ] || [ "$what" = all ]; then
  echo "gigabyte reproductions (each must end at once with one line, or succeed for decode)"
  head -c 1100000000 /dev/zero > "$work/zeros"
  input="$work/zeros"
  measure "compare: 1.1 GB line of NUL" "$toksmith" compare --tokenizer o200k_base -
  measure "encode: 1.1 GB line of NUL" "$toksmith" encode --tokenizer o200k_base
  measure "lm train: 1.1 GB line of NUL" "$toksmith" lm train --tokenizer o200k_base --order 2 -o "$work/zeros.lm" -
  rm -f "$work/zeros"
  head -c 1073741824 /dev/zero | gzip -1 > "$work/zeros.gz"
  input=/dev/null
  measure "train: 1 GiB of zeros gzipped ($(($(stat -c %s "$work/zeros.gz") / 1000)) KB)" "$toksmith" train --type bpe --vocab-size 1000 -o "$work/zeros.json" "$work/zeros.gz"
  rm -f "$work/zeros.gz"
  { yes 1 || true; } | head -c 1100000000 | tr '\n' ' ' > "$work/ids" # yes ends by SIGPIPE
  input="$work/ids"
  measure "decode: 1.1 GB line of ids" "$toksmith" decode --tokenizer o200k_base
  rm -f "$work/ids"
  leftovers=$(find "$work" -name '.*.tmp*' | wc -l)
  echo "temporary files left in $work: $leftovers"
fi
