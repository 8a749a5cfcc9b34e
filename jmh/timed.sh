# Sourced by the comparison scripts: timed NAME COMMAND... runs COMMAND $runs times (default 1) with
# /usr/bin/time, its output in $work/NAME.log, and leaves "best-wall-seconds cpu-seconds max-rss-kB" in
# $work/NAME (the CPU time, user + system, of the run with the best wall time). Needs $work.
timed() {
  name=$1
  shift
  : > "$work/$name.runs"
  i=0
  while [ "$i" -lt "${runs:-1}" ]; do
    /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" "$@" > "$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; exit 1; }
    cat "$work/$name.time" >> "$work/$name.runs"
    i=$((i + 1))
  done
  awk 'NR == 1 || $1 < wall { wall = $1; cpu = $2 + $3 } $4 > rss { rss = $4 } END { print wall, cpu, rss }' "$work/$name.runs" > "$work/$name"
}
