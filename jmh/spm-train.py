#!/usr/bin/env python3
"""Trains a SentencePiece model with sentencepiece's own trainer (the Python wheel, pip install
sentencepiece==0.2.2) on one file, with its defaults and every sentence (no input_sentence_size cap),
as `toksmith train --type unigram|sp-bpe` trains by default. Used by compare-training-sp.sh, which
times it as a whole process.

usage: spm-train.py unigram|bpe VOCAB_SIZE THREADS PREFIX FILE [key=value ...]
"""
import sys

import sentencepiece as spm


def main():
    if len(sys.argv) < 6:
        raise SystemExit(__doc__)
    model_type, vocab_size, threads, prefix, corpus = sys.argv[1:6]
    extra = dict(option.split("=", 1) for option in sys.argv[6:])
    spm.SentencePieceTrainer.train(input=corpus, model_prefix=prefix, model_type=model_type, vocab_size=int(vocab_size), num_threads=int(threads),
                                   minloglevel=2, **extra)


if __name__ == "__main__":
    main()
