"""Question-bank exports: the course's quizzes as GIFT, Moodle XML and a QTI 2.1 package.

They hold every answer key, so a build writes them for trainers only, into
`TRAINER_EXPORTS` beside the learner site (never inside it); `microlearn export` writes
one format wherever it is asked to. Each format is one module with a `write` function;
`FORMATS` names them (SCORM 2004 and cmi5 packages can join the same table).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import outdir
from generator.models import Curriculum
from generator.outputs.base import SiteExtras
from generator.outputs.exports import bank, gift, moodle, qti

log = logging.getLogger(__name__)

TRAINER_EXPORTS = Path("site-trainer") / "exports"
"""Where builds put the exports, relative to the folder that holds the learner site."""


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


class ExportOutput:
    """Writes every question-bank format for trainers, next to (not inside) the site.

    The folder is an output the build owns like `site/`: marked, replaced whole, and never
    written over when it holds someone else's files."""

    def __init__(self, target: Path, *, scratch_name: str) -> None:
        self.target = target
        self.scratch_name = scratch_name

    def plan(
        self, cur: Curriculum, extras: SiteExtras, *, root: Path, paper: str | None = None
    ) -> None:
        """Nothing to prepare: exports do not appear on learner pages."""

    def produce(self, cur: Curriculum, site_dir: Path, *, root: Path) -> None:
        """Write all formats into a staging folder beside the staging site, then swap it in."""
        scratch = root / self.scratch_name
        target = outdir.check_target(root, self.target, scratch=scratch, allow_scratch=True)
        fresh = site_dir.parent / "trainer-exports"
        written = [export(cur, name, fresh) for name in FORMATS]
        outdir.mark(fresh)
        target.parent.mkdir(parents=True, exist_ok=True)
        with outdir.project_lock(scratch):
            outdir.recover(target)
            outdir.swap_in(fresh, target)
        log.info("question banks: %s in %s", ", ".join(p.name for p in written), target)


__all__ = ["FORMATS", "TRAINER_EXPORTS", "ExportOutput", "export"]
