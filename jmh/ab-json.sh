#!/usr/bin/env bash
# A/B of `toksmith encode` through a tokenizer.json and through a built-in name, between two checkouts'
# launchers, as whole processes, interleaved: each round runs A's name, B's name, A's file, B's file on
# the same text. Prints the median wall and CPU time (user + system) and peak RSS of each, and each
# side's file / name ratios. For loading work: a one-line TEXT isolates the load, a large one shows
# it against the encoding. Checks that all four write the same ids.
#
# usage: jmh/ab-json.sh CHECKOUT_A CHECKOUT_B NAME [TEXT]
#   NAME: a built-in encoding (cl100k_base, o200k_base ...); its tokenizer.json is made by A's
#   `toksmith convert -t NAME`. TEXT: default one line, "hi".
# environment: ROUNDS (default 7). Each side has a tokenizer cache directory of this run (a checkout
#   without the cache ignores it; two sides sharing one would replace each other's entry whenever their
#   entry formats differ); before the rounds, each side runs its tokenizer.json once with it empty
#   ("cold": parsing, and writing the entry), then the rounds read the entry. CACHE=off runs without it.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: jmh/ab-json.sh CHECKOUT_A CHECKOUT_B NAME [TEXT]" >&2; exit 2; }
a=$(cd "$1" && pwd) b=$(cd "$2" && pwd) name=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ "${CACHE:-on}" != off ] || export TOKSMITH_CACHE=off
text=${4:-$work/hi.txt}
echo hi > "$work/hi.txt"
for c in "$a" "$b"; do "$c/toksmith" --version >/dev/null; done # builds jars and archives outside the timings
"$a/toksmith" convert --tokenizer "$name" --output "$work/$name.json" 2>/dev/null
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
stat() { awk -v c="$2" '{ print $c }' "$work/$1.runs" | median; }
echo "A: $a ($(git -C "$a" rev-parse --short HEAD 2>/dev/null || echo no git))  B: $b ($(git -C "$b" rev-parse --short HEAD 2>/dev/null || echo no git))"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); text $(basename "$text") ($(wc -c < "$text") bytes); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for side in A B; do
  checkout=$a
  [ $side = A ] || checkout=$b
  TOKSMITH_CACHE_DIR="$work/cache-$side" /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$checkout/toksmith" encode --tokenizer "$work/$name.json" < "$text" > "$work/$side-cold.ids"
  echo "$side-json cold (empty cache): $(awk '{ printf "%.2f s wall, %.2f s CPU, %d MB", $1, $2 + $3, $4 / 1024 }' "$work/time")"
done
for round in $(seq "${ROUNDS:-7}"); do
  for run in A-name B-name A-json B-json; do
    checkout=$a
    [[ $run == B-* ]] && checkout=$b
    spec=$name
    [[ $run == *-json ]] && spec=$work/$name.json
    TOKSMITH_CACHE_DIR="$work/cache-${run%%-*}" /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$checkout/toksmith" encode --tokenizer "$spec" < "$text" > "$work/$run.ids"
    awk '{ print $1, $2 + $3, $4 }' "$work/time" >> "$work/$run.runs"
  done
  for run in B-name A-json B-json; do
    cmp -s "$work/A-name.ids" "$work/$run.ids" || { echo "ab-json: $run wrote other ids than A-name" >&2; exit 1; }
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); medians of ${ROUNDS:-7}"
printf '%-7s %8s %8s %7s\n' run wall_s cpu_s rss_MB
for run in A-name B-name A-json B-json; do
  printf '%-7s %8.2f %8.2f %7d\n' "$run" "$(stat "$run" 1)" "$(stat "$run" 2)" $(($(stat "$run" 3 | cut -d. -f1) / 1024))
done
for side in A B; do
  echo "$side: json / name $(awk "BEGIN { printf \"%.2fx wall, %.2fx CPU\", $(stat $side-json 1) / $(stat $side-name 1), $(stat $side-json 2) / $(stat $side-name 2) }")"
done
