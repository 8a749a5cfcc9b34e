#!/usr/bin/env bash
# Times `toksmith encode --tokenizer NAME < TEXT > ids` (default settings, through the launcher)
# against jtokkit 1.1.0 doing the same line-mode job (dev.toksmith.jmh.JtokkitLines: one line of
# space-separated ids per input line), each as a whole process, for r50k_base, cl100k_base and
# o200k_base, alternating, RUNS times each. Checks that both write the same bytes and prints the
# median wall time, CPU time (user + system) and peak RSS of each, and jtokkit / toksmith for time.
#
# usage: jmh/compare-cli.sh [TEXT...]
#   TEXT defaults to the multilingual mix (jmh/target/bench-multilingual/multilingual.txt, made by
#   jmh/multilingual-corpus.py) and, when it is there, the English benchmark corpus
#   (jmh/target/bench-corpus/all.txt, made by jmh/bench-corpus.sh).
# environment: RUNS (default 3), ENCODINGS to pick some, TOKSMITH the launcher to time (default
#   ./toksmith of this checkout), TOKSMITH_ARGS more arguments for `toksmith encode` (e.g. --threads 1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-3}
encodings=${ENCODINGS:-"r50k_base cl100k_base o200k_base"}
toksmith=${TOKSMITH:-$root/toksmith}
read -r -a toksmith_args <<< "${TOKSMITH_ARGS:-}"
benchmarks="$root/jmh/target/benchmarks.jar"
if [ $# -eq 0 ]; then
  set -- "$root/jmh/target/bench-multilingual/multilingual.txt"
  [ -f "$root/jmh/target/bench-corpus/all.txt" ] && set -- "$@" "$root/jmh/target/bench-corpus/all.txt"
fi
for f in "$@"; do [ -f "$f" ] || { echo "compare-cli: no such file: $f (jmh/multilingual-corpus.py, jmh/bench-corpus.sh)" >&2; exit 1; }; done

if [ ! -f "$benchmarks" ] || [ -n "$(find "$root/jmh/src" "$root/jmh/pom.xml" -newer "$benchmarks" -print -quit)" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests package -pl jmh -am) >&2
fi
"$toksmith" --version >/dev/null # builds the CLI jar (and its class-data archive) outside the timings

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# run LABEL TEXT COMMAND...: one timed run, appending "wall cpu rss_kB" to $work/LABEL.runs.
run() {
  local label=$1 text=$2
  shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" < "$text" > "$work/$label.ids"
  awk '{ print $1, $2 + $3, $4 }' "$work/time" >> "$work/$label.runs"
}

stat() { awk -v c="$2" '{ print $c }' "$work/$1.runs" | median; }

echo "toksmith: $toksmith ${toksmith_args[*]+${toksmith_args[*]}}"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1); median of $runs"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-18s %8s %8s %7s %8s %8s %7s %7s %7s\n' encoding text tk_wall tk_cpu tk_MB jt_wall jt_cpu jt_MB wall_x cpu_x
for text in "$@"; do
  for name in $encodings; do
    rm -f "$work/toksmith.runs" "$work/jtokkit.runs"
    for ((i = 0; i < runs; i++)); do
      run toksmith "$text" "$toksmith" encode --tokenizer "$name" ${toksmith_args[@]+"${toksmith_args[@]}"}
      run jtokkit "$text" java -cp "$benchmarks" dev.toksmith.jmh.JtokkitLines "$name"
      if ! cmp -s "$work/toksmith.ids" "$work/jtokkit.ids"; then
        echo "compare-cli: $name: toksmith and jtokkit wrote different ids: $(cmp "$work/toksmith.ids" "$work/jtokkit.ids" 2>&1 | head -1)" >&2
        exit 1
      fi
    done
    tw=$(stat toksmith 1) tc=$(stat toksmith 2) tr=$(stat toksmith 3) jw=$(stat jtokkit 1) jc=$(stat jtokkit 2) jr=$(stat jtokkit 3)
    printf '%-12s %-18s %8.2f %8.2f %7d %8.2f %8.2f %7d %6.2fx %6.2fx\n' "$name" "$(basename "$text")" \
      "$tw" "$tc" $((${tr%.*} / 1024)) "$jw" "$jc" $((${jr%.*} / 1024)) "$(awk "BEGIN { print $jw / $tw }")" "$(awk "BEGIN { print $jc / $tc }")"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
