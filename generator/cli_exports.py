"""`microlearn export` and `microlearn results`: files for other systems and for trainers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from generator.build import build_package
from generator.build import validate as run_validate
from generator.console import project_option
from generator.errors import ContentError, Problem
from generator.outputs.exports import EXPORTS, FORMATS
from generator.outputs.exports import export as write_export
from generator.outputs.lms import KINDS


def _stop(problems: list[Problem], summary: str) -> NoReturn:
    """Located problems, one per line, then what happened; exit 1."""
    for problem in problems:
        click.echo(problem.format(), err=True)
    click.echo(summary, err=True)
    sys.exit(1)


@click.command("export")
@project_option
@click.argument("fmt", metavar="FORMAT", type=click.Choice(sorted({*FORMATS, *KINDS})))
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Folder to write into (default: <project>/{EXPORTS}/).",
)
def export(project: Path, fmt: str, out: Path | None) -> None:
    """Write the quizzes as a question bank (gift, moodle-xml, qti), or the course as an LMS
    package (scorm12, scorm2004, cmi5), built apart: site/ is left as it is.

    Question banks hold every answer key: share them with trainers and LMS administrators,
    not with learners."""
    stopped = "Export stopped: the course source has errors; nothing was written."
    if fmt in KINDS:  # the build checks the source itself
        try:
            target = build_package(project, fmt, out or project / EXPORTS)
        except ContentError as exc:
            _stop([p for p in exc.problems if p.severity == "error"], stopped)
        click.echo(f"wrote {target} ({KINDS[fmt].summary})", err=True)
        return
    cur, problems = run_validate(project)
    if cur is None:
        _stop([p for p in problems if p.severity == "error"], stopped)
    target = write_export(cur, fmt, out or project / EXPORTS)
    click.echo(f"wrote {target} ({FORMATS[fmt].summary})", err=True)


@click.group()
def results() -> None:
    """Learners' results files, for trainers without an LMS."""


@results.command("merge")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("results.csv"),
    show_default=True,
    help="CSV to write; with several courses, one file per course named <name>-<course id>.csv.",
)
def results_merge(folder: Path, out: Path) -> None:
    """Merge a folder of downloaded results files into one CSV per course.

    One row per learner and quiz; a learner who sent several files keeps the latest
    attempt and the best result. Any malformed file stops the merge, with its location."""
    from generator.results import merge_folder

    try:
        written = merge_folder(folder, out)
    except ContentError as exc:
        _stop(exc.problems, "Merge stopped: fix or remove the files above; nothing was written.")
    for path, learners, rows in written:
        click.echo(f"wrote {path}: {learners} learner(s), {rows} row(s)", err=True)
