"""Question-bank exports: the course's quizzes as GIFT, Moodle XML and a QTI 2.1 package.

They hold every answer key, so a build writes them for trainers only, into the trainer
output (`site-trainer/exports/`, never the learner site); `microlearn export` writes one
format wherever it is asked to (default `exports/` in the project). Each format is one
module with a `write` function; `FORMATS` names them (SCORM 2004 and cmi5 packages can
join the same table).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.models import Curriculum
from generator.outputs.exports import bank, gift, moodle, qti

log = logging.getLogger(__name__)

EXPORTS = "exports"
"""The exports' folder inside the trainer output, and `microlearn export`'s default."""


Writer = Callable[[list[bank.Item], Curriculum, Path], None]


@dataclass(frozen=True)
class Format:
    name: str
    file_name: Callable[[Curriculum], str]
    write: Writer
    summary: str


def _text(fn: Callable[[list[bank.Item], Curriculum], str]) -> Writer:
    def write(items: list[bank.Item], cur: Curriculum, target: Path) -> None:
        target.write_text(fn(items, cur), encoding="utf-8")

    return write


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "gift",
            lambda c: f"{c.course.id}.gift",
            _text(lambda i, _c: gift.write(i)),
            "GIFT text for Moodle's question bank",
        ),
        Format(
            "moodle-xml",
            lambda c: f"{c.course.id}-moodle.xml",
            _text(moodle.write),
            "Moodle XML question bank",
        ),
        Format(
            "qti",
            lambda c: f"{c.course.id}-qti21.zip",
            qti.write,
            "IMS QTI 2.1 content package, one item per question",
        ),
    )
}


def export(cur: Curriculum, fmt: str, out_dir: Path) -> Path:
    """Write one format into `out_dir`; returns the file written."""
    spec = FORMATS[fmt]
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / spec.file_name(cur)
    spec.write(list(bank.items(cur)), cur, target)
    return target


def write_all(cur: Curriculum, folder: Path) -> list[Path]:
    """Every format into `folder` (the trainer output's `exports/`); the files written."""
    written = [export(cur, name, folder) for name in FORMATS]
    log.info("question banks: %s", ", ".join(p.name for p in written))
    return written


__all__ = ["EXPORTS", "FORMATS", "export", "write_all"]
