#!/usr/bin/env bash
# Times `toksmith encode` with --threads 1, --threads 2 and the default thread count, alternating, on
# inputs of several sizes (the first N bytes of TEXT, cut at a line end), each as a whole process, and
# prints the median wall and CPU time of each and the speed-ups over one thread. Checks that every
# thread count writes the same ids. With BASELINE (another checkout's launcher), each run of this
# launcher is followed by the same run of the baseline, and both get a row: an A/B under the same load.
#
# usage: jmh/compare-threads.sh [TEXT]   (default jmh/target/bench-multilingual/multilingual.txt)
# environment: RUNS (default 3), TOKENIZERS (default "o200k_base"; names or files, as --tokenizer
#   takes them), SIZES in bytes (default "100000 1000000 8000000 all"), TOKSMITH the launcher
#   (default ./toksmith of this checkout), BASELINE a launcher to compare it with (default none),
#   ORDER the thread counts in the order each round runs them (default "1 2 default").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-3}
toksmith=${TOKSMITH:-$root/toksmith}
tokenizers=${TOKENIZERS:-o200k_base}
sizes=${SIZES:-"100000 1000000 8000000 all"}
order=${ORDER:-"1 2 default"}
text=${1:-$root/jmh/target/bench-multilingual/multilingual.txt}
[ -f "$text" ] || { echo "compare-threads: no such file: $text (jmh/multilingual-corpus.py makes the default)" >&2; exit 1; }
launchers=("$toksmith")
[ -z "${BASELINE:-}" ] || launchers+=("$BASELINE")
for launcher in "${launchers[@]}"; do "$launcher" --version >/dev/null; done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
stat() { awk -v c="$2" '{ print $c }' "$work/$1.runs" | median; }

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1); median of $runs"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -z "${BASELINE:-}" ] || echo "A: $toksmith, B: $BASELINE"
printf '%-16s %10s %8s %8s %8s %8s %8s %8s %7s %7s\n' tokenizer bytes t1_wall t1_cpu t2_wall t2_cpu def_wall def_cpu t2_x def_x
for size in $sizes; do
  input=$work/input
  if [ "$size" = all ]; then
    input=$text
  else
    # The first $size bytes, extended to the end of their last line.
    head -c "$size" "$text" > "$input"
    tail -c +"$((size + 1))" "$text" | sed -n '1p' >> "$input" || true
  fi
  for tok in $tokenizers; do
    rm -f "$work"/*.runs
    for ((i = 0; i < runs; i++)); do
      for threads in $order; do
        args=()
        [ "$threads" = default ] || args=(--threads "$threads")
        for side in "${!launchers[@]}"; do
          /usr/bin/time -f '%e %U %S' -o "$work/time" "${launchers[$side]}" encode --tokenizer "$tok" "${args[@]+"${args[@]}"}" < "$input" > "$work/$side-$threads.ids"
          awk '{ print $1, $2 + $3 }' "$work/time" >> "$work/$side-$threads.runs"
        done
      done
      for side in "${!launchers[@]}"; do
        cmp -s "$work/0-1.ids" "$work/$side-2.ids" && cmp -s "$work/0-1.ids" "$work/$side-1.ids" && cmp -s "$work/0-1.ids" "$work/$side-default.ids" ||
          { echo "compare-threads: $tok: the thread counts (or launchers) wrote different ids" >&2; exit 1; }
      done
    done
    for side in "${!launchers[@]}"; do
      label=$(basename "$tok")
      [ ${#launchers[@]} = 1 ] || label="$label $(printf '%s' AB | cut -c$((side + 1)))"
      w1=$(stat "$side-1" 1) w2=$(stat "$side-2" 1) wd=$(stat "$side-default" 1)
      printf '%-16s %10d %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %6.2fx %6.2fx\n' "$label" "$(wc -c < "$input")" \
        "$w1" "$(stat "$side-1" 2)" "$w2" "$(stat "$side-2" 2)" "$wd" "$(stat "$side-default" 2)" "$(awk "BEGIN { print $w1 / $w2 }")" "$(awk "BEGIN { print $w1 / $wd }")"
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
