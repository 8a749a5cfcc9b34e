#!/usr/bin/env bash
# Whole-process speed of `toksmith lm score` (issue 18's targets): order-3 models trained by `lm train`
# on about 3 MB of Supreme Court opinions (2009 term), scoring 100 KB of other opinions (2010 term), at
# token level and byte level, for r50k_base and o200k_base. Needs ../shared/corpora/legal (or
# LEGAL=DIR holding scotus-opinions/2009 and 2010). Prints seconds (wall, user+sys), KB/s and the
# bits per byte each level gives, which must agree. Work files go to ${WORK:-/tmp/toksmith-lm-score}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
legal="${LEGAL:-$root/../shared/corpora/legal}"
work="${WORK:-/tmp/toksmith-lm-score}"
[ -d "$legal/scotus-opinions/2009" ] || { echo "lm-score.sh: no $legal/scotus-opinions (set LEGAL=DIR)" >&2; exit 1; }
mkdir -p "$work"
# Training text: the 2009 opinions, first 3,000,000 bytes, whole lines. Held-out: the 2010 opinions' first 100,000 bytes.
first_lines() { # bytes, files...: the whole lines within the first so many bytes of the files
  local bytes="$1"; shift
  cat "$@" | head -c "$bytes" | sed '$d' || true
}
first_lines 3000000 "$legal"/scotus-opinions/2009/*.txt > "$work/train.txt"
first_lines 100000 "$legal"/scotus-opinions/2010/*.txt > "$work/held.txt"
"$root/toksmith" --version >/dev/null   # builds the jar when sources changed
run() { # label, then the command; prints wall and user+sys seconds
  local label="$1"; shift
  local t; t="$( { /usr/bin/time -f '%e %U %S' "$@" > "$work/out.txt"; } 2>&1 | tail -1)"
  read -r wall user sys <<< "$t"
  local cpu; cpu="$(echo "$user + $sys" | bc)"
  local kb; kb="$(echo "scale=1; $(stat -c %s "$work/held.txt") / 1000 / $wall" | bc)"
  printf '%-28s wall %7.2f s  cpu %7.2f s  %7s KB/s  %s\n' "$label" "$wall" "$cpu" "$kb" "$(head -c 60 "$work/out.txt")"
}
echo "train: $(stat -c %s "$work/train.txt") bytes, held out: $(stat -c %s "$work/held.txt") bytes, $(wc -l < "$work/held.txt") texts"
for enc in ${ENCODINGS:-r50k_base o200k_base}; do
  [ -f "$work/$enc.lm" ] || "$root/toksmith" lm train -t "$enc" --order 3 -o "$work/$enc.lm" "$work/train.txt"
  run "$enc tokens" "$root/toksmith" lm score -m "$work/$enc.lm" --level tokens "$work/held.txt"
  run "$enc bytes" "$root/toksmith" lm score -m "$work/$enc.lm" --level bytes "$work/held.txt"
done
