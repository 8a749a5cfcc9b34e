#!/usr/bin/env bash
# Where a training's time goes, by phase, on the main thread: runs `train --type wordlevel` on FILE
# (default: the first 4 MB of jmh/target/bench-corpus/all.txt, cut at a line end) RUNS times with the
# launcher's flags and its class-data archive, for each checkout given, the checkouts alternating, and
# reads the JVM's class-load log (-Xlog:class+load:uptime) as phase marks: the JVM up to
# dev.toksmith.cli.Main; the command line (picocli) up to HelpFormat, which Main installs once it is
# built; the command's set-up up to WordLevelTraining; reading and counting up to
# WordLevelVocabTrainer, loaded once the counts are in; ranking (and building the model) up to
# Jackson's first class; writing tokenizer.json to the JVM's exit. Prints the median of each phase
# in ms per checkout. The log itself adds a few ms.
#
# usage: jmh/train-phases.sh [ROOT...]   (built checkouts; default this one)
# environment: RUNS (default 7), FILE, COMPILE_COMMANDS (a compile-commands file to use instead of
# each checkout's cli/src/main/jvm/compile-commands, to measure a change of that file alone)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
roots=("$@")
[ ${#roots[@]} -gt 0 ] || roots=("$here")
runs=${RUNS:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file=${FILE:-}
if [ -z "$file" ]; then
  file="$work/4m.txt"
  { head -c 4000000 "$here/jmh/target/bench-corpus/all.txt"; tail -c +4000001 "$here/jmh/target/bench-corpus/all.txt" | head -1; } > "$file"
fi
for root in "${roots[@]}"; do "$root/toksmith" --version > /dev/null; done
# mark CLASS: the uptime (s) at which CLASS was loaded, or the log's last line with no CLASS.
mark() {
  if [ -z "${1:-}" ]; then tail -1 "$work/log"; else grep -m1 "] $1 " "$work/log"; fi | sed 's/^\[\([0-9.]*\)s.*/\1/'
}
echo "$file ($(wc -c < "$file") bytes); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 0; i < runs; i++)); do
  for root in "${roots[@]}"; do
    java -XX:SharedArchiveFile="$root/cli/target/toksmith.jsa" -XX:+UseSerialGC -Xms16m -XX:TieredStopAtLevel=1 \
      -XX:CompileCommandFile="${COMPILE_COMMANDS:-$root/cli/src/main/jvm/compile-commands}" -Dtoksmith.stderr.tty=false \
      -Xlog:class+load:file="$work/log":uptime -jar "$root/cli/target/toksmith.jar" train --type wordlevel -o "$work/out.json" "$file" 2> /dev/null
    echo "$root $(mark dev.toksmith.cli.Main) $(mark dev.toksmith.cli.HelpFormat) $(mark dev.toksmith.cli.WordLevelTraining)" \
      "$(mark dev.toksmith.core.models.wordlevel.WordLevelVocabTrainer) $(mark dev.toksmith.shaded.jackson.core.JsonFactory) $(mark)"
  done
done > "$work/marks"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/marks" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    root, *marks = line.split()
    rows.setdefault(root, []).append([float(m) for m in marks])
phases = ["JVM", "picocli", "set-up", "read+count", "rank", "write", "total"]
print(f"{'ms (median)':28}" + "".join(f"{p:>11}" for p in phases))
for root, runs in rows.items():
    spans = [[r[0], r[1] - r[0], r[2] - r[1], r[3] - r[2], r[4] - r[3], r[5] - r[4], r[5]] for r in runs]
    print(f"{root[-28:]:28}" + "".join(f"{statistics.median(s[i] for s in spans) * 1000:11.0f}" for i in range(7)))
PY
