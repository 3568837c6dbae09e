"""Run one step of the build in a child process, so its memory is gone when it ends.

Loading, checking and rendering a large course fill the heap with data the site engine
never reads; in one process the engine would grow on top of it, and memory a process freed
is rarely given back whole. `apart(step, folder)` forks, runs `step` in the child and
returns what it returned in the parent, through a pickle in `folder`. A value the caller
needs only later is handed to `keep` as soon as it is final: the child writes it to a file
right then (before the step's own peak), and the parent reads it back only when it asks
for it (`Later.get`), so meanwhile it takes no room. An exception raised by `step` is
raised again in the parent.

A fork starts with everything the parent imported, so the step pays no import time. The
child collects garbage less often: with hundreds of thousands of objects alive, which
the step holds until it ends, every collection walks them all again (a second of a
1,000-lesson build at Python's default pace). Collections still run, so what a step
such as rendering PDFs leaves in cycles is freed. Where
there is no fork, or other threads run (a fork would copy their locks, held or not), the
step simply runs in this process.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from generator.errors import BuildError
from generator.memory import collections_paused

CHILD_GC = (50_000, 20, 10)
"""Collection thresholds in the child; Python's are (700, 10, 10)."""
T = TypeVar("T")
R = TypeVar("R")


class Later(Generic[T]):
    """A value handed to `keep`, held as it is or in a pickle file until `get()`."""

    def __init__(self, file: Path | None = None) -> None:
        self._file = file
        self._value: T | None = None
        self._set = False

    def keep(self, value: T) -> None:
        self._value, self._set = value, True

    def get(self) -> T:
        if self._file is not None and self._file.is_file():
            with self._file.open("rb") as f, collections_paused():
                self.keep(pickle.load(f))
            self._file.unlink()
        if not self._set:
            raise BuildError("the build's preparing step kept nothing for later")
        return self._value  # type: ignore[return-value]


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


Step = Callable[[Callable[[T], None]], R]
"""A step: called with `keep`, returns what the caller needs at once."""


def apart(step: Step[T, R], folder: Path) -> tuple[R, Later[T]]:
    """Run `step` in a forked child; returns its result and what it kept, unread."""
    if not can_fork():
        here: Later[T] = Later()
        return step(here.keep), here
    folder.mkdir(parents=True, exist_ok=True)
    result, kept = folder / "result.pickle", folder / "later.pickle"
    sys.stdout.flush()  # else the child would print what the parent has buffered, again
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; its coverage is not collected
        _child(step, result, kept)
    _, status = os.waitpid(pid, 0)
    if not result.is_file():
        code = os.waitstatus_to_exitcode(status)
        how = f"by signal {-code}" if code < 0 else f"with exit code {code}"
        raise BuildError(f"the build's preparing process stopped {how} (out of memory?)")
    outcome, now = pickle.loads(result.read_bytes())
    result.unlink()
    if outcome == "error":
        raise now
    return now, Later(kept)


def _child(step: Step[T, R], result: Path, kept: Path) -> None:  # pragma: no cover
    def keep(value: T) -> None:
        with kept.open("wb") as f:  # streamed: no second copy of it in memory
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)

    gc.set_threshold(*CHILD_GC)  # see the module doc
    code = 1
    try:
        try:
            now = step(keep)
            payload = pickle.dumps(("ok", now), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # every failure goes to the parent, as it would in one
            payload = _pickled_error(exc)
        partial = result.with_suffix(".partial")
        partial.write_bytes(payload)
        partial.replace(result)  # whole or absent: the parent never reads half a result
        code = 0
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _pickled_error(exc: BaseException) -> bytes:
    try:
        data = pickle.dumps(("error", exc), protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(data)  # some exceptions pickle but cannot be rebuilt
        return data
    except Exception:
        return pickle.dumps(("error", BuildError(f"{type(exc).__name__}: {exc}")))
