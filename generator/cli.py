"""The `microlearn` command line. Only this module configures logging and output."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from generator import __version__
from generator.build import build as run_build
from generator.build import validate as run_validate
from generator.errors import ContentError, MicrolearnError

log = logging.getLogger("generator")

project_option = click.option(
    "-C", "--project", "project", type=click.Path(file_okay=False, path_type=Path),
    default=Path("."), show_default=True, help="Project folder (holds content/ and quizzes/).")


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
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: <project>/site).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--no-handouts", is_flag=True, help="Skip the PDF handouts (faster previews).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None,
              help="Paper size of handouts (default: the course's 'paper' setting).")
def build(project: Path, site_dir: Path | None, strict: bool, no_handouts: bool,
          paper: str | None) -> None:
    """Validate the course and build the site into site/."""
    result = run_build(project, site_dir=site_dir, strict=strict, handouts=not no_handouts,
                       paper=paper)
    for problem in result.warnings:
        click.echo(problem.format(), err=True)
    for message in result.engine_warnings:
        log.warning("site engine: %s", message)
    lessons = len(result.curriculum.lessons)
    click.echo(f"Built {lessons} lessons, {result.pages} pages into {result.site_dir}", err=True)


@cli.command()
@project_option
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def validate(project: Path, strict: bool) -> None:
    """Check the course source and report every problem."""
    cur, problems = run_validate(project, strict=strict)
    for problem in problems:
        click.echo(problem.format())
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    if cur is None:
        sys.exit(1)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="microlearn")
