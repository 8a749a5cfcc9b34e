#!/usr/bin/env python3
"""Trains byte-level BPE with Hugging Face's BpeTrainer (Python tokenizers) on files, with the
pipeline and settings `./toksmith train` uses: ByteLevel pre-tokenizer without prefix space, BPE,
ByteLevel decoder, all 256 byte characters in the initial alphabet; each line of each file, newline
included, is one document. Used by compare-training.sh, which times it as a whole process and sets
RAYON_NUM_THREADS for its thread count.

usage: hf-train.py VOCAB_SIZE MIN_FREQUENCY OUTPUT.json FILE...
"""
import sys

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers


def main():
    if len(sys.argv) < 5:
        raise SystemExit(__doc__)
    vocab_size, min_frequency, output, files = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True, trim_offsets=True)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=min_frequency,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train(files, trainer)
    tokenizer.save(output)


if __name__ == "__main__":
    main()
