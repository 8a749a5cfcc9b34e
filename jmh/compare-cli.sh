#!/usr/bin/env bash
# Times `./toksmith encode --tokenizer NAME < CORPUS > ids` (default settings, through the launcher)
# against jtokkit doing the same line-mode job (dev.toksmith.jmh.JtokkitLines: one line of
# space-separated ids per input line), each as a whole process, for r50k_base, cl100k_base and
# o200k_base. Checks that both write the same bytes and prints wall times, peak RSS and the ratio.
#
# Usage: jmh/compare-cli.sh [CORPUS]   (default jmh/target/bench-corpus/all.txt, see bench-corpus.sh)
# Environment: RUNS (default 1) runs of each, alternating, best wall time kept; ENCODINGS to pick some.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-"$root/jmh/target/bench-corpus/all.txt"}
runs=${RUNS:-1}
encodings=${ENCODINGS:-"r50k_base cl100k_base o200k_base"}
benchmarks="$root/jmh/target/benchmarks.jar"

[ -f "$corpus" ] || { echo "compare-cli: no corpus $corpus (run jmh/bench-corpus.sh)" >&2; exit 1; }
if [ ! -f "$benchmarks" ] || [ -n "$(find "$root/jmh/src" "$root/jmh/pom.xml" -newer "$benchmarks" -print -quit)" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests package -pl jmh -am) >&2
fi
"$root/toksmith" --version >/dev/null # builds the CLI jar (and its class-data archive) outside the timings

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs "$@" with stdin from the corpus and stdout to $work/$label.ids; sets wall (s) and rss (MB).
measure() {
  local label=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" < "$corpus" > "$work/$label.ids"
  read -r wall rss < "$work/time"
  rss=$((rss / 1024))
}

echo "corpus: $corpus ($(wc -c < "$corpus") bytes, $(wc -l < "$corpus") lines)"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
printf '%-12s %12s %10s %12s %10s %8s\n' encoding toksmith_s rss_MB jtokkit_s rss_MB speedup
for name in $encodings; do
  best_t='' best_j=''
  for ((i = 0; i < runs; i++)); do
    measure toksmith "$root/toksmith" encode --tokenizer "$name"
    t_wall=$wall t_rss=$rss
    measure jtokkit java -cp "$benchmarks" dev.toksmith.jmh.JtokkitLines "$name"
    j_wall=$wall j_rss=$rss
    if ! cmp -s "$work/toksmith.ids" "$work/jtokkit.ids"; then
      echo "compare-cli: $name: toksmith and jtokkit wrote different ids: $(cmp "$work/toksmith.ids" "$work/jtokkit.ids" 2>&1 | head -1)" >&2
      exit 1
    fi
    if [ -z "$best_t" ] || awk "BEGIN { exit !($t_wall < $best_t) }"; then best_t=$t_wall best_t_rss=$t_rss; fi
    if [ -z "$best_j" ] || awk "BEGIN { exit !($j_wall < $best_j) }"; then best_j=$j_wall best_j_rss=$j_rss; fi
  done
  printf '%-12s %12s %10s %12s %10s %7.2fx\n' "$name" "$best_t" "$best_t_rss" "$best_j" "$best_j_rss" "$(awk "BEGIN { print $best_j / $best_t }")"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
