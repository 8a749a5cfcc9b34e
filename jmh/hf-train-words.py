#!/usr/bin/env python3
"""Hugging Face's side of compare-hf-trainers.sh (Python tokenizers 0.23.2).

usage:
  hf-train-words.py train wordpiece|wordlevel OUTPUT.json FILE...
      Trains with Hugging Face's defaults, as `toksmith train --type wordpiece|wordlevel` does:
      BertWordPieceTokenizer().train(files) (30,000 tokens, minimum frequency 2, limit_alphabet
      1,000, [PAD] [UNK] [CLS] [SEP] [MASK], BertNormalizer lowercasing, BertPreTokenizer), or a
      WordLevel model with unk [UNK], the Whitespace pre-tokenizer and WordLevelTrainer(special_tokens
      ["[UNK]"]) (30,000 tokens, minimum frequency 0). Each line of each file, newline included, is
      one document. The thread count is RAYON_NUM_THREADS.
  hf-train-words.py encode TOKENIZER.json FILE
      Prints the ids of every line of FILE (its newline removed), special tokens added, one line of
      space-separated ids per input line, as `toksmith encode --add-special-tokens` prints them (a
      last line without a newline gives output without one).
  hf-train-words.py differ A.json B.json
      Prints how many tokens of A's vocabulary B lacks, how many of B's A lacks, and A's size.
"""
import json
import sys

from tokenizers import BertWordPieceTokenizer, Tokenizer, models, pre_tokenizers, trainers


def train(kind, output, files):
    if kind == "wordpiece":
        tokenizer = BertWordPieceTokenizer()
        tokenizer.train(files, show_progress=False)
    elif kind == "wordlevel":
        tokenizer = Tokenizer(models.WordLevel(unk_token="[UNK]"))
        tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
        tokenizer.train(files, trainers.WordLevelTrainer(special_tokens=["[UNK]"], show_progress=False))
    else:
        raise SystemExit(f"unknown kind {kind}")
    tokenizer.save(output)


def encode(tokenizer_file, text_file):
    tokenizer = Tokenizer.from_file(tokenizer_file)
    with open(text_file, encoding="utf-8", newline="") as f:
        text = f.read()
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    encodings = tokenizer.encode_batch(lines, add_special_tokens=True)
    # As toksmith writes it: a last line without its newline gives output without one.
    ends = ["\n"] * len(lines)
    if ends and not text.endswith("\n"):
        ends[-1] = ""
    for encoding, end in zip(encodings, ends):
        sys.stdout.write(" ".join(map(str, encoding.ids)) + end)


def differ(a_file, b_file):
    def vocabulary(path):
        with open(path, encoding="utf-8") as f:
            return set(json.load(f)["model"]["vocab"])
    a, b = vocabulary(a_file), vocabulary(b_file)
    print(len(a - b), len(b - a), len(a))


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    command, args = sys.argv[1], sys.argv[2:]
    if command == "train" and len(args) >= 3:
        train(args[0], args[1], args[2:])
    elif command == "encode" and len(args) == 2:
        encode(*args)
    elif command == "differ" and len(args) == 2:
        differ(*args)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
