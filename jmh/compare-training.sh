#!/bin/sh
# Trains a byte-level BPE on the same text with Hugging Face's BpeTrainer (Python tokenizers, through
# hf-train.py), with spm_train --model_type=bpe and with `./toksmith train`, each timed as a whole
# process with /usr/bin/time, and prints wall time, peak RSS and toksmith's ratios to both. Then
# checks that toksmith learned Hugging Face's merges, in order, and its vocabulary.
#
# usage: jmh/compare-training.sh [FILE...]   (default: jmh/target/bench-corpus/all.txt, see bench-corpus.sh)
# environment: THREADS (default 2; RAYON_NUM_THREADS for HF, --num_threads for spm, --threads for
# toksmith), VOCAB_SIZE (32000), MIN_FREQUENCY (2), SPM=0 to leave spm_train out, RUNS (1) runs of
# each tool, the best wall time and the highest RSS reported. Needs python3 with tokenizers
# (pip install tokenizers==0.23.2) and, unless SPM=0, spm_train (Debian package sentencepiece).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || set -- "$root/jmh/target/bench-corpus/all.txt"
for f in "$@"; do [ -f "$f" ] || { echo "no such file: $f (build the corpus with jmh/bench-corpus.sh)" >&2; exit 1; }; done
threads=${THREADS:-2}
vocab_size=${VOCAB_SIZE:-32000}
min_frequency=${MIN_FREQUENCY:-2}
runs=${RUNS:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Build toksmith's jar first, so that the timed runs only train.
"$root/toksmith" --version >/dev/null

. "$root/jmh/timed.sh"

python3 -c 'import tokenizers; print("Hugging Face tokenizers", tokenizers.__version__)'
echo "input: $* ($(cat "$@" | wc -c) bytes); vocabulary $vocab_size, minimum frequency $min_frequency, $threads threads, best of $runs"
echo "load before: $(uptime)"

timed hf env RAYON_NUM_THREADS="$threads" python3 "$root/jmh/hf-train.py" "$vocab_size" "$min_frequency" "$work/hf.json" "$@"
timed toksmith "$root/toksmith" train --threads "$threads" --vocab-size "$vocab_size" --min-frequency "$min_frequency" -o "$work/toksmith.json" "$@"
if [ "${SPM:-1}" != 0 ]; then
  # spm_train reads one file; its own defaults otherwise, apart from the sentence cap, lifted to all.
  cat "$@" > "$work/spm-input.txt"
  timed spm spm_train --input="$work/spm-input.txt" --model_prefix="$work/spm" --model_type=bpe --vocab_size="$vocab_size" \
    --num_threads="$threads" --input_sentence_size=0 --minloglevel=2
fi
echo "load after: $(uptime)"

python3 - "$work" "$vocab_size" <<'PY'
import json, os, sys
work = sys.argv[1]
def measured(name):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return None
    wall, cpu, rss = open(path).read().split()
    return float(wall), int(rss) / 1024
tools = [("toksmith", "toksmith train"), ("hf", "Hugging Face BpeTrainer"), ("spm", "spm_train --model_type=bpe")]
ours = measured("toksmith")
print(f"{'':28} {'wall s':>8} {'peak RSS MB':>12} {'toksmith wall':>14} {'toksmith RSS':>13}")
for name, label in tools:
    m = measured(name)
    if m is None:
        continue
    print(f"{label:28} {m[0]:8.1f} {m[1]:12.0f} {ours[0] / m[0]:14.2f} {ours[1] / m[1]:13.2f}")

def model(name):
    with open(os.path.join(work, name), encoding="utf-8") as f:
        m = json.load(f)["model"]
    merges = [x if isinstance(x, str) else " ".join(x) for x in m["merges"]]
    return merges, m["vocab"]
hf_merges, hf_vocab = model("hf.json")
our_merges, our_vocab = model("toksmith.json")
if hf_merges == our_merges and hf_vocab == our_vocab:
    print(f"merges: identical ({len(hf_merges)} merges, {len(hf_vocab)} tokens, same ids)")
    sys.exit(0)
first = next((i for i, (a, b) in enumerate(zip(hf_merges, our_merges)) if a != b), min(len(hf_merges), len(our_merges)))
print(f"merges DIFFER: {len(hf_merges)} (HF) vs {len(our_merges)} (toksmith); first difference at merge {first}:")
print("  HF:      ", hf_merges[max(0, first - 2):first + 3])
print("  toksmith:", our_merges[max(0, first - 2):first + 3])
print("  (HF's order is open only between queue entries equal in both count and pair; rerun HF to see whether it agrees with itself)")
sys.exit(1)
PY
