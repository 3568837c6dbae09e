"""A progress line for long steps: count, rate and time left, on stderr.

On a terminal it is one line rewritten in place (at most ten times a second). In a log
(CI, a pipe, a file) it is a new line only at every tenth of the work, so a thousand PDFs
add eleven lines, not a thousand. Short jobs (`FEW` items or less) print nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

FEW = 5
REDRAW = 0.1  # seconds between terminal redraws


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    return f"{minutes // 60} h {minutes % 60:02d} min"


class Progress:
    """Counts finished items of `total` and reports them; call `advance()` per item and
    `close()` at the end (or use it as a context manager)."""

    def __init__(
        self,
        total: int,
        label: str,
        *,
        stream: TextIO | None = None,
        tty: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.label = label
        self.done = 0
        self._stream = stream or sys.stderr
        self._tty = self._stream.isatty() if tty is None else tty
        self._clock = clock
        self._started = clock()
        self._drawn_at = float("-inf")
        self._step = 0  # tenths of the work already reported (log mode)
        self._active = total > FEW
        self._width = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def line(self) -> str:
        """The current state as text, e.g. 'Rendering PDFs: 40/100 (40%), 2.1/s, 29 s left'."""
        elapsed = self._clock() - self._started
        text = f"{self.label}: {self.done}/{self.total} ({100 * self.done // self.total}%)"
        if self.done and elapsed > 0:
            rate = self.done / elapsed
            text += f", {rate:.1f}/s"
            if self.done < self.total:
                text += f", about {_duration((self.total - self.done) / rate)} left"
            else:
                text += f", {_duration(elapsed)}"
        return text

    def advance(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        if not self._active:
            return
        if self._tty:
            now = self._clock()
            if now - self._drawn_at >= REDRAW or self.done == self.total:
                self._drawn_at = now
                self._draw()
        else:
            step = 10 * self.done // self.total
            if step > self._step:
                self._step = step
                self._stream.write(self.line() + "\n")
                self._stream.flush()

    def close(self) -> None:
        """End the line on a terminal (the last state stays visible)."""
        if self._active and self._tty and self._width:
            self._draw()
            self._stream.write("\n")
            self._stream.flush()
        self._active = False

    def _draw(self) -> None:
        text = self.line()
        pad = max(0, self._width - len(text))  # erase what a longer line left behind
        self._width = len(text)
        self._stream.write("\r" + text + " " * pad)
        self._stream.flush()
