#!/bin/sh
# Times whole processes as users run them, on the same input: `./toksmith train` against the local
# jar's `train --master local[N]` (the two tokenizer files must be the same bytes), and `./toksmith
# encode` (ids to a file) against the local jar's `encode` to Parquet (the same number of tokens).
# Each pair runs RUNS times, alternating which goes first; prints wall, CPU (user + system) and peak
# RSS per run, and the medians.
#
# usage: spark/local-jobs.sh [FILE]    environment: RUNS (3), CORES (2), MB (100), TOKENIZER (o200k_base)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-3}
cores=${CORES:-2}
tokenizer=${TOKENIZER:-o200k_base}
jar="$root/spark/target/toksmith-spark-local.jar"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
input=$(sh "$root/spark/bench-input.sh" "$work" "$@")
[ -f "$jar" ] || (cd "$root" && ./mvnw -B -q -pl spark -am package -DskipTests)
"$root/toksmith" --version > /dev/null # builds the command line's jar first, if need be

# timed NAME COMMAND...: runs it, appends "NAME wall cpu rss-MB" to $work/times and prints it.
timed() {
  name=$1
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > "$work/$name.out" 2> "$work/$name.err" || { cat "$work/$name.err" >&2; exit 1; }
  awk -v name="$name" '{ printf "%-14s %7.2f s wall %7.2f s CPU %6.0f MB peak RSS\n", name, $1, $2 + $3, $4 / 1024 }' "$work/time" | tee -a "$work/times"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1)"
echo "input: $input, $(wc -c < "$input") bytes; $runs runs each, alternating; local[$cores], --threads $cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
run=0
while [ "$run" -lt "$runs" ]; do
  for job in train encode; do
    for side in $( [ $((run % 2)) = 0 ] && echo "cli spark" || echo "spark cli"); do
      rm -rf "$work/out.parquet"
      case "$job-$side" in
        train-cli) timed "train" "$root/toksmith" train --threads "$cores" -o "$work/cli.json" "$input" ;;
        train-spark) timed "spark-train" java -jar "$jar" train --master "local[$cores]" -o "$work/spark.json" "$input" ;;
        encode-cli) timed "encode" "$root/toksmith" encode --threads "$cores" -t "$tokenizer" "$input" ;; # ids to $work/encode.out
        encode-spark) timed "spark-encode" java -jar "$jar" encode --master "local[$cores]" -t "$tokenizer" -o "$work/out.parquet" "$input" ;;
      esac
    done
  done
  cmp -s "$work/cli.json" "$work/spark.json" || { echo "the tokenizers differ" >&2; exit 1; }
  tokens=$(wc -w < "$work/encode.out")
  grep -q "documents into $tokens tokens" "$work/spark-encode.err" || { echo "encode: not $tokens tokens: $(cat "$work/spark-encode.err")" >&2; exit 1; }
  run=$((run + 1))
done
echo "same tokenizer file; same $tokens tokens; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for name in train spark-train encode spark-encode; do
  awk -v name="$name" '$1 == name { wall[++n] = $2; cpu[n] = $5 }
    function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    END { printf "median %-14s %7.2f s wall %7.2f s CPU\n", name, median(wall, n), median(cpu, n) }' "$work/times"
done
