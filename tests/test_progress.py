"""The progress line: one updating line on a terminal, a line per tenth in a log, silence for
a few items; always count, rate and time left."""

from __future__ import annotations

import io

from generator.progress import FEW, Progress


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def run(total: int, *, tty: bool, seconds_each: float = 0.5) -> str:
    stream, clock = io.StringIO(), Clock()
    with Progress(total, "Rendering PDFs", stream=stream, tty=tty, clock=clock) as progress:
        for _ in range(total):
            clock.now += seconds_each
            progress.advance()
    return stream.getvalue()


def test_a_log_gets_a_line_per_tenth_with_count_rate_and_time_left() -> None:
    lines = run(1000, tty=False).splitlines()
    assert len(lines) == 10
    assert "\r" not in "".join(lines)
    assert lines[0] == "Rendering PDFs: 100/1000 (10%), 2.0/s, about 7 min 30 s left"
    assert lines[4] == "Rendering PDFs: 500/1000 (50%), 2.0/s, about 4 min 10 s left"
    assert lines[-1] == "Rendering PDFs: 1000/1000 (100%), 2.0/s, 8 min 20 s"


def test_a_terminal_gets_one_line_redrawn_at_most_ten_times_a_second() -> None:
    out = run(1000, tty=True, seconds_each=0.01)  # 10 s of work
    assert out.count("\n") == 1 and out.endswith("\n")
    redraws = out.count("\r")
    assert 90 <= redraws <= 110
    assert out.rstrip().rsplit("\r", 1)[-1].startswith("Rendering PDFs: 1000/1000 (100%)")
    assert "about 5 s left" in out  # halfway through


def test_a_few_items_print_nothing() -> None:
    assert run(FEW, tty=False) == ""
    assert run(FEW, tty=True) == ""
    assert run(FEW + 1, tty=False) != ""
