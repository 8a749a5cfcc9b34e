#!/usr/bin/env bash
# What neural LMs through ONNX Runtime cost (issue 18), as a user pays it, whole process:
#  1. the CLI jar's size and how much of it is ONNX Runtime;
#  2. the cold start of `echo hi | ./toksmith encode --tokenizer o200k_base` (target: <= 0.3 s);
#  3. `lm score` with the tiny test GPT-2 (onnx/ test resources) on 2 KB of the UDHR sample, byte
#     and token level: the share of the time its forward passes take (score --stats) and peak RSS;
#  4. with PYTHON (a python holding make-tiny-gpt2.py's pinned packages), a randomly initialised
#     GPT-2 of the real size (124M) exported the same way with GPT-2's tokenizer.json: seconds per
#     token, RSS, and a byte-level score with the canonical mask.
#
# Usage: jmh/onnx-cost.sh            (parts 1-3)
#        PYTHON=/path/to/venv/bin/python GPT2_TOKENIZER=/path/to/gpt2/tokenizer.json jmh/onnx-cost.sh
# Environment: RUNS (default 5) repetitions of each timing; medians are printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
tiny="$root/onnx/src/test/resources/dev/toksmith/onnx/tiny-gpt2/with-past"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$root/toksmith" --version >/dev/null # builds the CLI jar (and its class-data archive) outside the timings
jar="$root/cli/target/toksmith.jar"

# Prints the median of the numbers on stdin.
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# Runs "$@" RUNS times; prints median wall, CPU (user + sys) and peak RSS, and keeps the last stderr in $work/err.
timed() {
  local label=$1
  shift
  : > "$work/times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > /dev/null 2> "$work/err"
    cat "$work/time" >> "$work/times"
  done
  printf '%-34s wall %6.3f s  cpu %6.3f s  rss %5d MB\n' "$label" \
    "$(awk '{print $1}' "$work/times" | median)" "$(awk '{print $2 + $3}' "$work/times" | median)" \
    "$(awk '{print int($4 / 1024)}' "$work/times" | median)"
}

echo "machine: $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== 1. the CLI jar"
onnx_bytes=$(unzip -l "$jar" 'ai/onnxruntime/*' | tail -1 | awk '{print $1}')
printf 'cli/target/toksmith.jar: %.1f MB; ONNX Runtime inside: %.1f MB uncompressed (native libraries for linux x64/aarch64, macOS x64/arm64, windows x64)\n' \
  "$(stat -c %s "$jar" | awk '{print $1 / 1e6}')" "$(echo "$onnx_bytes" | awk '{print $1 / 1e6}')"

echo "== 2. cold start"
timed "encode --tokenizer o200k_base" sh -c "echo hi | '$root/toksmith' encode --tokenizer o200k_base"

echo "== 3. the tiny test GPT-2 (2 layers, 32 wide, 320 ids)"
fold -s -w 240 "$root/corpora-samples/src/main/resources/dev/toksmith/samples/udhr-eng.txt" | head -c 2048 > "$work/udhr-2k.txt"
timed "lm next (load + one prompt)" "$root/toksmith" lm next -m "$tiny" --prompt "All human beings are born fr" --onnx-threads 1
for level in tokens bytes; do
  timed "lm score --level $level" "$root/toksmith" lm score -m "$tiny" --level "$level" --onnx-threads 1 --stats "$work/udhr-2k.txt"
  echo "   last run: $(tail -1 "$work/err")"
done

if [ -n "${PYTHON:-}" ]; then
  echo "== 4. a random GPT-2 of the real size (124M parameters, 50,257 ids)"
  [ -n "${GPT2_TOKENIZER:-}" ] || { echo "onnx-cost: GPT2_TOKENIZER must name GPT-2's tokenizer.json" >&2; exit 1; }
  "$PYTHON" "$root/onnx/src/test/resources/dev/toksmith/onnx/tiny-gpt2/make-tiny-gpt2.py" --full-size "$work/gpt2" --tokenizer "$GPT2_TOKENIZER" 2>/dev/null | tail -1
  printf 'We hold these truths to be self-evident, that all men are created equal, that they are endowed by their Creator with certain unalienable Rights\n' > "$work/line.txt"
  runs=$(( runs < 3 ? runs : 3 ))
  timed "lm score --level tokens (raw)" "$root/toksmith" lm score -m "$work/gpt2" --level tokens --allow-invalid --stats "$work/line.txt"
  echo "   last run: $(tail -1 "$work/err")"
  timed "lm score --level tokens (masked)" "$root/toksmith" lm score -m "$work/gpt2" --level tokens --stats "$work/line.txt"
  echo "   last run: $(tail -1 "$work/err")"
  printf 'We hold these truths to be\n' > "$work/short.txt"
  timed "lm score --level bytes, 26 bytes" "$root/toksmith" lm score -m "$work/gpt2" --stats "$work/short.txt"
  echo "   last run: $(tail -1 "$work/err")"
fi
