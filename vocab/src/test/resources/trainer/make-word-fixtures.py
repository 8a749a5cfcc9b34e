#!/usr/bin/env python3
"""Trains the WordPiece and WordLevel fixtures with Hugging Face's own trainers (Python tokenizers
0.23.2), on the bundled samples minus the held-out ones, and encodes the held-out lines with them.

WordPieceTrainerFixtureTest and WordLevelTrainerFixtureTest train toksmith on the same files with the
same settings and compare.

WordPiece (BertWordPieceTokenizer.train). Hugging Face breaks two kinds of ties in hash order, which
is seeded at random per process: which of several equally frequent characters limit_alphabet drops,
and the ids of the "##x" tokens, given in the order the trainer meets the words (and pair ids break
ties between equally frequent pairs). So:
  - the "exact" fixtures make the reference deterministic: every "##x" is also a special token, in a
    fixed order (so its id is fixed before training), and limit_alphabet is chosen where no two
    characters tie at the cut. Each is trained RUNS times and must come out the same. toksmith,
    given the same special tokens, must give the same file, token for token and id for id.
  - the "default" fixture is BertWordPieceTokenizer with its defaults; it is trained VARIATION_RUNS
    times, and wordpiece-default.variation.json records how far the runs are apart (the most tokens
    one run has that another lacks). toksmith's vocabulary must be no further from the fixture.
The BERT post-processor is set on the fixtures as toksmith writes it (Hugging Face's
BertWordPieceTokenizer only sets it when loading a vocabulary, not after training).

WordLevel (WordLevelTrainer, Whitespace pre-tokenizer, unk [UNK]) is deterministic: counts, then the
word's bytes, decide the order. Each fixture is trained RUNS times and must come out the same.

For every fixture, X.heldout.ids holds one line per non-empty held-out line (its newline removed):
the ids Hugging Face gives it with special tokens added, separated by spaces. The held-out text is HELD_OUT, read in
name order; the training files are the other samples in name order, each line with its newline one
document, as tokenizer.train(files) reads them.

Run from the repository root (Python 3.9+):
  python3 -m venv /tmp/venv && /tmp/venv/bin/pip install tokenizers==0.23.2
  /tmp/venv/bin/python3 vocab/src/test/resources/trainer/make-word-fixtures.py
"""
import itertools
import json
import pathlib

import tokenizers
from tokenizers import BertWordPieceTokenizer, Tokenizer, models, normalizers, pre_tokenizers, processors, trainers

VERSION = "0.23.2"
RUNS = 3
VARIATION_RUNS = 8
HERE = pathlib.Path(__file__).resolve().parent
SAMPLES = HERE.parents[4] / "corpora-samples/src/main/resources/dev/toksmith/samples"
HELD_OUT = ["sotu-1790-washington.txt", "udhr-deu.txt", "udhr-hin.txt", "udhr-jpn.txt", "udhr-rus.txt", "udhr-vie.txt"]
BERT_SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

# name: BertWordPieceTokenizer arguments, train arguments (limit_alphabet "tie-free" picks the cut
# nearest 1000 where no two characters tie), and whether every "##x" is a special token.
WORDPIECE = {
    "wordpiece-exact-uncased": ({}, {"vocab_size": 8000, "limit_alphabet": "tie-free"}, True),
    "wordpiece-exact-cased": ({"lowercase": False}, {"vocab_size": 6000, "limit_alphabet": 100000}, True),
    "wordpiece-exact-raw": (
        {"clean_text": False, "handle_chinese_chars": False, "strip_accents": True, "lowercase": False},
        {"vocab_size": 5000, "min_frequency": 3, "limit_alphabet": 100000, "initial_alphabet": ["q", "\u00df", "\u20ac"]},
        True,
    ),
    "wordpiece-default": ({}, {}, False),
}

# name: vocab_size, min_frequency, special tokens, normalizers
WORDLEVEL = {
    "wordlevel-default": (30000, 0, ["[UNK]"], []),
    "wordlevel-nfkc-lowercase": (5000, 2, ["[UNK]", "[PAD]", "<s>"], [normalizers.NFKC(), normalizers.Lowercase()]),
}


def documents(files):
    """Every line of every file with its newline, as tokenizer.train(files) reads them."""
    for f in files:
        text = f.read_bytes().decode("utf-8")
        start = 0
        while start < len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end + 1
            yield text[start:end]
            start = end


def held_out_lines():
    for name in HELD_OUT:
        for line in (SAMPLES / name).read_text(encoding="utf-8").split("\n"):
            if line:
                yield line


