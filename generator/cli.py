"""The `microlearn` command line. Only this module configures logging and output."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from generator import __version__, report
from generator.build import build as run_build
from generator.build import validate as run_validate
from generator.errors import ContentError, MicrolearnError, describe_os_error, is_environment_error
from generator.outputs.handouts.plan import TRAINER_FOLDER
from generator.outputs.lms import package_path as lms_package_path

log = logging.getLogger("generator")

project_option = click.option(
    "-C",
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder (holds content/ and quizzes/).",
)


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("generator")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


class _Group(click.Group):
    """Turns user errors into one line each and exit code 1; bugs keep their traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ContentError as exc:
            for problem in exc.problems:
                click.echo(problem.format(), err=True)
            click.echo(f"Build stopped: {exc}. The previous site/ was left as it was.", err=True)
            ctx.exit(1)
        except MicrolearnError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)
        except OSError as exc:  # the file system said no: name the path, not the stack
            if not is_environment_error(exc):
                raise
            click.echo(f"error: {describe_os_error(exc, Path.cwd())}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="microlearn")
@click.option("-v", "--verbose", count=True, help="Say more.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
def cli(verbose: int, quiet: bool) -> None:
    """Build microlearning courses from YAML: site, quizzes, handouts."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _setup_logging(verbose, quiet)


@cli.command()
@project_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: <project>/site).",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--no-handouts", is_flag=True, help="Skip the PDF handouts (faster previews).")
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default=None,
    help="Paper size of handouts (default: the course's 'paper' setting).",
)
@click.option(
    "--site-url",
    default=None,
    metavar="URL",
    help="Where the site is published; handouts link to it with QR codes "
    "(default: the course's 'url', else $MICROLEARN_SITE_URL).",
)
def build(
    project: Path,
    site_dir: Path | None,
    strict: bool,
    no_handouts: bool,
    paper: str | None,
    site_url: str | None,
) -> None:
    """Validate the course and build the site into site/."""
    result = run_build(
        project,
        site_dir=site_dir,
        strict=strict,
        handouts=not no_handouts,
        paper=paper,
        site_url=site_url,
    )
    for problem in result.warnings:
        click.echo(problem.format(), err=True)
    for message in result.engine_warnings:
        log.warning("site engine: %s", message)
    lessons = len(result.curriculum.lessons)
    click.echo(f"Built {lessons} lessons, {result.pages} pages into {result.site_dir}", err=True)
    where = _where_to_look(result.site_dir, lms_package_path(result.curriculum), result.trainer_dir)
    for line in where:
        click.echo(line, err=True)


def _where_to_look(site_dir: Path, package: str, trainer_dir: Path | None = None) -> list[str]:
    """What the build produced and how to open it, for the last lines an author sees."""

    def shown(path: Path) -> str:
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    site = shown(site_dir)
    lines = [
        f"  Site:     {shown(site_dir / 'index.html')} (open it in a browser, or run "
        f"`python3 -m http.server -d {site}` and visit http://localhost:8000/)"
    ]
    trainer = site_dir / TRAINER_FOLDER
    if trainer_dir is not None:
        lines.append(
            f"  Trainer:  {shown(trainer_dir)}/ (answer keys and facilitator guide, listed on "
            f"{shown(trainer_dir / 'index.html')}; share with trainers, never publish it)"
        )
    elif trainer.is_dir():
        lines.append(
            f"  Trainer:  {shown(trainer)}/ (answer keys and facilitator guide, "
            f"listed on {site}/trainer.html)"
        )
    if (site_dir / package).is_file():
        lines.append(
            f"  LMS:      {shown(site_dir / package)} (upload to the LMS as a SCORM 1.2 package)"
        )
    return lines


@cli.command()
@project_option
@click.option("--strict", is_flag=True, help="Report warnings as errors (exit 1 on them too).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(report.FORMATS),
    default="text",
    show_default=True,
    help="text: path:line:col lines; github: workflow "
    "annotations shown on pull requests; json: for tools.",
)
def validate(project: Path, strict: bool, fmt: str) -> None:
    """Check the course source and report every problem, then exit 1 if any is an error."""
    _, problems = run_validate(project, strict=strict)
    problems = report.promote(problems, strict)
    output = report.render(problems, fmt, project)
    if output:
        click.echo(output)
    click.echo(report.summary(problems), err=True)
    if any(p.severity == "error" for p in problems):
        sys.exit(1)


@cli.command()
@project_option
def stats(project: Path) -> None:
    """Print the course-wide answer-cue statistics and the final assessment's coverage."""
    from generator.config import load_config
    from generator.lint.cues import describe, statistics

    cur, problems = run_validate(project)
    if cur is None:
        raise ContentError([p for p in problems if p.severity == "error"])
    settings = load_config(project)[0].lint
    click.echo("\n".join(describe(statistics(cur, settings), settings)))


@cli.command()
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write into (default: the schemas folder of the installed "
    "generator, which content files point at).",
)
def schema(out: Path | None) -> None:
    """Write JSON Schemas of course, module, lesson, quiz and glossary files (for editors)."""
    from generator.schema import SCHEMA_DIR, write_schemas

    for path in write_schemas(out or SCHEMA_DIR):
        click.echo(f"wrote {path}", err=True)


@cli.group()
def new() -> None:
    """Create new course files from a template."""


@new.command("lesson")
@project_option
@click.argument("where", metavar="MODULE/LESSON-ID")
@click.option("--title", default=None, help="Lesson title (default: from the id).")
def new_lesson(project: Path, where: str, title: str | None) -> None:
    """Scaffold a lesson and its quiz, and add the lesson to its module."""
    from generator.scaffold import new_lesson as scaffold_lesson

    for line in scaffold_lesson(project, where, title=title):
        click.echo(line, err=True)


@cli.command()
@project_option
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0: every network interface, e.g. to preview on a phone).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@click.option("--handouts", is_flag=True, help="Also build the PDF handouts (slower: full builds).")
def serve(project: Path, port: int, host: str, open_browser: bool, handouts: bool) -> None:
    """Preview the course: rebuild what a save changed and reload the browser."""
    from generator.serve import serve as run_serve

    run_serve(project, host=host, port=port, handouts=handouts, open_browser=open_browser)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="microlearn")
