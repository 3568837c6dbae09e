"""Run a command as a child process and report its CPU time and peak memory.

CPU: `os.wait4` returns the resource usage of exactly that child and of the children it
waited for, so two commands measured one after the other never mix their figures.

Memory: a build may run steps in processes of its own, and what counts is the memory in
use at one moment by all of them. While the command runs, the resident sizes of the child
and of all its descendants are summed every few milliseconds (from /proc); the peak is the
largest sum seen, or the largest single process (`ru_maxrss`) if that is larger (a spike
between two samples). Pages a forked child shares with its parent count in both, so the
sum never understates.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
SAMPLE_EVERY = 0.02  # seconds
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Usage:
    cpu: float  # seconds, user + system
    wall: float  # seconds
    peak_mb: float  # resident set size of the process tree, summed
    processes: int = 1  # most processes of the tree alive at one sample


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_rss(pid: int) -> tuple[int, int]:
    """Bytes resident in `pid` and all its descendants, and how many processes they are."""
    tree = _children()
    todo, total, count = [pid], 0, 0
    while todo:
        p = todo.pop()
        todo += tree.get(p, [])
        try:
            with open(f"/proc/{p}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE
            count += 1
        except OSError:  # it just ended
            continue
    return total, count


class _Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.processes = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_EVERY):
            rss, count = tree_rss(self.pid)
            self.peak = max(self.peak, rss)
            self.processes = max(self.processes, count)


def measure(cmd: list[str], *, cwd: Path | None = None) -> Usage:
    """Run `cmd` to completion (its output discarded unless it fails) and measure it."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sampler = _Sampler(proc.pid)
    sampler.start()
    assert proc.stdout is not None
    output = proc.stdout.read()  # read first: a full pipe would block the child
    _, status, usage = os.wait4(proc.pid, 0)
    sampler.done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(
            f"{' '.join(cmd)} failed ({proc.returncode}):\n"
            f"{output.decode(errors='replace')[-3000:]}"
        )
    peak = max(sampler.peak, usage.ru_maxrss * 1024)
    return Usage(usage.ru_utime + usage.ru_stime, wall, peak / 2**20, max(1, sampler.processes))
