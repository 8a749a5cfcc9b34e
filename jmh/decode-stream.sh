#!/usr/bin/env bash
# `toksmith decode --stream` of two builds of the CLI, interleaved (A, B, A, B, ... REPS times, default
# 3), on the same ids: runs of SIZES ids (default 2000 8000 32000) of one byte token that never forms
# a character (the stream must hold them all: Hugging Face's DecodeStream decodes the whole held
# window again at every id, so its time grows with the square of the run), and the ids of encoding
# TEXT_BYTES (default 1,000,000) bytes of the English benchmark corpus (an ordinary stream). Prints,
# per input and side, the median wall and CPU (user + sys) seconds of the whole process, and checks
# that both sides wrote the same text.
#   A=/tmp/main/cli/target/toksmith.jar B=cli/target/toksmith.jar jmh/decode-stream.sh
# TOKENIZER (default: the Llama 2 family fixture, byte fallback) and RUN_ID (default 233, its <0xE6>)
# choose the tokenizer and the byte token; CORPUS the text (default jmh/target/bench-corpus/all.txt,
# made by jmh/bench-corpus.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${A:?A=path of the baseline jar}" "${B:?B=path of the jar to compare}"
tokenizer="${TOKENIZER:-$root/vocab/src/test/resources/families/llama2.json}"
corpus="${CORPUS:-$root/jmh/target/bench-corpus/all.txt}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# shellcheck source=jmh/timed.sh
. "$root/jmh/timed.sh"

inputs=()
for n in ${SIZES:-2000 8000 32000}; do
  awk -v n="$n" -v id="${RUN_ID:-233}" 'BEGIN { for (i = 0; i < n; i++) print id }' > "$work/run-$n.ids"
  inputs+=("run-$n")
done
if [ -f "$corpus" ]; then
  head -c "${TEXT_BYTES:-1000000}" "$corpus" | sed '$d' | java -jar "$B" encode -t "$tokenizer" > "$work/text.ids"
  inputs+=(text)
else
  echo "decode-stream.sh: no $corpus (jmh/bench-corpus.sh makes it); runs only" >&2
fi
for ((rep = 0; rep < ${REPS:-3}; rep++)); do
  for input in "${inputs[@]}"; do
    for side in A B; do
      timed_once "$input-$side" sh -c 'java -jar "$1" decode -t "$2" --stream < "$3" > "$4"' _ "${!side}" "$tokenizer" "$work/$input.ids" "$work/$input-$side.txt"
    done
    cmp -s "$work/$input-A.txt" "$work/$input-B.txt" || { echo "decode-stream.sh: A and B wrote different text for $input" >&2; exit 1; }
  done
done
printf '%-10s %6s %14s %14s\n' input side "median wall s" "median cpu s"
for input in "${inputs[@]}"; do
  for side in A B; do
    medians "$input-$side"
    read -r wall cpu _ < "$work/$input-$side"
    printf '%-10s %6s %14s %14s\n' "$input" "$side" "$wall" "$cpu"
  done
done
