#!/usr/bin/env python3
"""A/B of toksmith's fixed start-up cost between two checkouts, interleaved.

Each round runs every case once with checkout A's launcher, then once with B's (the order flips every
round), each a whole process as users start it. Per case and side it prints the median wall time and
the median CPU time (user + system, from the kernel's accounting of the child, in microseconds: finer
than /usr/bin/time's hundredths, which hide start-up differences of a few milliseconds), then B/A.
It checks that both sides wrote the same bytes in every case.

usage: jmh/ab-startup.py ROOT_A ROOT_B [CASE ...]
  cases (default: all): encode-hi, encode-8m-t1, encode-8m-t2, encode-8m, train-tiny,
  train-wordlevel-4m, train-sp-bpe-4m
environment: RUNS (default 9), TEXT (multilingual text, default jmh/target/bench-multilingual/multilingual.txt
  of ROOT_A; its first 8 MB, cut at a line end, are the encode input), CORPUS (4 MB training corpus,
  default the first 4 MB of jmh/target/bench-corpus/all.txt of ROOT_A, cut at a line end).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time


def prefix(path, size, out):
    """The first size bytes of path, extended to the end of their last line, written to out."""
    with open(path, "rb") as f:
        data = f.read(size)
        rest = f.readline()
    with open(out, "wb") as f:
        f.write(data + rest)
    return out


def run(argv, stdin, out):
    """Runs argv once; returns (wall s, cpu s) of the whole process tree it waited for."""
    with open(stdin, "rb") as i, open(out, "wb") as o:
        start = time.perf_counter()
        p = subprocess.Popen(argv, stdin=i, stdout=o, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        err = p.stderr.read()
        p.stderr.close()
    if status != 0:
        sys.exit(f"{' '.join(argv)} failed: {err.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    a, b = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    runs = int(os.environ.get("RUNS", "9"))
    text = os.environ.get("TEXT", os.path.join(a, "jmh/target/bench-multilingual/multilingual.txt"))
    corpus_source = os.path.join(a, "jmh/target/bench-corpus/all.txt")
    work = tempfile.mkdtemp(prefix="ab-startup.")
    hi = os.path.join(work, "hi.txt")
    with open(hi, "w") as f:
        f.write("hi\n")
    tiny = os.path.join(work, "tiny.txt")
    with open(tiny, "w") as f:
        f.write("hello world\n")
    empty = os.path.join(work, "empty")
    open(empty, "w").close()
    text8m = prefix(text, 8_000_000, os.path.join(work, "8m.txt"))
    corpus = os.environ.get("CORPUS") or prefix(corpus_source, 4_000_000, os.path.join(work, "4m.txt"))
    # name: (stdin, arguments after the launcher, output file name or None for standard output)
    cases = {
        "encode-hi": (hi, ["encode", "--tokenizer", "o200k_base"], None),
        "encode-8m-t1": (text8m, ["encode", "--tokenizer", "o200k_base", "--threads", "1"], None),
        "encode-8m-t2": (text8m, ["encode", "--tokenizer", "o200k_base", "--threads", "2"], None),
        "encode-8m": (text8m, ["encode", "--tokenizer", "o200k_base"], None),
        "train-tiny": (empty, ["train", "--type", "wordlevel", tiny, "-o"], "json"),
        "train-wordlevel-4m": (empty, ["train", "--type", "wordlevel", corpus, "-o"], "json"),
        "train-sp-bpe-4m": (empty, ["train", "--type", "sp-bpe", corpus, "-o"], "model"),
    }
    chosen = sys.argv[3:] or list(cases)
    for name in chosen:
        if name not in cases:
            sys.exit(f"unknown case {name} (choose from {', '.join(cases)})")
    for root in (a, b):
        subprocess.run([os.path.join(root, "toksmith"), "--version"], check=True, stdout=subprocess.DEVNULL)
    with open("/proc/cpuinfo") as f:
        cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    print(f"A: {a}\nB: {b}\nCPU: {cpu}, {os.cpu_count()} processors; {runs} rounds, A and B alternating")
    print(f"load before: {os.getloadavg()}")
    results = {(name, side): [] for name in chosen for side in "AB"}
    for r in range(runs):
        for name in chosen:
            stdin, args, ext = cases[name]
            outputs = {}
            for side in ("AB" if r % 2 == 0 else "BA"):
                root = a if side == "A" else b
                out = os.path.join(work, f"{side}.out")
                argv = [os.path.join(root, "toksmith")] + args
                if ext:
                    target = os.path.join(work, f"{side}.{ext}")
                    argv.append(target)
                results[(name, side)].append(run(argv, stdin, out))
                with open(target if ext else out, "rb") as f:
                    outputs[side] = f.read()
            if outputs["A"] != outputs["B"]:
                sys.exit(f"{name}: A and B wrote different output")
    print(f"load after: {os.getloadavg()}")
    print(f"{'case':20} {'A wall':>8} {'B wall':>8} {'B/A':>6} {'A cpu':>8} {'B cpu':>8} {'B/A':>6}")
    for name in chosen:
        wa, wb = (statistics.median(w for w, _ in results[(name, s)]) for s in "AB")
        ca, cb = (statistics.median(c for _, c in results[(name, s)]) for s in "AB")
        print(f"{name:20} {wa:8.3f} {wb:8.3f} {wb / wa:6.2f} {ca:8.3f} {cb:8.3f} {cb / ca:6.2f}")
    print("same output on both sides in every run")
    subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
