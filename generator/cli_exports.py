"""`microlearn export` and `microlearn results`: files for other systems and for trainers."""

from __future__ import annotations

from pathlib import Path

import click

from generator import report
from generator.build import validate as run_validate
from generator.cli import project_option
from generator.errors import ContentError
from generator.outputs.exports import FORMATS, TRAINER_EXPORTS
from generator.outputs.exports import export as write_export


@click.command("export")
@project_option
@click.argument("fmt", metavar="FORMAT", type=click.Choice(sorted(FORMATS)))
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Folder to write into (default: <project>/{TRAINER_EXPORTS.as_posix()}).",
)
def export(project: Path, fmt: str, out: Path | None) -> None:
    """Write the quizzes as a question bank: gift, moodle-xml or qti.

    The files hold every answer key: share them with trainers and LMS administrators,
    not with learners."""
    cur, problems = run_validate(project)
    if cur is None:
        raise ContentError([p for p in report.promote(problems, False) if p.severity == "error"])
    target = write_export(cur, fmt, out or project / TRAINER_EXPORTS)
    click.echo(f"wrote {target} ({FORMATS[fmt].summary})", err=True)
