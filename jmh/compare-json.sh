#!/usr/bin/env bash
# Times `toksmith encode --tokenizer NAME` (a built-in tiktoken encoding) against `toksmith encode
# --tokenizer NAME.json`, the same vocabulary written as a Hugging Face tokenizer.json by `toksmith
# convert -t NAME` (ByteLevel + Split with the encoding's pattern + BPE), each as a whole process on
# the same text, alternating, RUNS times each. The file takes the byte-level fast path, which must
# run within 1.15x of the built-in name. Checks that both write the same ids and prints the median
# wall and CPU time (user + system) and peak RSS of each, and json / built-in for time.
#
# The tokenizer cache (README, "The tokenizer cache") lives in a directory of this run: for each
# encoding and text, the first tokenizer.json run starts with it empty (the "cold" columns: parsing,
# and writing the entry), the timed runs after it read the entry. CACHE=off runs without it.
#
# usage: jmh/compare-json.sh [TEXT...]   (default jmh/target/bench-multilingual/multilingual.txt)
# environment: RUNS (default 3), ENCODINGS (default "r50k_base cl100k_base o200k_base"), TOKSMITH
#   the launcher (default ./toksmith of this checkout), TOKSMITH_ARGS more arguments for encode,
#   CACHE=off to run without the tokenizer cache.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-3}
encodings=${ENCODINGS:-"r50k_base cl100k_base o200k_base"}
toksmith=${TOKSMITH:-$root/toksmith}
read -r -a toksmith_args <<< "${TOKSMITH_ARGS:-}"
[ $# -gt 0 ] || set -- "$root/jmh/target/bench-multilingual/multilingual.txt"
for f in "$@"; do [ -f "$f" ] || { echo "compare-json: no such file: $f (jmh/multilingual-corpus.py makes the default)" >&2; exit 1; }; done
"$toksmith" --version >/dev/null # builds the jar and its class-data archive outside the timings

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TOKSMITH_CACHE_DIR="$work/cache"
[ "${CACHE:-on}" != off ] || export TOKSMITH_CACHE=off
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
stat() { awk -v c="$2" '{ print $c }' "$work/$1.runs" | median; }

# run LABEL TEXT COMMAND...: one timed run, appending "wall cpu rss_kB" to $work/LABEL.runs.
run() {
  local label=$1 text=$2
  shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" < "$text" > "$work/$label.ids"
  awk '{ print $1, $2 + $3, $4 }' "$work/time" >> "$work/$label.runs"
}

echo "toksmith: $toksmith ${toksmith_args[*]+${toksmith_args[*]}}"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1); median of $runs"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); tokenizer cache ${CACHE:-on}"
printf '%-12s %-18s %8s %8s %7s %8s %8s %7s %7s %7s %9s %8s\n' encoding text name_wall name_cpu name_MB json_wall json_cpu json_MB wall_x cpu_x cold_wall cold_cpu
for name in $encodings; do
  "$toksmith" convert --tokenizer "$name" --output "$work/$name.json"
  for text in "$@"; do
    rm -rf "$work/name.runs" "$work/json.runs" "$work/cold.runs" "$work/cache"
    run cold "$text" "$toksmith" encode --tokenizer "$work/$name.json" ${toksmith_args[@]+"${toksmith_args[@]}"}
    for ((i = 0; i < runs; i++)); do
      run name "$text" "$toksmith" encode --tokenizer "$name" ${toksmith_args[@]+"${toksmith_args[@]}"}
      run json "$text" "$toksmith" encode --tokenizer "$work/$name.json" ${toksmith_args[@]+"${toksmith_args[@]}"}
      cmp -s "$work/name.ids" "$work/json.ids" \
        || { echo "compare-json: $name: the name and its tokenizer.json wrote different ids: $(cmp "$work/name.ids" "$work/json.ids" 2>&1 | head -1)" >&2; exit 1; }
    done
    nw=$(stat name 1) nc=$(stat name 2) jw=$(stat json 1) jc=$(stat json 2)
    printf '%-12s %-18s %8.2f %8.2f %7d %8.2f %8.2f %7d %6.2fx %6.2fx %9.2f %8.2f\n' "$name" "$(basename "$text")" \
      "$nw" "$nc" $(($(stat name 3 | cut -d. -f1) / 1024)) "$jw" "$jc" $(($(stat json 3 | cut -d. -f1) / 1024)) \
      "$(awk "BEGIN { print $jw / $nw }")" "$(awk "BEGIN { print $jc / $nc }")" "$(stat cold 1)" "$(stat cold 2)"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
