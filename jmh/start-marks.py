#!/usr/bin/env python3
"""Where a whole `toksmith encode` run's wall time goes: the median time of each mark, from the
launcher's start (this script's clock, CLOCK_MONOTONIC, as System.nanoTime) to the process's end.

The marks are temporary prints, not in the code: apply jmh/start-marks.patch to a scratch worktree
(git worktree add /tmp/marks HEAD && git -C /tmp/marks apply "$PWD/jmh/start-marks.patch"), let its
launcher build (/tmp/marks/toksmith --version), then run

  jmh/start-marks.py /tmp/marks/toksmith THREADS RUNS [INPUT] [TOKENIZER]

THREADS is 1, 2 or default; INPUT defaults to the first 8 MB of the multilingual mix. Each batch
mark is kept for the first and the last batch of each thread. The patch prints to standard error:
marks in the encoding loop cost little (two per 256 KB batch) but do not time anything with them."""
import collections
import statistics
import subprocess
import sys
import tempfile
import time

launcher, threads, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
tokenizer = sys.argv[5] if len(sys.argv) > 5 else 'o200k_base'
if len(sys.argv) > 4:
    source = sys.argv[4]
else:
    text = 'jmh/target/bench-multilingual/multilingual.txt'
    with open(text, 'rb') as f:
        head = f.read(8_000_000) + f.readline()
    tmp = tempfile.NamedTemporaryFile(prefix='start-marks-', delete=False)
    tmp.write(head)
    tmp.close()
    source = tmp.name
per_batch = ('batch-read', 'process-start', 'process-end')
rows = collections.defaultdict(list)
for _ in range(runs):
    args = [launcher, 'encode', '--tokenizer', tokenizer] + ([] if threads == 'default' else ['--threads', threads])
    with open(source, 'rb') as fin:
        t0 = time.monotonic_ns()
        p = subprocess.run(args, stdin=fin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t1 = time.monotonic_ns()
    marks = {}
    for line in p.stderr.decode().splitlines():
        parts = line.split()
        if len(parts) != 4 or parts[0] != 'MARK':
            continue
        name, thread, at = parts[1], parts[2], (int(parts[3]) - t0) / 1e6
        if name in per_batch:
            key = name if name == 'batch-read' else f'{name} {thread}'
            marks.setdefault(f'{key} (first)', at)
            marks[f'{key} (last)'] = at
        else:
            marks.setdefault(name, at)
    marks['process ended'] = (t1 - t0) / 1e6
    for k, v in marks.items():
        rows[k].append(v)
for k, v in sorted(rows.items(), key=lambda kv: statistics.median(kv[1])):
    print(f'{k:40s} {statistics.median(v):7.1f} ms   ({min(v):.0f}-{max(v):.0f})')
