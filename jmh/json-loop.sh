#!/usr/bin/env bash
# The per-line encode loop behind a built-in name and behind its tokenizer.json (`toksmith convert -t
# NAME`), in one JVM with the launcher's encode flags (C1 alone, serial collector): jmh/JsonLoop.java
# alternates the two, pass by pass, over every line of TEXT, and prints each one's first pass and the
# median of the others in thread CPU seconds. Equal medians mean the file runs the name's loop, and
# that what a whole process spends more behind the file (compare-json.sh) is loading, compiling and
# the heap. The file is loaded through a tokenizer cache of this run, written by a first load.
#
# usage: jmh/json-loop.sh [NAME [TEXT]]   (default o200k_base, jmh/target/bench-multilingual/multilingual.txt)
# environment: PASSES (default 7).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name=${1:-o200k_base}
text=${2:-$root/jmh/target/bench-multilingual/multilingual.txt}
[ -f "$text" ] || { echo "json-loop: no such file: $text (jmh/multilingual-corpus.py makes the default)" >&2; exit 1; }
"$root/toksmith" --version >/dev/null # builds the jar
jar=$root/cli/target/toksmith.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TOKSMITH_CACHE_DIR=$work/cache
"$root/toksmith" convert --tokenizer "$name" --output "$work/$name.json" >/dev/null 2>&1
echo hi | "$root/toksmith" encode --tokenizer "$work/$name.json" >/dev/null # writes the cache entry
javac -cp "$jar" -d "$work/classes" "$root/jmh/JsonLoop.java"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:PretenureSizeThreshold=1m -cp "$jar:$work/classes" JsonLoop "$name" "$work/$name.json" "$text" "${PASSES:-7}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
