#!/usr/bin/env bash
# Whole-process speed of `toksmith lm score` (issue 18's targets): order-3 models trained by `lm train`
# on about 3 MB of Supreme Court opinions (2009 term), scoring 100 KB of other opinions (2010 term), at
# token level and byte level, for r50k_base and o200k_base. Needs ../shared/corpora/legal (or
# LEGAL=DIR holding scotus-opinions/2009 and 2010). Prints seconds (wall, user+sys), KB/s and the
# bits per byte each level gives, which must agree. Work files go to ${WORK:-/tmp/toksmith-lm-score}.
# ENCODINGS names the tokenizers (built-in names or tokenizer.json paths); TOKSMITH="java -jar OTHER.jar"
# runs another build (for an A/B against a baseline jar); REPS repeats each run; LEVELS="tokens" runs
# one level; HELD_BYTES scores a shorter held-out text (for baselines too slow for 100 KB).
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
first_lines "${HELD_BYTES:-100000}" "$legal"/scotus-opinions/2010/*.txt > "$work/held.txt"
read -r -a toksmith <<< "${TOKSMITH:-$root/toksmith}"
"${toksmith[@]}" --version >/dev/null   # the launcher builds the jar when sources changed
run() { # label, then the command; prints wall and user+sys seconds
  local label="$1"; shift
  local t; t="$( { /usr/bin/time -f '%e %U %S' "$@" > "$work/out.txt"; } 2>&1 | tail -1)"
  read -r wall user sys <<< "$t"
  local cpu; cpu="$(echo "$user + $sys" | bc)"
  local kb; kb="$(echo "scale=2; $(stat -c %s "$work/held.txt") / 1000 / $wall" | bc)"
  printf '%-28s wall %7.2f s  cpu %7.2f s  %7s KB/s  %s\n' "$label" "$wall" "$cpu" "$kb" "$(head -c 60 "$work/out.txt")"
}
echo "train: $(stat -c %s "$work/train.txt") bytes, held out: $(stat -c %s "$work/held.txt") bytes, $(wc -l < "$work/held.txt") texts"
for enc in ${ENCODINGS:-r50k_base o200k_base}; do
  name="$(basename "$enc" .json)"
  [ -f "$work/$name.lm" ] || "${toksmith[@]}" lm train -t "$enc" --order 3 -o "$work/$name.lm" "$work/train.txt"
  for ((rep = 0; rep < ${REPS:-1}; rep++)); do
    for level in ${LEVELS:-tokens bytes}; do
      run "$name $level" "${toksmith[@]}" lm score -m "$work/$name.lm" --level "$level" "$work/held.txt"
    done
  done
done
