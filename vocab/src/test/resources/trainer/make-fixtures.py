#!/usr/bin/env python3
"""Trains the trainer fixtures with Hugging Face's own BpeTrainer (Python tokenizers 0.23.2).

HuggingFaceTrainerFixtureTest trains toksmith's ByteLevelBpeTrainer on the same files with the same
settings and expects this vocabulary and these merges, in this order. The pipeline is the one
toksmith's trainer builds: optional normalizers, ByteLevel pre-tokenizer without prefix space,
BPE, ByteLevel decoder, all 256 byte characters in the initial alphabet. tokenizer.train(files)
reads each line of each file, newline included, as one document.

Each configuration is trained several times and must give the same file every time: the reference
is only nondeterministic when two queue entries share count and pair, and these corpora must not
hit that case, or the fixture would be one of several right answers.

Python, not the npm package: the Node binding's tokenizer.train(files) takes no trainer, so it cannot
set the vocabulary size, minimum frequency, special tokens or initial alphabet. tokenizers 0.22.2
writes the same bytes for both fixtures.

Run from the repository root:  pip install tokenizers==0.23.2 && python3 vocab/src/test/resources/trainer/make-fixtures.py
"""
import pathlib

import tokenizers
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

VERSION = "0.23.2"
RUNS = 3
HERE = pathlib.Path(__file__).resolve().parent
SAMPLES = HERE.parents[4] / "corpora-samples/src/main/resources/dev/toksmith/samples"

KL3M_SPECIALS = [
    "<|start|>", "<|end|>", "<|pad|>", "<|unk|>", "<|sep|>", "<|cls|>", "<|mask|>",
    "<|system|>", "</|system|>", "<|user|>", "</|user|>", "<|instruction|>", "</|instruction|>",
]

# name: (vocab_size, normalizers, special tokens, max_token_length)
# Hugging Face's max_token_length keeps only pairs *shorter* than it, so 4 here allows tokens of at
# most 3 bytes: toksmith's maxTokenLength(3), as the kl3m-char preset uses it.
FIXTURES = {
    "plain-4000.json": (4000, [], [], None),
    "nfkc-lowercase-specials-4000.json": (
        4000,
        [normalizers.NFKC(), normalizers.Lowercase()],
        ["<|endoftext|>", "<pad>", "<mask>"],
        None,
    ),
    "char-nfkc-max3-4096.json": (4096, [normalizers.NFKC()], KL3M_SPECIALS, 4),
}


def train(files, vocab_size, normalizer_list, special_tokens, max_token_length):
    tokenizer = Tokenizer(models.BPE())
    # One normalizer stands alone, as toksmith writes it; more go in a Sequence.
    if len(normalizer_list) == 1:
        tokenizer.normalizer = normalizer_list[0]
    elif normalizer_list:
        tokenizer.normalizer = normalizers.Sequence(normalizer_list)
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True, trim_offsets=True)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=special_tokens,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        max_token_length=max_token_length,
        show_progress=False,
    )
    tokenizer.train([str(f) for f in files], trainer)
    return tokenizer.to_str(pretty=False)


def main():
    if tokenizers.__version__ != VERSION:
        raise SystemExit(f"need tokenizers {VERSION}, found {tokenizers.__version__}")
    # Sorted by name, as toksmith's Corpus expands a directory (order does not change word counts).
    files = sorted(SAMPLES.glob("*.txt"))
    if not files:
        raise SystemExit(f"no samples in {SAMPLES}")
    for name, (vocab_size, normalizer_list, special_tokens, max_token_length) in FIXTURES.items():
        results = {train(files, vocab_size, normalizer_list, special_tokens, max_token_length) for _ in range(RUNS)}
        if len(results) != 1:
            raise SystemExit(f"{name}: {len(results)} different results in {RUNS} runs")
        (HERE / name).write_text(results.pop(), encoding="utf-8")
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
