"""Writes SentencePiece's compiled normalization rules (charsmaps) into core's resources.

SentencePiece compiles each rule set of its data/*.tsv into a Darts double-array trie plus a string
pool and stores it in every model it trains (NormalizerSpec.precompiled_charsmap). This script asks
the sentencepiece wheel (pinned below; Apache-2.0) to train a tiny model with each rule and keeps
the blob it stored, gzip-compressed with a fixed timestamp so that reruns give the same bytes.

    python3 -m venv /tmp/spm-venv && /tmp/spm-venv/bin/pip install sentencepiece==0.2.2
    /tmp/spm-venv/bin/python core/scripts/make-charsmaps.py
"""
import gzip
import hashlib
import io
import os
import sys

import sentencepiece as spm
from sentencepiece import sentencepiece_model_pb2

PINNED = "0.2.2"
RULES = ["nmt_nfkc", "nfkc", "nmt_nfkc_cf", "nfkc_cf"]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "dev", "toksmith", "core",
                   "normalizers", "charsmaps")

if spm.__version__ != PINNED:
    sys.exit(f"sentencepiece {PINNED} expected, found {spm.__version__}")
for rule in RULES:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(["a b c"] * 10), model_writer=model, vocab_size=8, hard_vocab_limit=False,
                                   normalization_rule_name=rule, minloglevel=3)
    proto = sentencepiece_model_pb2.ModelProto()
    proto.ParseFromString(model.getvalue())
    assert proto.normalizer_spec.name == rule
    charsmap = proto.normalizer_spec.precompiled_charsmap
    with open(os.path.join(OUT, rule + ".bin.gz"), "wb") as f:
        f.write(gzip.compress(charsmap, compresslevel=9, mtime=0))
    print(rule, len(charsmap), "bytes, sha256", hashlib.sha256(charsmap).hexdigest())
