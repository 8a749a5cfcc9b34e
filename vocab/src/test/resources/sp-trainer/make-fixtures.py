"""Remakes the fixtures of SentencePieceTrainerFixtureTest: what SentencePiece's own trainer makes of
the bundled samples, and what SentencePiece and Hugging Face make of the models toksmith trains.

    python3 -m venv /tmp/sp-venv && /tmp/sp-venv/bin/pip install sentencepiece==0.2.2 tokenizers==0.23.2
    /tmp/sp-venv/bin/python vocab/src/test/resources/sp-trainer/make-fixtures.py

For each configuration NAME (NAME.settings.json: spm_train's options, which the test gives toksmith's
trainer too), trained on the bundled samples except the held-out ones (heldout.txt, their non-empty
lines):
  NAME.spm.tsv           the pieces of sentencepiece's model, in id order: piece, score, type
  NAME.spm.heldout       sentencepiece's model on heldout.txt: tokens and characters (code points)
and, for the configurations in LOADED, the model toksmith trains (with ./toksmith train) and how the
references run it on heldout.txt, one line of ids per line:
  NAME.toksmith.model    toksmith's SentencePiece model
  NAME.spm-ids           sentencepiece running it
  NAME.hf-ids            Hugging Face tokenizers running the tokenizer.json toksmith writes for it; only
                         where it differs from NAME.spm-ids (the test takes that file otherwise)
Nothing expected here is produced by toksmith alone: toksmith's model is only the input the references run.
"""
import json
import os
import subprocess
import sys
import tempfile

import sentencepiece as spm
import tokenizers
from sentencepiece import sentencepiece_model_pb2

PINNED = {"sentencepiece": "0.2.2", "tokenizers": "0.23.2"}
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))
SAMPLES = os.path.join(ROOT, "corpora-samples", "src", "main", "resources", "dev", "toksmith", "samples")
HELD_OUT = ["us-declaration-of-independence", "udhr-deu", "udhr-jpn", "udhr-rus", "udhr-hin"]

CONFIGS = {
    "bpe-default": {"model_type": "bpe", "vocab_size": 4000},
    "bpe-llama": {"model_type": "bpe", "vocab_size": 4000, "byte_fallback": True, "split_digits": True, "allow_whitespace_only_pieces": True,
                  "normalization_rule_name": "identity", "remove_extra_whitespaces": False, "character_coverage": 0.99995},
    "unigram-default": {"model_type": "unigram", "vocab_size": 4000},
    "unigram-options": {"model_type": "unigram", "vocab_size": 2000, "byte_fallback": True, "split_digits": True, "normalization_rule_name": "nfkc",
                        "max_sentencepiece_length": 8, "user_defined_symbols": "<sep>,<cls>", "character_coverage": 0.98},
}
LOADED = ["bpe-llama", "unigram-default", "unigram-options"]
TYPES = {1: "NORMAL", 2: "UNKNOWN", 3: "CONTROL", 4: "USER_DEFINED", 5: "UNUSED", 6: "BYTE"}


def check_versions():
    found = {"sentencepiece": spm.__version__, "tokenizers": tokenizers.__version__}
    if found != PINNED:
        sys.exit(f"expected {PINNED}, found {found}")


def sample_names():
    with open(os.path.join(SAMPLES, "index.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    return [(row[0], row[1]) for row in rows]


def toksmith_option(key, value):
    flag = "--" + key.replace("_", "-")
    if key == "model_type":
        return ["--type", "unigram" if value == "unigram" else "sp-bpe"]
    if key == "normalization_rule_name":
        flag = "--normalization"
    if key == "max_sentencepiece_length":
        flag = "--max-piece-length"
    if isinstance(value, bool):
        return [flag if value else "--no-" + flag[2:]]
    return [flag + "=" + str(value)]


def main():
    check_versions()
    work = tempfile.mkdtemp()
    train = os.path.join(work, "train.txt")
    names = sample_names()
    with open(train, "w", encoding="utf-8") as out:
        for name, file in names:
            if name not in HELD_OUT:
                with open(os.path.join(SAMPLES, file), encoding="utf-8") as f:
                    out.write(f.read())
    heldout = []
    for name, file in names:
        if name in HELD_OUT:
            with open(os.path.join(SAMPLES, file), encoding="utf-8") as f:
                heldout += [line.rstrip("\n") for line in f if line.strip()]
    with open(os.path.join(HERE, "heldout.txt"), "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in heldout))
    subprocess.run([os.path.join(ROOT, "toksmith"), "--version"], check=True, stdout=subprocess.DEVNULL)

    for name, settings in CONFIGS.items():
        with open(os.path.join(HERE, name + ".settings.json"), "w", encoding="utf-8") as f:
            json.dump(settings, f, indent=1, sort_keys=True)
            f.write("\n")
        prefix = os.path.join(work, name)
        spm.SentencePieceTrainer.train(input=train, model_prefix=prefix, num_threads=2, minloglevel=2, **settings)
        proto = sentencepiece_model_pb2.ModelProto()
        with open(prefix + ".model", "rb") as f:
            proto.ParseFromString(f.read())
        with open(os.path.join(HERE, name + ".spm.tsv"), "w", encoding="utf-8") as f:
            for p in proto.pieces:
                f.write(f"{p.piece}\t{repr(p.score)}\t{TYPES[p.type]}\n")
        reference = spm.SentencePieceProcessor(model_file=prefix + ".model")
        tokens = sum(len(reference.encode(line)) for line in heldout)
        characters = sum(len(line) for line in heldout)
        with open(os.path.join(HERE, name + ".spm.heldout"), "w", encoding="utf-8") as f:
            f.write(f"{tokens} {characters}\n")

        if name not in LOADED:
            continue
        options = [arg for key, value in settings.items() for arg in toksmith_option(key, value)]
        model = os.path.join(HERE, name + ".toksmith.model")
        converted = os.path.join(work, name + ".json")
        for output in (model, converted):
            subprocess.run([os.path.join(ROOT, "toksmith"), "train", *options, "--threads", "2", "-o", output, train], check=True, stdout=subprocess.DEVNULL)
        ours = spm.SentencePieceProcessor(model_file=model)
        with open(os.path.join(HERE, name + ".spm-ids"), "w", encoding="utf-8") as f:
            for line in heldout:
                f.write(" ".join(map(str, ours.encode(line))) + "\n")
        hf = tokenizers.Tokenizer.from_file(converted)
        hf_ids = [hf.encode(line, add_special_tokens=False).ids for line in heldout]
        hf_path = os.path.join(HERE, name + ".hf-ids")
        if hf_ids == [ours.encode(line) for line in heldout]:
            if os.path.exists(hf_path):
                os.remove(hf_path)
        else:
            with open(hf_path, "w", encoding="utf-8") as f:
                for ids in hf_ids:
                    f.write(" ".join(map(str, ids)) + "\n")
        print(name, "done")


if __name__ == "__main__":
    main()