def words_of(tokenizer, files):
    """Word counts as the trainer sees them: normalized, then pre-tokenized."""
    counts = {}
    for doc in documents(files):
        text = tokenizer.normalizer.normalize_str(doc) if tokenizer.normalizer else doc
        for word, _ in tokenizer.pre_tokenizer.pre_tokenize_str(text):
            counts[word] = counts.get(word, 0) + 1
    return counts


def tie_free_limit(counts, near=1000):
    """The alphabet size nearest `near` at which no two characters tie: the reference's alphabet counts."""
    chars = {}
    for word, n in counts.items():
        for c in word:
            chars[c] = chars.get(c, 0) + n
    ranked = sorted(chars.values(), reverse=True)
    cuts = [i for i in range(1, len(ranked)) if ranked[i - 1] != ranked[i]]
    return min(cuts, key=lambda i: abs(i - near))


def train_wordpiece(files, init, settings, hash_specials):
    settings = dict(settings)
    tokenizer = BertWordPieceTokenizer(**init)
    counts = words_of(tokenizer._tokenizer, files)
    if settings.get("limit_alphabet") == "tie-free":
        settings["limit_alphabet"] = tie_free_limit(counts)
    specials = list(BERT_SPECIALS)
    if hash_specials:
        continuing = sorted({c for word in counts for c in word[1:]})
        specials += ["##" + c for c in continuing]
    tokenizer.train([str(f) for f in files], special_tokens=specials, show_progress=False, **settings)
    vocab = tokenizer.get_vocab()
    tokenizer.post_processor = processors.BertProcessing(("[SEP]", vocab["[SEP]"]), ("[CLS]", vocab["[CLS]"]))
    return tokenizer, settings, specials


def train_wordlevel(files, vocab_size, min_frequency, specials, normalizer_list):
    tokenizer = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    # One normalizer stands alone, as toksmith writes it; more go in a Sequence.
    if len(normalizer_list) == 1:
        tokenizer.normalizer = normalizer_list[0]
    elif normalizer_list:
        tokenizer.normalizer = normalizers.Sequence(normalizer_list)
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    trainer = trainers.WordLevelTrainer(vocab_size=vocab_size, min_frequency=min_frequency, special_tokens=specials, show_progress=False)
    tokenizer.train([str(f) for f in files], trainer)
    return tokenizer


def write(name, tokenizer, meta):
    (HERE / f"{name}.json").write_text(tokenizer.to_str(pretty=False) + "\n", encoding="utf-8")
    with open(HERE / f"{name}.heldout.ids", "w", encoding="utf-8") as out:
        for line in held_out_lines():
            e = tokenizer.encode(line, add_special_tokens=True)
            out.write(" ".join(map(str, e.ids)) + "\n")
    if meta:
        (HERE / f"{name}.settings.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {name}")


def main():
    if tokenizers.__version__ != VERSION:
        raise SystemExit(f"need tokenizers {VERSION}, found {tokenizers.__version__}")
    files = [f for f in sorted(SAMPLES.glob("*.txt")) if f.name not in HELD_OUT]
    if len(files) < 10:
        raise SystemExit(f"too few samples in {SAMPLES}")

    for name, (init, settings, hash_specials) in WORDPIECE.items():
        runs = RUNS if hash_specials else VARIATION_RUNS
        results = [train_wordpiece(files, init, settings, hash_specials) for _ in range(runs)]
        tokenizer, used, specials = results[0]
        meta = {"init": init, "train": used, "special_tokens": specials}
        if hash_specials:
            if len({t.to_str() for t, _, _ in results}) != 1:
                raise SystemExit(f"{name}: the reference gave different results in {runs} runs")
        else:
            vocabularies = [set(t.get_vocab()) for t, _, _ in results]
            apart = max(len(a - b) for a, b in itertools.permutations(vocabularies, 2))
            meta["runs"] = runs
            meta["most_tokens_one_run_lacks_of_another"] = apart
        write(name, tokenizer, meta)

    for name, (vocab_size, min_frequency, specials, normalizer_list) in WORDLEVEL.items():
        results = [train_wordlevel(files, vocab_size, min_frequency, specials, normalizer_list) for _ in range(RUNS)]
        if len({t.to_str() for t in results}) != 1:
            raise SystemExit(f"{name}: the reference gave different results in {RUNS} runs")
        write(name, results[0], None)


if __name__ == "__main__":
    main()
