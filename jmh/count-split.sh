#!/usr/bin/env bash
# Where a 4 MB wordlevel count's CPU goes, on one thread, cold, as the launcher runs it (C1 only,
# serial GC, its compile commands): each run is a fresh JVM that reads FILE into memory, then times
# (thread CPU) one way of counting its words on the calling thread:
#   split     WhitespaceWords.countUtf8 over 64 KB blocks cut at line ends, words to a sink that drops them
#   count     the same into a StripedWordCounter (what a counting thread does)
#   strings   the string path: Utf8LineReader's lines, WhitespaceWords.count, the same counter
# Prints the median of RUNS runs of each (modes alternating) and the first block's time of `count`
# (the rest of its blocks run compiled).
#
# usage: jmh/count-split.sh [FILE]   (default: the first 4 MB of jmh/target/bench-corpus/all.txt)
# environment: RUNS (default 7). Needs core compiled (./mvnw -B -q -pl core compile).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file=${1:-}
if [ -z "$file" ]; then
  file="$work/4m.txt"
  { head -c 4000000 "$here/jmh/target/bench-corpus/all.txt"; tail -c +4000001 "$here/jmh/target/bench-corpus/all.txt" | head -1; } > "$file"
fi
fastutil=$(find ~/.m2/repository/it/unimi/dsi/fastutil-core -name "fastutil-core-*.jar" ! -name "*sources*" | sort | tail -1)
cp="$here/core/target/classes:$fastutil"
javac -d "$work/classes" -cp "$cp" "$here/jmh/CountSplit.java"
for ((i = 0; i < runs; i++)); do
  for mode in split count strings; do
    java -XX:+UseSerialGC -Xms16m -XX:TieredStopAtLevel=1 -XX:CompileCommandFile="$here/cli/src/main/jvm/compile-commands" \
      -cp "$cp:$work/classes" CountSplit "$mode" "$file"
  done
done > "$work/out"
echo "$file ($(wc -c < "$file") bytes); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/out" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    mode, cpu, first = line.split()
    rows.setdefault(mode, []).append((float(cpu), float(first)))
for mode, r in rows.items():
    print(f"{mode:8} CPU ms median {statistics.median(c for c, _ in r):6.1f}   first block {statistics.median(f for _, f in r):5.1f}")
PY
