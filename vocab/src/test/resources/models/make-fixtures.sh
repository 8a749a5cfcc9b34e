#!/bin/sh
# Regenerates the SentencePiece fixtures of the model tests: a Unigram and a BPE model with byte
# fallback, trained by Debian's sentencepiece (apt-get install sentencepiece; 0.1.97 made the
# committed files) on the bundled UDHR and State of the Union samples, and converted to
# tokenizer.json as transformers' SpmConverter and LlamaConverter do. Tests never run this: they
# read the committed output and compare toksmith with Hugging Face on it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
samples="$here/../../../../../corpora-samples/src/main/resources/dev/toksmith/samples"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=$(ls "$samples"/udhr-*.txt "$samples"/sotu-*.txt | tr '\n' ',' | sed 's/,$//')
for type in unigram bpe; do
  # Identity normalization and no whitespace cleanup keep the converted pipeline free of a
  # precompiled normalizer; coverage below 1 leaves rare characters to the byte fallback.
  spm_train --input="$inputs" --model_prefix="$work/$type" --model_type=$type --vocab_size=3000 \
    --byte_fallback=true --character_coverage=0.995 --normalization_rule_name=identity \
    --remove_extra_whitespaces=false --split_digits=true --num_threads=1 --minloglevel=2
  python3 "$here/spm_to_tokenizer_json.py" "$work/$type.model" "$here/spm-$type.json"
done
