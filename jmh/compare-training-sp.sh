#!/bin/sh
# Trains SentencePiece models on the same text with sentencepiece's own trainer (the Python wheel,
# through spm-train.py) and with `./toksmith train --type unigram|sp-bpe`, each timed as a whole
# process with /usr/bin/time, and prints wall time, CPU time, peak RSS and toksmith's ratios. Then
# compares the models: sp-bpe's pieces in order (with scores), Unigram's piece sets (Jaccard) and the
# tokens each model cuts held-out text into (tokens per character).
#
# usage: jmh/compare-training-sp.sh [FILE]   (default: jmh/target/bench-corpus/all.txt, see bench-corpus.sh)
# environment: TYPES (default "sp-bpe unigram"), THREADS (2: --num_threads for spm, --threads for
# toksmith), VOCAB_SIZE (8000, both defaults), RUNS (1) runs of each tool, alternating spm and
# toksmith, the median wall and CPU times and the highest RSS reported; HELD_OUT (default: the bundled samples us-declaration-of-independence
# and udhr-deu/jpn/rus/hin, which the corpus built by bench-corpus.sh also holds) for tokens per
# character; EXTRA (more options, spm_train spelling without dashes, e.g. "byte_fallback=true",
# given to both); PYTHON (python3) with sentencepiece==0.2.2 installed.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
input=${1:-"$root/jmh/target/bench-corpus/all.txt"}
[ -f "$input" ] || { echo "no such file: $input (build the corpus with jmh/bench-corpus.sh)" >&2; exit 1; }
types=${TYPES:-"sp-bpe unigram"}
threads=${THREADS:-2}
vocab_size=${VOCAB_SIZE:-8000}
runs=${RUNS:-1}
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
samples="$root/corpora-samples/src/main/resources/dev/toksmith/samples"
if [ -n "${HELD_OUT:-}" ]; then
  cp "$HELD_OUT" "$work/heldout.txt"
else
  cat "$samples/us-declaration-of-independence.txt" "$samples/udhr-deu.txt" "$samples/udhr-jpn.txt" "$samples/udhr-rus.txt" "$samples/udhr-hin.txt" > "$work/heldout.txt"
fi

"$root/toksmith" --version >/dev/null
"$python" -c 'import sentencepiece; print("sentencepiece", sentencepiece.__version__)'

. "$root/jmh/timed.sh"

echo "input: $input ($(wc -c < "$input") bytes); vocabulary $vocab_size, $threads threads, medians of $runs${EXTRA:+; $EXTRA}"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) processors"
echo "load before: $(uptime)"
for type in $types; do
  spm_type=$([ "$type" = unigram ] && echo unigram || echo bpe)
  options=""
  for option in ${EXTRA:-}; do
    key=${option%%=*}
    value=${option#*=}
    flag="--$(echo "$key" | tr _ -)"
    case $key in
      normalization_rule_name) flag=--normalization ;;
      max_sentencepiece_length) flag=--max-piece-length ;;
    esac
    case $value in
      true) options="$options $flag" ;;
      false) options="$options --no-${flag#--}" ;;
      *) options="$options $flag=$value" ;;
    esac
  done
  run=1
  while [ "$run" -le "$runs" ]; do
    # shellcheck disable=SC2086
    timed_once "spm-$type" "$python" "$root/jmh/spm-train.py" "$spm_type" "$vocab_size" "$threads" "$work/spm-$type" "$input" ${EXTRA:-}
    # shellcheck disable=SC2086
    timed_once "toksmith-$type" "$root/toksmith" train --type "$type" --vocab-size "$vocab_size" --threads "$threads" $options -o "$work/toksmith-$type.model" "$input"
    run=$((run + 1))
  done
  medians "spm-$type"
  medians "toksmith-$type"
done
echo "load after: $(uptime)"

"$python" - "$work" "$types" <<'PY'
import os, sys
import sentencepiece as spm
from sentencepiece import sentencepiece_model_pb2

work, types = sys.argv[1], sys.argv[2].split()
def measured(name):
    wall, cpu, rss = open(os.path.join(work, name)).read().split()
    return float(wall), float(cpu), int(rss) / 1024
def pieces(path):
    proto = sentencepiece_model_pb2.ModelProto()
    with open(path, "rb") as f:
        proto.ParseFromString(f.read())
    return [(p.piece, p.score, p.type) for p in proto.pieces]
held = [line.rstrip("\n") for line in open(os.path.join(work, "heldout.txt"), encoding="utf-8") if line.strip()]
characters = sum(len(line) for line in held)

print(f"{'':32} {'wall s':>8} {'cpu s':>8} {'peak RSS MB':>12} {'toksmith wall':>14} {'toksmith cpu':>13} {'toksmith RSS':>13}")
for t in types:
    ours = measured("toksmith-" + t)
    for name, label in (("spm-" + t, "sentencepiece " + t), ("toksmith-" + t, "toksmith " + t)):
        m = measured(name)
        print(f"{label:32} {m[0]:8.2f} {m[1]:8.2f} {m[2]:12.0f} {ours[0] / m[0]:14.2f} {ours[1] / m[1]:13.2f} {ours[2] / m[2]:13.2f}")
status = 0
for t in types:
    theirs = pieces(os.path.join(work, f"spm-{t}.model"))
    ours = pieces(os.path.join(work, f"toksmith-{t}.model"))
    if t == "sp-bpe":
        differ = [i for i in range(min(len(theirs), len(ours))) if theirs[i] != ours[i]] + list(range(min(len(theirs), len(ours)), max(len(theirs), len(ours))))
        if differ:
            status = 1
            print(f"sp-bpe pieces DIFFER at {len(differ)} of {len(theirs)} ids; first at id {differ[0]}: {theirs[differ[0]:differ[0] + 3]} vs {ours[differ[0]:differ[0] + 3]}")
        else:
            print(f"sp-bpe pieces: identical ({len(ours)} pieces, same order, same scores)")
    a = {p for p, _, kind in theirs if kind == 1}
    b = {p for p, _, kind in ours if kind == 1}
    counts = []
    for who in ("spm", "toksmith"):
        model = spm.SentencePieceProcessor(model_file=os.path.join(work, f"{who}-{t}.model"))
        counts.append(sum(len(model.encode(line)) for line in held))
    print(f"{t}: Jaccard {len(a & b) / len(a | b):.4f} ({len(a & b)} of {len(a)} pieces shared); held-out tokens per character "
          f"{counts[0] / characters:.4f} (sentencepiece) vs {counts[1] / characters:.4f} (toksmith), {100 * (counts[1] / counts[0] - 1):+.2f}%")
sys.exit(status)
PY
