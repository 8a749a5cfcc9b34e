#!/usr/bin/env python3
"""Converts a SentencePiece .model file to a Hugging Face tokenizer.json the way transformers'
converters do: SpmConverter for a Unigram model, LlamaConverter (with SentencePieceExtractor's
merges) for a BPE model. Reads the protobuf directly, so it needs neither sentencepiece nor
protobuf for Python.

usage: spm_to_tokenizer_json.py MODEL OUT.json
"""
import json
import struct
import sys

UNKNOWN, CONTROL = 2, 3
UNIGRAM, BPE = 1, 2


def fields(buf):
    """Yields (field number, wire type, value) of a protobuf message."""
    i = 0
    while i < len(buf):
        key, i = varint(buf, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = varint(buf, i)
        elif wire == 1:
            value, i = buf[i:i + 8], i + 8
        elif wire == 2:
            length, i = varint(buf, i)
            value, i = buf[i:i + length], i + length
        elif wire == 5:
            value, i = buf[i:i + 4], i + 4
        else:
            raise ValueError("unsupported wire type %d" % wire)
        yield number, wire, value


def varint(buf, i):
    result, shift = 0, 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, i


def read_model(path):
    with open(path, "rb") as f:
        data = f.read()
    pieces, model_type, byte_fallback = [], UNIGRAM, False
    for number, _, value in fields(data):
        if number == 1:  # ModelProto.pieces
            piece, score, kind = "", 0.0, 1
            for n, _, v in fields(value):
                if n == 1:
                    piece = v.decode("utf-8")
                elif n == 2:
                    score = struct.unpack("<f", v)[0]  # float32, widened to float64 as Python does
                elif n == 3:
                    kind = v
            pieces.append((piece, score, kind))
        elif number == 2:  # ModelProto.trainer_spec
            for n, _, v in fields(value):
                if n == 3:
                    model_type = v
                elif n == 35:
                    byte_fallback = bool(v)
    return pieces, model_type, byte_fallback


def extract_merges(vocab_scores):
    """transformers' SentencePieceExtractor.extract(vocab_scores): every split of a piece into two
    pieces, ordered by the piece's score (highest first), then by the ids of the two halves."""
    vocab = {piece: i for i, (piece, _) in enumerate(vocab_scores)}
    merges = []
    for merge, score in dict(vocab_scores).items():
        local = []
        for index in range(1, len(merge)):
            left, right = merge[:index], merge[index:]
            if left in vocab and right in vocab:
                local.append((left, right, score))
        local.sort(key=lambda x: (vocab[x[0]], vocab[x[1]]))
        merges.extend(local)
    merges.sort(key=lambda m: m[2], reverse=True)
    return [[left, right] for left, right, _ in merges]


def added_token(i, content):
    return {"id": i, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
            "normalized": False, "special": True}


def convert(pieces, model_type, byte_fallback):
    unk_id = next(i for i, p in enumerate(pieces) if p[2] == UNKNOWN)
    specials = [added_token(i, p[0]) for i, p in enumerate(pieces) if p[2] in (UNKNOWN, CONTROL)]
    if model_type == UNIGRAM:
        # SpmConverter with the identity normalization rule: no normalizer, Metaspace both ways.
        metaspace = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True}
        return {
            "version": "1.0", "truncation": None, "padding": None, "added_tokens": specials,
            "normalizer": None, "pre_tokenizer": metaspace, "post_processor": None, "decoder": metaspace,
            "model": {"type": "Unigram", "unk_id": unk_id,
                      "vocab": [[p[0], p[1]] for p in pieces], "byte_fallback": byte_fallback},
        }
    if model_type == BPE:
        # LlamaConverter: the special pieces score 0, merges come from the pieces' scores.
        vocab_scores = [(p[0], 0.0 if p[2] in (UNKNOWN, CONTROL) else p[1]) for p in pieces]
        return {
            "version": "1.0", "truncation": None, "padding": None, "added_tokens": specials,
            "normalizer": {"type": "Sequence", "normalizers": [
                {"type": "Prepend", "prepend": "\u2581"},
                {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}]},
            "pre_tokenizer": None, "post_processor": None,
            "decoder": {"type": "Sequence", "decoders": [
                {"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "},
                {"type": "ByteFallback"}, {"type": "Fuse"},
                {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
            "model": {"type": "BPE", "dropout": None, "unk_token": pieces[unk_id][0],
                      "continuing_subword_prefix": None, "end_of_word_suffix": None, "fuse_unk": True,
                      "byte_fallback": byte_fallback, "ignore_merges": False,
                      "vocab": {p: i for i, (p, _) in enumerate(vocab_scores)},
                      "merges": extract_merges(vocab_scores)},
        }
    raise ValueError("unsupported model type %d" % model_type)


def main():
    model, out = sys.argv[1], sys.argv[2]
    tokenizer = convert(*read_model(model))
    with open(out, "w", encoding="utf-8") as f:
        f.write(dump(tokenizer) + "\n")


def dump(tokenizer):
    """Pretty JSON with one vocabulary entry or merge a line, so the fixture diffs well."""
    model = tokenizer["model"]
    lists = {key: model[key] for key in ("vocab", "merges") if key in model}
    text = json.dumps({**tokenizer, "model": {**model, **{k: "@" + k for k in lists}}}, ensure_ascii=False, indent=1)
    for key, value in lists.items():
        if isinstance(value, dict):
            items = [json.dumps(k, ensure_ascii=False) + ": " + json.dumps(v) for k, v in value.items()]
            body = "{\n   " + ",\n   ".join(items) + "\n  }"
        else:
            body = "[\n   " + ",\n   ".join(json.dumps(v, ensure_ascii=False) for v in value) + "\n  ]"
        text = text.replace('"@' + key + '"', body)
    return text


if __name__ == "__main__":
    main()
