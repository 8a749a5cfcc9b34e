#!/usr/bin/env bash
# Where the CPU of `toksmith encode` goes, by thread kind (jmh/thread-cpu.py): encoding threads, the
# optimizing compiler (C2), the quick compiler (C1), the main thread and garbage collection; with the
# JVM's default tiered compilation and with the quick compiler alone (JAVA_OPTS=-XX:TieredStopAtLevel=1),
# each with --threads 1 and the default thread count; and jtokkit's line program (JtokkitLines) both
# ways. Alternating, RUNS times; prints the median of each figure (seconds). Checks that every
# variant writes the same ids.
#
# usage: jmh/jit-cost.sh [TEXT]   (default jmh/target/bench-multilingual/multilingual.txt)
# environment: RUNS (default 3), ENCODINGS (default "r50k_base cl100k_base o200k_base"), TOKSMITH the
#   launcher (default ./toksmith of this checkout), JTOKKIT=0 to leave jtokkit out.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-3}
toksmith=${TOKSMITH:-$root/toksmith}
encodings=${ENCODINGS:-"r50k_base cl100k_base o200k_base"}
text=${1:-$root/jmh/target/bench-multilingual/multilingual.txt}
benchmarks="$root/jmh/target/benchmarks.jar"
[ -f "$text" ] || { echo "jit-cost: no such file: $text (jmh/multilingual-corpus.py makes the default)" >&2; exit 1; }
if [ "${JTOKKIT:-1}" != 0 ] && { [ ! -f "$benchmarks" ] || [ -n "$(find "$root/jmh/src" "$root/jmh/pom.xml" -newer "$benchmarks" -print -quit)" ]; }; then
  (cd "$root" && ./mvnw -q -B -DskipTests package -pl jmh -am) >&2
fi
"$toksmith" --version >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

variants=("tiered|" "c1-only|-XX:TieredStopAtLevel=1")
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1); text $(basename "$text"); median of $runs"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-8s %-8s %-8s %6s %6s %6s %6s %6s %6s %6s\n' encoding program jit threads wall cpu encode c2 c1 main gc
for name in $encodings; do
  rm -f "$work"/*.runs
  for ((i = 0; i < runs; i++)); do
    for v in "${variants[@]}"; do
      jit=${v%%|*} opts=${v#*|}
      for threads in 1 default; do
        args=(); [ "$threads" = default ] || args=(--threads "$threads")
        JAVA_OPTS="$opts" "$root/jmh/thread-cpu.py" "$text" "$work/ids" -- "$toksmith" encode --tokenizer "$name" ${args[@]+"${args[@]}"} >> "$work/toksmith-t$threads-$jit.runs"
        if [ -f "$work/expected" ]; then
          cmp -s "$work/ids" "$work/expected" || { echo "jit-cost: $name: toksmith ($jit, --threads $threads) wrote different ids" >&2; exit 1; }
        else
          mv "$work/ids" "$work/expected"
        fi
      done
      if [ "${JTOKKIT:-1}" != 0 ]; then
        # shellcheck disable=SC2086
        "$root/jmh/thread-cpu.py" "$text" "$work/ids" -- java $opts -cp "$benchmarks" dev.toksmith.jmh.JtokkitLines "$name" >> "$work/jtokkit-t1-$jit.runs"
        cmp -s "$work/ids" "$work/expected" || { echo "jit-cost: $name: jtokkit ($jit) wrote different ids" >&2; exit 1; }
      fi
    done
  done
  rm -f "$work/expected"
  for f in "$work"/*.runs; do
    label=$(basename "$f" .runs)
    program=${label%%-*} rest=${label#*-} threads=${rest%%-*} jit=${rest#*-}
    printf '%-12s %-8s %-8s %-8s' "$name" "$program" "$jit" "${threads#t}"
    for col in 2 4 6 8 10 12 14; do printf ' %6.2f' "$(awk -v c="$col" '{ print $c }' "$f" | median)"; done
    echo
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
