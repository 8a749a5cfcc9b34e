#!/bin/sh
# Times the Spark job's distributed word count against train's single-machine word count, in one JVM,
# on the first 100 MB of the benchmark corpus (jmh/bench-corpus.sh builds it) or on FILE or DIR,
# alternating which goes first, and prints wall and CPU time per run and their medians (see
# WordCountComparison). COUNT=sentences times SentencePiece's counting (train --type unigram|sp-bpe)
# instead. The load average before and after goes with the figures.
#
# usage: spark/word-count-benchmark.sh [FILE|DIR]    environment: RUNS (5), CORES (2), MB (100), COUNT (words)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
cores=${CORES:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
input=$(sh "$root/spark/bench-input.sh" "$work" "$@")
# The local jar (Spark, toksmith) and the comparison class from the test classes.
[ -f "$root/spark/target/toksmith-spark-local.jar" ] && [ -d "$root/spark/target/test-classes/dev/toksmith/spark" ] \
  || (cd "$root" && ./mvnw -B -q -pl spark -am verify -DskipTests)
opens=$(unzip -p "$root/spark/target/toksmith-spark-local.jar" META-INF/MANIFEST.MF | tr -d '\r' \
  | awk '/^Add-Opens:/ { sub(/^Add-Opens: /, ""); a = $0; next } a != "" && /^ / { sub(/^ /, ""); a = a $0; next } a != "" { print a; a = "" }' \
  | tr ' ' '\n' | sed 's|^|--add-opens=|; s|$|=ALL-UNNAMED|' | tr '\n' ' ')
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1)"
# shellcheck disable=SC2086
java -Xmx4g $opens -cp "$root/spark/target/test-classes:$root/spark/target/toksmith-spark-local.jar" \
  dev.toksmith.spark.WordCountComparison "$input" "$runs" "$cores" "${COUNT:-words}"
