"""The bench's memory figure is the peak of the memory all processes of a command use at
one moment, not the largest single process."""

from __future__ import annotations

import sys

from bench.measure import measure

TWO_PROCESSES = """
import os, time
held = bytearray(80 * 2**20)  # touched: resident
pid = os.fork()
mine = bytearray(80 * 2**20)
time.sleep(0.6)
if pid:
    os.waitpid(pid, 0)
"""


def test_peak_memory_sums_the_processes_alive_together() -> None:
    usage = measure([sys.executable, "-c", TWO_PROCESSES])
    assert usage.processes == 2
    # each process holds 160 MB (parent: both buffers; child: its copy and its own)
    assert usage.peak_mb >= 2 * 160, usage
    assert usage.cpu < 5
