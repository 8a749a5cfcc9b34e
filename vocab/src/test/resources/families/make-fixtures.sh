#!/bin/sh
# Regenerates the model family fixtures of ModelFamiliesTest: one small tokenizer.json per family
# (bert-uncased, roberta, llama2, t5, xlm-roberta) with the pipeline of that family's published
# tokenizer.json, and a vocabulary of a few thousand tokens trained on the bundled samples:
#   WordPiece and BPE by Hugging Face tokenizers 0.23.2 (its Node binding, installed here from npm),
#   Unigram by SentencePiece (Debian's sentencepiece, apt-get install sentencepiece; 0.1.97 made the
#   committed files), converted as transformers' T5 and XLM-RoBERTa converters do.
# make-fixtures.cjs writes the files and has Hugging Face read each back. Tests never run this:
# they compare toksmith with Hugging Face (DJL) on the committed files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
samples="$here/../../../../../corpora-samples/src/main/resources/dev/toksmith/samples"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo '{"private":true}' > "$work/package.json"
npm install --prefix "$work" --no-audit --no-fund --no-save tokenizers@0.23.2 >/dev/null

inputs=$(ls "$samples"/*.txt | tr '\n' ',' | sed 's/,$//')
spm="--input=$inputs --model_type=unigram --num_threads=1 --input_sentence_size=0 --shuffle_input_sentence=false --minloglevel=2"
# T5's ids: <pad> 0, </s> 1, <unk> 2 and no <s>; XLM-R's model keeps SentencePiece's (<unk> <s> </s>).
# shellcheck disable=SC2086 # one word per option
spm_train $spm --model_prefix="$work/t5" --vocab_size=3000 --pad_id=0 --eos_id=1 --unk_id=2 --bos_id=-1
# shellcheck disable=SC2086
spm_train $spm --model_prefix="$work/xlm-roberta" --vocab_size=2000

NODE_PATH="$work/node_modules" node "$here/make-fixtures.cjs" "$samples" "$work" "$here"
ls -l "$here"/*.json
