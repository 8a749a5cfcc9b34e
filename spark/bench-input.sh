#!/bin/sh
# Prints the path of the Spark benchmarks' input: FILE when given, otherwise the first MB megabytes
# (cut at a line end) of the benchmark corpus (jmh/bench-corpus.sh builds it), written into DIR.
#
# usage: spark/bench-input.sh DIR [FILE]    environment: MB (100)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -gt 1 ]; then
  echo "$2"
  exit
fi
corpus="$root/jmh/target/bench-corpus/all.txt"
[ -f "$corpus" ] || sh "$root/jmh/bench-corpus.sh" >&2
head -c "$((${MB:-100} * 1000000))" "$corpus" | sed '$d' > "$1/input.txt"
echo "$1/input.txt"
