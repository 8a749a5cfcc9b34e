#!/usr/bin/env bash
# Where a small run's fixed time goes, by phase: runs `echo hi | encode --tokenizer o200k_base` and
# `train --type wordlevel` on a one-line file RUNS times with the launcher's flags and its class-data
# archive, and reads the JVM's class-load log (-Xlog:class+load:uptime) as phase marks: the JVM up to
# dev.toksmith.cli.Main; picocli (building the command line and parsing) up to HelpFormat, which
# Main installs once the command line is built; then up to the command's own first class
# (TiktokenEncodings, WordLevelTraining); the vocabulary (up to LinePipeline, encode only); the rest
# to the JVM's exit. Prints the median of each phase in ms. The log itself adds a few ms.
#
# usage: jmh/startup-phases.sh [ROOT]   (a built checkout; default this one)
# environment: RUNS (default 7)
set -euo pipefail
root=$(cd "${1:-$(dirname "$0")/..}" && pwd)
runs=${RUNS:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/toksmith" --version >/dev/null
echo hi > "$work/hi.txt"
echo "hello world" > "$work/tiny.txt"
flags=(-XX:SharedArchiveFile="$root/cli/target/toksmith.jsa" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dtoksmith.stderr.tty=false)
# mark CLASS: the uptime (s) at which CLASS was loaded, or the log's last line with no CLASS.
mark() {
  if [ -z "${1:-}" ]; then tail -1 "$work/log"; else grep -m1 "] $1 " "$work/log"; fi | sed 's/^\[\([0-9.]*\)s.*/\1/'
}
echo "$root ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 0; i < runs; i++)); do
  java "${flags[@]}" -Xlog:class+load:file="$work/log":uptime -jar "$root/cli/target/toksmith.jar" encode --tokenizer o200k_base < "$work/hi.txt" > /dev/null
  echo "encode $(mark dev.toksmith.cli.Main) $(mark dev.toksmith.cli.HelpFormat) $(mark dev.toksmith.vocab.tiktoken.TiktokenEncodings) $(mark dev.toksmith.cli.LinePipeline) $(mark)"
  java "${flags[@]}" -Xms16m -Xlog:class+load:file="$work/log":uptime -jar "$root/cli/target/toksmith.jar" train --type wordlevel -o "$work/t.json" "$work/tiny.txt" 2> /dev/null
  echo "train $(mark dev.toksmith.cli.Main) $(mark dev.toksmith.cli.HelpFormat) $(mark dev.toksmith.cli.WordLevelTraining) $(mark dev.toksmith.cli.WordLevelTraining) $(mark)"
done > "$work/marks"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/marks" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, *marks = line.split()
    rows.setdefault(name, []).append([float(m) for m in marks])
phases = ["JVM", "picocli", "to work", "vocabulary", "rest", "total"]
print(f"{'ms (median)':12}" + "".join(f"{p:>11}" for p in phases))
for name, runs in rows.items():
    spans = [[r[0], r[1] - r[0], r[2] - r[1], r[3] - r[2], r[4] - r[3], r[4]] for r in runs]
    print(f"{name:12}" + "".join(f"{statistics.median(s[i] for s in spans) * 1000:11.0f}" for i in range(6)))
EOF
