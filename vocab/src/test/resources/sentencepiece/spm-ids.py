#!/usr/bin/env python3
"""spm_encode and spm_decode with the sentencepiece wheel, line by line: MODE MODEL < in > out, where MODE is
ids (text to ids), pieces (text to pieces) or text (ids to text). Used by the fixture scripts of this directory."""
import sys

import sentencepiece as spm

mode, model = sys.argv[1], sys.argv[2]
sp = spm.SentencePieceProcessor(model_file=model)
lines = sys.stdin.buffer.read().decode("utf-8").split("\n")
if lines[-1] == "":
    lines.pop()
for line in lines:
    if mode == "ids":
        out = " ".join(map(str, sp.encode(line)))
    elif mode == "pieces":
        out = " ".join(sp.encode(line, out_type=str))
    else:
        out = sp.decode([int(i) for i in line.split()])
    sys.stdout.buffer.write((out + "\n").encode("utf-8"))
