#!/usr/bin/env bash
# Interleaved A/B of jmh/lm-score.sh between two builds of the CLI, for a shared machine where only
# alternating runs on the same files compare fairly: A and B take turns REPS times (default 5) on the
# same training and held-out text and the same model file (lm train runs once, with A), and the
# medians of wall and CPU (user + sys) seconds per side are printed, with the bits per byte each gave.
#   A=/tmp/main/cli/target/toksmith.jar B=cli/target/toksmith.jar jmh/lm-ab.sh
# ENCODINGS, LEVELS, HELD_BYTES and WORK are passed to lm-score.sh (default here: r50k_base, tokens);
# JAVA_A / JAVA_B add JVM flags to one side (e.g. JAVA_B=-XX:+UseSerialGC to try a flag on one jar).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${A:?A=path of the baseline jar}" "${B:?B=path of the jar to compare}"
export WORK="${WORK:-/tmp/toksmith-lm-ab}" ENCODINGS="${ENCODINGS:-r50k_base}" LEVELS="${LEVELS:-tokens}"
out="$WORK/ab.txt"
mkdir -p "$WORK"
: > "$out"
for ((rep = 0; rep < ${REPS:-5}; rep++)); do
  for side in A B; do
    jar="${!side}"
    flags="JAVA_$side"
    REPS=1 TOKSMITH="java ${!flags:-} -jar $jar" "$root/jmh/lm-score.sh" | grep -v '^train:' | sed "s/^/$side /" | tee -a "$out"
  done
done
# Lines: SIDE NAME LEVEL wall W s cpu C s K KB/s BITS ...
awk '
  { key = $1 " " $2 " " $3; walls[key] = walls[key] " " $5; cpus[key] = cpus[key] " " $8; bits[key] = $12 }
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END { for (k in walls) printf "%-24s median wall %7.2f s  median cpu %7.2f s  bits/byte %s  (cpu:%s)\n", k, median(walls[k]), median(cpus[k]), bits[k], cpus[k] }
' "$out" | sort
