#!/usr/bin/env bash
# A/B of the encode hot paths (encodeIds per line, encodeBytes of a whole text, encodeBatch) between
# two builds of toksmith, interleaved: for each round and each tokenizer, one JVM on jar A, then one on
# jar B, each printing the medians of jmh/AbEncode.java (milliseconds: CPU for ids and bytes, wall for
# the parallel batch). Ends with the median over rounds per jar. Checks both give the same ids count.
#
# usage: jmh/ab-encode.sh JAR_A JAR_B TEXT [SPEC...]
#   JAR_A, JAR_B: cli/target/toksmith.jar of two checkouts (copy them aside first);
#   TEXT: a few MB of UTF-8 text; SPEC: tokenizers (default o200k_base).
# environment: ROUNDS (default 4).
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: jmh/ab-encode.sh JAR_A JAR_B TEXT [SPEC...]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
a=$1 b=$2 text=$3
shift 3
[ $# -gt 0 ] || set -- o200k_base
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -cp "$a" -d "$work/classes" "$here/AbEncode.java"
for round in $(seq "${ROUNDS:-4}"); do
  for spec in "$@"; do
    for side in A B; do
      jar=$a
      [ "$side" = B ] && jar=$b
      echo "$side $(java -Xmx2g -cp "$jar:$work/classes" AbEncode "$spec" "$text")" | tee -a "$work/runs"
    done
  done
done
echo "medians over rounds (ms), and the ids count each side saw:"
awk '{ for (i = 3; i <= 5; i++) { split($i, kv, "="); print $2, kv[1], $1, kv[2] } }' "$work/runs" | sort -k1,3 -k4n |
  awk '{ key = $1 " " $2 " " $3 } key != last && NR > 1 { flush() } { v[++n] = $4; last = key } END { flush() }
    function flush() { print last, (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2); n = 0 }'
awk '{ print $2, $1, $6 }' "$work/runs" | sort -u
