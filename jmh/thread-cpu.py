#!/usr/bin/env python3
"""Runs a command with stdin from a file and stdout to a file, and reports its CPU time by thread kind.

usage: thread-cpu.py INPUT OUTPUT -- COMMAND...

Polls /proc/PID/task/*/stat every 10 ms while the command runs (it must exec the JVM, as ./toksmith
does, so that PID is the JVM) and prints one line: wall time, total CPU (user + system) of the threads
seen, and their CPU by kind: encoding threads (toksmith-worker-*), the optimizing compiler (C2), the
quick compiler (C1), the main thread (reading, writing, and encoding itself with --threads 1) and the
VM thread (garbage collection). A thread's last 10 ms may be missed.
"""
import collections
import os
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        sys.exit("usage: thread-cpu.py INPUT OUTPUT -- COMMAND...")
    ticks = os.sysconf("SC_CLK_TCK")
    with open(sys.argv[1], "rb") as stdin, open(sys.argv[2], "wb") as stdout:
        start = time.time()
        process = subprocess.Popen(sys.argv[4:], stdin=stdin, stdout=stdout)
        last = {}
        while process.poll() is None:
            try:
                for tid in os.listdir(f"/proc/{process.pid}/task"):
                    try:
                        with open(f"/proc/{process.pid}/task/{tid}/stat") as f:
                            stat = f.read()
                    except OSError:
                        continue
                    name = stat[stat.index("(") + 1:stat.rindex(")")]
                    fields = stat[stat.rindex(")") + 2:].split()
                    last[tid] = (name, int(fields[11]) + int(fields[12]))
            except OSError:
                pass
            time.sleep(0.01)
        wall = time.time() - start
    if process.returncode != 0:
        sys.exit(f"thread-cpu: the command failed with exit code {process.returncode}")
    kinds = collections.Counter()
    for name, used in last.values():
        kind = {"toksmith-worker": "encode", "C2 CompilerThre": "c2", "C1 CompilerThre": "c1", "java": "main", "VM Thread": "vm"}
        kinds[next((v for k, v in kind.items() if name.startswith(k)), "other")] += used
    total = sum(kinds.values())
    print(f"wall {wall:.2f} cpu {total / ticks:.2f} " + " ".join(f"{k} {kinds[k] / ticks:.2f}" for k in ("encode", "c2", "c1", "main", "vm", "other")))


if __name__ == "__main__":
    main()
