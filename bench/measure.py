"""Run a command as a child process and report its own CPU time and peak memory.

`os.wait4` returns the resource usage of exactly that child (and of the children it waited
for), so two commands measured one after the other never mix their figures.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


@dataclass(frozen=True)
class Usage:
    cpu: float  # seconds, user + system
    wall: float  # seconds
    peak_mb: float  # resident set size


def measure(cmd: list[str], *, cwd: Path | None = None) -> Usage:
    """Run `cmd` to completion (its output discarded unless it fails) and measure it."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    output = proc.stdout.read()  # read first: a full pipe would block the child
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(
            f"{' '.join(cmd)} failed ({proc.returncode}):\n"
            f"{output.decode(errors='replace')[-3000:]}"
        )
    return Usage(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)
