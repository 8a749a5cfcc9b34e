#!/usr/bin/env bash
# Times `toksmith encode --tokenizer FILE < TEXT > ids` against Hugging Face tokenizers 0.23.2 (its
# Rust core driven from Python by hf-encode.py: Tokenizer.from_file, padding and truncation off,
# encode_batch over batches of 1,000 lines, ids written one line each) on the same tokenizer.json
# files and the same text, each as a whole process (start, load, read, encode, write), alternating,
# RUNS times each. Checks that both write identical ids and prints the median wall time, CPU time
# (user + system) and peak RSS of each, and the ratios: HF / toksmith for time (above 1: toksmith is
# faster) and toksmith / HF for memory.
#
# usage: jmh/compare-hf.sh [TEXT...]
#   TEXT defaults to multilingual.txt and english.txt of jmh/target/bench-multilingual
#   (jmh/multilingual-corpus.py makes them).
# environment:
#   TOKSMITH   the launcher to time (default: ./toksmith of this checkout), e.g. another worktree's
#   FAMILIES   which tokenizers, by the names below (default: all whose file is there)
#   RUNS       runs of each tool per family and text (default 3; the median is reported)
#   THREADS    RAYON_NUM_THREADS for HF and --threads for toksmith (default 2)
#   WORK       where the venv and the made tokenizers live (default jmh/target/compare-hf)
#   TOKSMITH_REAL_TOKENIZERS  the real tokenizer.json files, in its files/ folder (as for the tests;
#              vocab/src/test/scripts/fetch-real-tokenizers.sh fetches them)
#
# Families: gpt2 gpt4o llama3 qwen3 deepseek_v3 (byte-level BPE), llama2 gemma3 (SentencePiece-style
# BPE with byte fallback), bert (WordPiece, bert-base-uncased), unigram (a 32,000-piece SentencePiece
# Unigram model trained on TEXT's first file by the sentencepiece wheel and converted by `toksmith
# convert`, which writes Hugging Face's conversion: Precompiled normalizer, Metaspace, Unigram), and
# trained32k (a 32,000-token byte-level BPE made by `toksmith train` from the bundled samples).
# The venv gets tokenizers 0.23.2 and sentencepiece 0.2.2 from pip (this machine's wheel mirror).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
toksmith=${TOKSMITH:-$root/toksmith}
runs=${RUNS:-3}
threads=${THREADS:-2}
work=${WORK:-$root/jmh/target/compare-hf}
real=${TOKSMITH_REAL_TOKENIZERS:-$root/vocab/target/real-tokenizers}/files
families=${FAMILIES:-"gpt2 gpt4o llama3 qwen3 deepseek_v3 trained32k llama2 gemma3 bert unigram"}
[ $# -gt 0 ] || set -- "$root/jmh/target/bench-multilingual/multilingual.txt" "$root/jmh/target/bench-multilingual/english.txt"
for f in "$@"; do [ -f "$f" ] || { echo "compare-hf: no such file: $f (jmh/multilingual-corpus.py makes the default texts)" >&2; exit 1; }; done
[ -x "$toksmith" ] || { echo "compare-hf: $toksmith is not executable (TOKSMITH names the launcher)" >&2; exit 1; }

mkdir -p "$work"
venv=$work/venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import tokenizers, sentencepiece, sys; sys.exit(tokenizers.__version__ != "0.23.2")' 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --no-deps tokenizers==0.23.2 sentencepiece==0.2.2 >&2
fi
"$toksmith" --version >/dev/null # builds the jar and its class-data archive outside the timings

# The tokenizer.json of a family, made first when toksmith makes it; empty when it is not there.
file_of() {
  case $1 in
    bert) echo "$real/bert-base-uncased.json" ;;
    unigram)
      if [ ! -f "$work/unigram.json" ]; then
        echo "compare-hf: training the Unigram model on $first_text (once) ..." >&2
        "$venv/bin/python" - "$first_text" "$work/unigram" <<'PY' >&2
import sys, sentencepiece
sentencepiece.SentencePieceTrainer.train(input=sys.argv[1], model_prefix=sys.argv[2], model_type="unigram", vocab_size=32000,
    input_sentence_size=300000, shuffle_input_sentence=True, num_threads=2, minloglevel=2)
PY
        "$toksmith" convert --tokenizer "$work/unigram.model" --output "$work/unigram.json" >&2
      fi
      echo "$work/unigram.json" ;;
    trained32k)
      [ -f "$work/trained-32k.json" ] || "$toksmith" train --vocab-size 32000 --output "$work/trained-32k.json" >&2
      echo "$work/trained-32k.json" ;;
    *) if [ -f "$real/$1.json" ]; then echo "$real/$1.json"; fi ;;
  esac
}
first_text=$1

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# run LABEL TEXT COMMAND...: one timed run, appending "wall cpu rss_kB" to $work/LABEL.runs.
run() {
  local label=$1 text=$2
  shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" < "$text" > "$work/$label.ids" 2> "$work/$label.err" \
    || { echo "compare-hf: $label failed:" >&2; cat "$work/$label.err" >&2; exit 1; }
  awk '{ print $1, $2 + $3, $4 }' "$work/time" >> "$work/$label.runs"
}

stat() { awk -v c="$2" '{ print $c }' "$work/$1.runs" | median; }

echo "toksmith: $toksmith ($("$toksmith" --version 2>&1 | head -1)); Hugging Face tokenizers $("$venv/bin/python" -c 'import tokenizers; print(tokenizers.__version__)')"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1); $threads threads each, median of $runs"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-18s %8s %8s %7s %8s %8s %7s %7s %7s %7s  %s\n' family text tk_wall tk_cpu tk_MB hf_wall hf_cpu hf_MB wall_x cpu_x rss_x ids
status=0
for family in $families; do
  file=$(file_of "$family")
  if [ -z "$file" ] || [ ! -f "$file" ]; then
    echo "$family: no tokenizer file in $real (fetch-real-tokenizers.sh), skipped" >&2
    continue
  fi
  for text in "$@"; do
    rm -f "$work/toksmith.runs" "$work/hf.runs"
    same=identical
    for ((i = 0; i < runs; i++)); do
      run hf "$text" env RAYON_NUM_THREADS="$threads" "$venv/bin/python" "$root/jmh/hf-encode.py" "$file"
      run toksmith "$text" "$toksmith" encode --threads "$threads" --tokenizer "$file"
      if [ "$i" -eq 0 ] && ! cmp -s "$work/toksmith.ids" "$work/hf.ids"; then
        line=$(cmp "$work/toksmith.ids" "$work/hf.ids" 2>&1 | sed -n 's/.* line \([0-9]*\).*/\1/p')
        same="DIFFERENT(line ${line:-?})"
        status=1
      fi
    done
    tw=$(stat toksmith 1) tc=$(stat toksmith 2) tr=$(stat toksmith 3) hw=$(stat hf 1) hc=$(stat hf 2) hr=$(stat hf 3)
    printf '%-12s %-18s %8.2f %8.2f %7d %8.2f %8.2f %7d %6.2fx %6.2fx %7.2f  %s\n' "$family" "$(basename "$text")" \
      "$tw" "$tc" $((${tr%.*} / 1024)) "$hw" "$hc" $((${hr%.*} / 1024)) \
      "$(awk "BEGIN { print $hw / $tw }")" "$(awk "BEGIN { print $hc / $tc }")" "$(awk "BEGIN { print $tr / $hr }")" "$same"
  done
done
rm -f "$work"/*.ids "$work"/*.err "$work"/*.runs "$work/time"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
