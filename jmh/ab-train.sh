#!/bin/sh
# A/B of `toksmith train` between two checkouts, interleaved: each round runs checkout A's launcher,
# then checkout B's, on the same input with the same options, each timed as a whole process with
# /usr/bin/time (wall, CPU = user + system, peak RSS). Prints every run, then the medians per side
# and B/A, and checks that both wrote the same file (exit 1 if not): a speed change must not change
# the model.
#
# usage: jmh/ab-train.sh ROOT_A ROOT_B FILE [TRAIN OPTIONS...]
#   ROOT_A, ROOT_B: two checkouts (each built: their ./toksmith launchers run, with their own JVM
#   flags and class-data archives); FILE: the corpus; options as `toksmith train` takes them, e.g.
#   --type sp-bpe --vocab-size 8000 --threads 2 (the output file is the script's).
# environment: ROUNDS (default 5).
set -eu
[ $# -ge 3 ] || { echo "usage: jmh/ab-train.sh ROOT_A ROOT_B FILE [TRAIN OPTIONS...]" >&2; exit 2; }
a=$1 b=$2 input=$3
shift 3
[ -f "$input" ] || { echo "no such file: $input" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The output's extension decides its format: .model for the SentencePiece types, else tokenizer.json.
ext=json
case " $* " in *" unigram "* | *" sp-bpe "* | *"=unigram "* | *"=sp-bpe "*) ext=model ;; esac
"$a/toksmith" --version >/dev/null
"$b/toksmith" --version >/dev/null
echo "input: $input ($(wc -c < "$input") bytes); options: $*; ${ROUNDS:-5} rounds, A then B"
echo "A: $a ($(git -C "$a" rev-parse --short HEAD 2>/dev/null || echo '?')), B: $b ($(git -C "$b" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) processors; load before: $(uptime | sed 's/.*average: //')"
round=1
while [ "$round" -le "${ROUNDS:-5}" ]; do
  for side in A B; do
    root=$a
    [ "$side" = B ] && root=$b
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$root/toksmith" train "$@" -o "$work/$side.$ext" "$input" > "$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
    read -r wall user sys rss < "$work/time"
    cpu=$(echo "$user $sys" | awk '{ printf "%.2f", $1 + $2 }')
    echo "$side round $round: wall $wall s, cpu $cpu s, peak RSS $((rss / 1024)) MB"
    echo "$side $wall $cpu $rss" >> "$work/runs"
  done
  cmp -s "$work/A.$ext" "$work/B.$ext" || { echo "A and B wrote different files in round $round" >&2; exit 1; }
  round=$((round + 1))
done
echo "load after: $(uptime | sed 's/.*average: //')"
# median COLUMN SIDE
median() {
  awk -v side="$2" -v col="$1" '$1 == side { print $col }' "$work/runs" | sort -n |
    awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
wa=$(median 2 A) wb=$(median 2 B) ca=$(median 3 A) cb=$(median 3 B) ra=$(median 4 A) rb=$(median 4 B)
echo "medians: A wall $wa s, cpu $ca s, RSS $(echo "$ra" | awk '{ printf "%.0f", $1 / 1024 }') MB; B wall $wb s, cpu $cb s, RSS $(echo "$rb" | awk '{ printf "%.0f", $1 / 1024 }') MB"
echo "B/A: wall $(echo "$wb $wa" | awk '{ printf "%.2f", $1 / $2 }'), cpu $(echo "$cb $ca" | awk '{ printf "%.2f", $1 / $2 }'), RSS $(echo "$rb $ra" | awk '{ printf "%.2f", $1 / $2 }'); same output in every round"
