#!/usr/bin/env python3
"""Encodes standard input line by line with Hugging Face tokenizers, as `toksmith encode` does: one
line of space-separated ids per input line (the newline is not encoded), no special tokens added.
Lines go to the Rust core in batches of 1,000 through `encode_batch`, with padding and truncation
off; RAYON_NUM_THREADS sets its threads. Used by compare-hf.sh, which times it as a whole process.

usage: hf-encode.py TOKENIZER.json < text > ids
"""
import io
import sys

from tokenizers import Tokenizer

BATCH_LINES = 1000


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    tokenizer = Tokenizer.from_file(sys.argv[1])
    tokenizer.no_padding()
    tokenizer.no_truncation()
    # newline="\n": lines end at \n only and a \r stays in the text, as toksmith reads them.
    lines = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="\n")
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=False)
    batch = []
    written = 0
    last_ended = False

    def flush():
        nonlocal written
        for encoding in tokenizer.encode_batch(batch, add_special_tokens=False):
            # Each output line but the first starts with the newline that ended the line before.
            if written:
                out.write("\n")
            out.write(" ".join(map(str, encoding.ids)))
            written += 1
        batch.clear()

    for line in lines:
        last_ended = line.endswith("\n")
        batch.append(line[:-1] if last_ended else line)
        if len(batch) == BATCH_LINES:
            flush()
    flush()
    # A last line without \n gives output without \n, as in toksmith.
    if last_ended:
        out.write("\n")
    out.flush()


if __name__ == "__main__":
    main()
