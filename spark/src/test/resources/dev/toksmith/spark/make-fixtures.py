#!/usr/bin/env python3
"""Makes the JSON lines and Parquet inputs of the Spark job's tests (run from this directory).

Needs pyarrow 25.0.1 (pip install pyarrow==25.0.1): Parquet files written by a writer other than
Spark's, in row groups of 8 rows, so that the job's own Parquet reader is checked against a reference.

  docs.jsonl          the paragraphs of the Declaration of Independence (with their line breaks) as
                      JSON lines (field "text"), some with tab and quotes added, a blank line after
                      every fifth record, and three more: escapes, an unpaired surrogate, an empty text
  parquet-docs.jsonl  the same documents without the unpaired surrogate, which UTF-8 cannot hold
  parquet/            those documents as two Parquet files (columns id: int32, text: string), with a
                      _SUCCESS file and a hidden file beside them, as Spark leaves them
"""
import json
import os
import pyarrow as pa
import pyarrow.parquet as pq

SAMPLE = "../../../../../../../corpora-samples/src/main/resources/dev/toksmith/samples/us-declaration-of-independence.txt"

with open(SAMPLE, encoding="utf-8") as f:
    paragraphs = f.read().split("\n\n")

documents = []
blank_after = []
for n, paragraph in enumerate(paragraphs):
    documents.append(paragraph + '\n  indented\ttab "quoted"' if n % 7 == 3 else paragraph)
    blank_after.append(n % 5 == 0)
documents += ["escaped \u00e9 \U0001F600 \u2028", "lone surrogate \ud800 kept", ""]
blank_after += [False] * 3


def record(document, n):
    # ensure_ascii=False keeps text as UTF-8; an unpaired surrogate cannot be UTF-8, so it is escaped.
    text = json.dumps(document, ensure_ascii=False) if "\ud800" not in document else json.dumps(document)
    return '{"id": %d, "text": %s}\n' % (n, text)


with open("docs.jsonl", "w", encoding="utf-8", newline="") as f:
    for n, document in enumerate(documents):
        f.write(record(document, n))
        if blank_after[n]:
            f.write("   \n")

kept = [d for d in documents if "\ud800" not in d]
with open("parquet-docs.jsonl", "w", encoding="utf-8", newline="") as f:
    for n, document in enumerate(kept):
        f.write(record(document, n))

os.makedirs("parquet", exist_ok=True)
half = len(kept) // 2
for name, part, first in (("part-1.parquet", kept[:half], 0), ("part-2.parquet", kept[half:], half)):
    table = pa.table({"id": pa.array(range(first, first + len(part)), pa.int32()), "text": pa.array(part, pa.string())})
    pq.write_table(table, os.path.join("parquet", name), row_group_size=8)
open(os.path.join("parquet", "_SUCCESS"), "w").close()
with open(os.path.join("parquet", ".notes"), "wb") as f:
    f.write(b"not parquet")
