#!/usr/bin/env python3
"""Writes the BPE merges Hugging Face transformers makes for the fixture BPE models.

transformers' SentencePieceExtractor.extract() ranks every split of every piece into two pieces by
the piece's score (generate_merges); SentencePieceConversionTest checks that toksmith's conversion
writes exactly these merges. One merge per line, as a JSON array [left, right].

Made with transformers 5.18.0, sentencepiece 0.2.2 and protobuf, in a virtual environment:
  python3 -m venv venv && venv/bin/pip install transformers==5.18.0 sentencepiece protobuf
  venv/bin/python make-merges.py
"""
import json
import pathlib

from transformers.tokenization_utils_sentencepiece import SentencePieceExtractor

here = pathlib.Path(__file__).resolve().parent
for model in ["bpe", "bpe-unk"]:
    _, _, merges = SentencePieceExtractor(str(here / f"{model}.model")).extract()
    with open(here / f"{model}.merges.jsonl", "w", encoding="utf-8", newline="\n") as out:
        for left, right in merges:
            out.write(json.dumps([left, right], ensure_ascii=False) + "\n")
