#!/usr/bin/env bash
# Start-up and small inputs, each run a whole process as users start it: what toksmith costs before
# and around its real work. Interleaves, RUNS times, one run of each case:
#   hello        a hello-world JVM with the launcher's training flags: the floor no Java tool gets under
#   train-20k    ./toksmith train --type wordlevel on the first 20 KB of FILE: a training's fixed cost
#   train-4m     ./toksmith train --type wordlevel on FILE
#   hf-4m        Hugging Face's WordLevelTrainer on FILE (hf-train-words.py), when python3 has tokenizers
#   encode-hi    echo hi | ./toksmith encode --tokenizer o200k_base
# With BASE=ROOT, that checkout's launcher runs the toksmith cases too (base-*), for an A/B. Prints,
# per case, the median wall time, the median CPU time (user + system: the figure to compare on a
# loaded machine) and the median peak RSS, and checks that both checkouts wrote the same vocabulary.
#
# usage: jmh/compare-startup.sh [FILE]   (default: the first 4 MB of jmh/target/bench-corpus/all.txt, cut at a line end)
# environment: RUNS (default 7), THREADS (2: --threads and RAYON_NUM_THREADS), BASE (another checkout, built).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-7}
threads=${THREADS:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ $# -ge 1 ]; then
  input=$1
else
  corpus="$root/jmh/target/bench-corpus/all.txt"
  [ -f "$corpus" ] || { echo "no $corpus: build it with jmh/bench-corpus.sh, or give a FILE" >&2; exit 1; }
  input="$work/4m.txt"
  head -c 4000000 "$corpus" | sed '$d' > "$input"
fi
[ -f "$input" ] || { echo "no such file: $input" >&2; exit 1; }
head -c 20000 "$input" | sed '$d' > "$work/20k.txt"
echo hi > "$work/hi.txt"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' > "$work/Hello.java"
javac -d "$work" "$work/Hello.java"

"$root/toksmith" --version >/dev/null
[ -z "${BASE:-}" ] || "$BASE/toksmith" --version >/dev/null
hf=false
python3 -c 'import tokenizers' 2>/dev/null && hf=true

# timed CASE STDIN COMMAND...: appends "wall cpu rss-kB" of one run to $work/CASE.
timed() {
  local name=$1 stdin=$2
  shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" < "$stdin" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time" >> "$work/$name"
}

# cases LAUNCHER PREFIX: one run of each toksmith case through LAUNCHER.
cases() {
  timed "${2}train-20k" /dev/null "$1" train --type wordlevel --threads "$threads" -o "$work/${2}20k.json" "$work/20k.txt"
  timed "${2}train-4m" /dev/null "$1" train --type wordlevel --threads "$threads" -o "$work/${2}4m.json" "$input"
  timed "${2}encode-hi" "$work/hi.txt" "$1" encode --tokenizer o200k_base
}

echo "input: $input ($(wc -c < "$input") bytes); $threads threads; $runs runs of each case, interleaved"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) processors; $(java -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  timed hello /dev/null java -Xshare:auto -XX:+UseSerialGC -Xms16m -XX:TieredStopAtLevel=1 -cp "$work" Hello
  cases "$root/toksmith" ""
  [ -z "${BASE:-}" ] || cases "$BASE/toksmith" base-
  ! $hf || timed hf-4m /dev/null env RAYON_NUM_THREADS="$threads" python3 "$root/jmh/hf-train-words.py" train wordlevel "$work/hf-4m.json" "$input"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

median() {
  sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
printf '%-16s %10s %10s %10s\n' case "wall (s)" "CPU (s)" "RSS (MB)"
for name in hello train-20k base-train-20k train-4m base-train-4m hf-4m encode-hi base-encode-hi; do
  [ -f "$work/$name" ] || continue
  printf '%-16s %10s %10s %10.0f\n' "$name" "$(awk '{ print $1 }' "$work/$name" | median)" "$(awk '{ print $2 }' "$work/$name" | median)" \
    "$(awk '{ print $3 / 1024 }' "$work/$name" | median)"
done
if [ -n "${BASE:-}" ]; then
  cmp -s "$work/4m.json" "$work/base-4m.json" || { echo "the two checkouts trained different vocabularies" >&2; exit 1; }
  echo "both checkouts wrote the same vocabulary"
fi
if $hf; then
  set -- $(python3 "$root/jmh/hf-train-words.py" differ "$work/hf-4m.json" "$work/4m.json")
  [ "$1" = 0 ] && [ "$2" = 0 ] || { echo "toksmith's vocabulary differs from Hugging Face's: $1 and $2 tokens apart" >&2; exit 1; }
  echo "toksmith's vocabulary is Hugging Face's ($3 tokens)"
fi
