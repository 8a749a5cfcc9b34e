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

# For runs interleaved between tools (fairer on a loaded machine): `timed_once NAME COMMAND...` runs
# COMMAND once, appending its figures to $work/NAME.runs; `medians NAME` then leaves "median-wall
# median-cpu max-rss-kB" over those runs in $work/NAME.
timed_once() {
  name=$1
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" "$@" > "$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; exit 1; }
  cat "$work/$name.time" >> "$work/$name.runs"
}
medians() {
  awk '{ print $1, $2 + $3, $4 }' "$work/$1.runs" | awk '
    { wall[NR] = $1; cpu[NR] = $2; if ($3 > rss) rss = $3 }
    function median(v, n,   i, j, t) {
      for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
      return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    END { print median(wall, NR), median(cpu, NR), rss }' > "$work/$1"
}
