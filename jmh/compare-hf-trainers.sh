#!/bin/sh
# Trains WordPiece and WordLevel vocabularies on the same text with Hugging Face (Python tokenizers,
# through hf-train-words.py: BertWordPieceTokenizer.train and WordLevelTrainer with their defaults)
# and with `./toksmith train --type wordpiece|wordlevel`, alternating the two RUNS times, each run
# timed as a whole process with /usr/bin/time. Prints the median and best wall time, the median CPU
# time (user + system: what to compare on a loaded machine) and the highest peak RSS of each, then
# checks the results:
#   - vocabulary: how many tokens toksmith's vocabulary lacks of each Hugging Face run's and the
#     other way round, next to how far Hugging Face's own runs are apart (its WordPiece trainer
#     breaks ties in hash order, seeded anew in every process); WordLevel must be identical;
#   - held-out ids: Hugging Face running toksmith's tokenizer.json must give toksmith's ids on every
#     held-out line, special tokens added.
# The last HELD_OUT lines of the input are held out of training (the input is one file).
#
# usage: jmh/compare-hf-trainers.sh [FILE]   (default: jmh/target/bench-corpus/all.txt, see bench-corpus.sh)
# environment: THREADS (default 2; RAYON_NUM_THREADS for Hugging Face, --threads for toksmith),
# RUNS (3; at least 2 to see Hugging Face's own variation), TYPES ("wordpiece wordlevel"),
# HELD_OUT (20000 lines). Needs python3 with tokenizers (pip install tokenizers==0.23.2).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
input=${1:-"$root/jmh/target/bench-corpus/all.txt"}
[ -f "$input" ] || { echo "no such file: $input (build the corpus with jmh/bench-corpus.sh)" >&2; exit 1; }
threads=${THREADS:-2}
runs=${RUNS:-3}
types=${TYPES:-wordpiece wordlevel}
held_out=${HELD_OUT:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

lines=$(wc -l < "$input")
[ "$lines" -gt "$held_out" ] || { echo "$input has $lines lines, not more than HELD_OUT=$held_out" >&2; exit 1; }
head -n "$((lines - held_out))" "$input" > "$work/train.txt"
tail -n "$held_out" "$input" > "$work/held-out.txt"

# Build toksmith's jar first, so that the timed runs only train.
"$root/toksmith" --version >/dev/null

# timed LOG COMMAND...: appends "wall-seconds max-rss-kB cpu-seconds" of one run to LOG.
timed() {
  log=$1
  shift
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/time" >> "$log"
}

# summary LOG: "median-wall best-wall max-rss median-cpu" of the runs in LOG.
summary() {
  cpu=$(awk '{ print $3 }' "$1" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  sort -n "$1" | awk -v cpu="$cpu" '{ wall[NR] = $1; if ($2 > rss) rss = $2 } END { m = NR % 2 ? wall[(NR + 1) / 2] : (wall[NR / 2] + wall[NR / 2 + 1]) / 2; printf "%.2f %.2f %.0f %s\n", m, wall[1], rss / 1024, cpu }'
}

python3 -c 'import tokenizers; print("Hugging Face tokenizers", tokenizers.__version__)'
echo "input: $input: $(wc -c < "$work/train.txt") bytes trained on, last $held_out lines held out; $threads threads, $runs runs each, alternating"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) processors"
echo "load before: $(uptime)"

status=0
for type in $types; do
  : > "$work/hf-$type.log"
  : > "$work/ts-$type.log"
  i=1
  while [ "$i" -le "$runs" ]; do
    timed "$work/hf-$type.log" env RAYON_NUM_THREADS="$threads" python3 "$root/jmh/hf-train-words.py" train "$type" "$work/hf-$type-$i.json" "$work/train.txt"
    timed "$work/ts-$type.log" "$root/toksmith" train --type "$type" --threads "$threads" -o "$work/ts-$type.json" "$work/train.txt"
    i=$((i + 1))
  done
  set -- $(summary "$work/hf-$type.log")
  hf_median=$1 hf_best=$2 hf_rss=$3 hf_cpu=$4
  set -- $(summary "$work/ts-$type.log")
  ts_median=$1 ts_best=$2 ts_rss=$3 ts_cpu=$4
  echo
  echo "== $type"
  printf '%-34s %9s %9s %9s %12s\n' "" "median s" "best s" "CPU s" "peak RSS MB"
  printf '%-34s %9s %9s %9s %12s\n' "Hugging Face" "$hf_median" "$hf_best" "$hf_cpu" "$hf_rss"
  printf '%-34s %9s %9s %9s %12s\n' "toksmith" "$ts_median" "$ts_best" "$ts_cpu" "$ts_rss"
  awk -v a="$ts_median" -v b="$hf_median" -v c="$ts_rss" -v d="$hf_rss" -v e="$ts_cpu" -v f="$hf_cpu" \
    'BEGIN { printf "toksmith / Hugging Face: wall %.2f (median), CPU %.2f (median), peak RSS %.2f\n", a / b, e / f, c / d }'

  # Vocabulary: toksmith against each Hugging Face run, and the runs against each other.
  worst=0
  i=1
  while [ "$i" -le "$runs" ]; do
    set -- $(python3 "$root/jmh/hf-train-words.py" differ "$work/hf-$type-$i.json" "$work/ts-$type.json")
    echo "Hugging Face run $i ($3 tokens): toksmith lacks $1 of its tokens, has $2 it lacks"
    [ "$1" -gt "$worst" ] && worst=$1
    [ "$2" -gt "$worst" ] && worst=$2
    i=$((i + 1))
  done
  apart=0
  i=1
  while [ "$i" -le "$runs" ]; do
    j=$((i + 1))
    while [ "$j" -le "$runs" ]; do
      set -- $(python3 "$root/jmh/hf-train-words.py" differ "$work/hf-$type-$i.json" "$work/hf-$type-$j.json")
      [ "$1" -gt "$apart" ] && apart=$1
      [ "$2" -gt "$apart" ] && apart=$2
      j=$((j + 1))
    done
    i=$((i + 1))
  done
  size=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["model"]["vocab"]))' "$work/ts-$type.json")
  awk -v w="$worst" -v a="$apart" -v n="$size" 'BEGIN { printf "most tokens one side lacks: toksmith vs Hugging Face %d (%.3f%%), Hugging Face vs itself %d (%.3f%%)\n", w, 100 * w / n, a, 100 * a / n }'
  if [ "$type" = wordlevel ] && [ "$worst" -ne 0 ]; then
    echo "wordlevel vocabularies DIFFER"
    status=1
  fi

  # Held-out ids: Hugging Face running toksmith's file.
  "$root/toksmith" encode --tokenizer "$work/ts-$type.json" --add-special-tokens "$work/held-out.txt" > "$work/ts-ids.txt"
  python3 "$root/jmh/hf-train-words.py" encode "$work/ts-$type.json" "$work/held-out.txt" > "$work/hf-ids.txt"
  if cmp -s "$work/ts-ids.txt" "$work/hf-ids.txt"; then
    echo "held-out: Hugging Face gives toksmith's ids on all $held_out lines with toksmith's file"
  else
    echo "held-out: ids DIFFER, first at line $(cmp "$work/ts-ids.txt" "$work/hf-ids.txt" | awk '{ print $NF }')"
    status=1
  fi
done
echo
echo "load after: $(uptime)"
exit "$status"
