"""The `microlearn` command line. Only this module configures logging and output."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator import __version__, report
from generator.build import build as run_build
from generator.build import validate as run_validate
from generator.errors import ContentError, MicrolearnError, Problem

log = logging.getLogger("generator")
F = TypeVar("F", bound=Callable[..., Any])

project_option = click.option(
    "-C", "--project", "project", type=click.Path(file_okay=False, path_type=Path),
    default=Path("."), show_default=True, help="Project folder (holds content/ and quizzes/).")


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("generator")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def verbosity() -> int:
    """-1 with -q (errors only), 0 by default, 1 or more with -v (more detail)."""
    meta = click.get_current_context().meta
    return -1 if meta.get(_QUIET) else meta.get(_VERBOSE, 0)


_QUIET, _VERBOSE = "microlearn.quiet", "microlearn.verbose"


def _set_verbosity(ctx: click.Context, param: click.Parameter, value: object) -> None:
    """-q and -v may come before or after the command name; the meta dict is shared by the
    group's and the command's contexts, so either place counts."""
    if param.name == "quiet" and value:
        ctx.meta[_QUIET] = True
    elif param.name == "verbose" and value:
        ctx.meta[_VERBOSE] = ctx.meta.get(_VERBOSE, 0) + int(value)  # type: ignore[call-overload]
    _setup_logging(ctx.meta.get(_VERBOSE, 0), ctx.meta.get(_QUIET, False))


def verbosity_options(command: F) -> F:
    """`-v/--verbose` and `-q/--quiet`, accepted by the group and by every command."""
    command = click.option("-v", "--verbose", count=True, expose_value=False, is_eager=True,
                           callback=_set_verbosity, help="Say more (information notes, "
                           "debug detail).")(command)
    return click.option("-q", "--quiet", is_flag=True, expose_value=False, is_eager=True,
                        callback=_set_verbosity, help="Print errors only.")(command)


def echo_problems(problems: list[Problem]) -> None:
    """Problems on stderr as `path:line:col: severity: message [rule]`, as -q/-v allow."""
    for problem in report.visible(problems, verbosity()):
        click.echo(problem.format(), err=True)


def say(message: str) -> None:
    """A progress or summary line on stderr; -q leaves it out."""
    if verbosity() >= 0:
        click.echo(message, err=True)


class _Group(click.Group):
    """Turns user errors into one line each and exit code 1; bugs keep their traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ContentError as exc:
            echo_problems(exc.problems)
            click.echo(f"Build stopped: {exc}. The previous site/ was left as it was.", err=True)
            ctx.exit(1)
        except MicrolearnError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        """Every command of this group (and of its sub-groups) takes -q and -v."""
        make = super().command(*args, **kwargs)
        return lambda f: make(verbosity_options(f))

    def group(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", _Group)
        make = super().group(*args, **kwargs)
        return lambda f: make(verbosity_options(f))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="microlearn")
@verbosity_options
def cli() -> None:
    """Build microlearning courses from YAML: site, quizzes, handouts."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@cli.command()
@project_option
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: <project>/site).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--no-handouts", is_flag=True, help="Skip the PDF handouts (faster previews).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None,
              help="Paper size of handouts (default: the course's 'paper' setting).")
@click.option("--site-url", default=None, metavar="URL",
              help="Where the site is published; handouts link to it with QR codes "
                   "(default: the course's 'url', else $MICROLEARN_SITE_URL).")
def build(project: Path, site_dir: Path | None, strict: bool, no_handouts: bool,
          paper: str | None, site_url: str | None) -> None:
    """Validate the course and build the site into site/."""
    result = run_build(project, site_dir=site_dir, strict=strict, handouts=not no_handouts,
                       paper=paper, site_url=site_url)
    echo_problems(result.warnings)
    for message in result.engine_warnings:
        log.warning("site engine: %s", message)
    lessons = len(result.curriculum.lessons)
    say(f"Built {lessons} lessons, {result.pages} pages into {result.site_dir}")


@cli.command()
@project_option
@click.option("--strict", is_flag=True, help="Report warnings as errors (exit 1 on them too).")
@click.option("--format", "fmt", type=click.Choice(report.FORMATS), default="text",
              show_default=True, help="text: path:line:col lines; github: workflow "
              "annotations shown on pull requests; json: for tools.")
def validate(project: Path, strict: bool, fmt: str) -> None:
    """Check the course source and report every problem, then exit 1 if any is an error."""
    _, problems = run_validate(project, strict=strict)
    problems = report.promote(problems, strict)
    output = report.render(report.visible(problems, verbosity()), fmt, project)
    if output:
        click.echo(output)
    say(report.summary(problems))
    if any(p.severity == "error" for p in problems):
        sys.exit(1)


@cli.command()
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write into (default: the schemas folder of the installed "
              "generator, which content files point at).")
def schema(out: Path | None) -> None:
    """Write JSON Schemas of course, module, lesson, quiz and glossary files (for editors)."""
    from generator.schema import SCHEMA_DIR, write_schemas  # noqa: PLC0415

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
    from generator.scaffold import new_lesson as scaffold_lesson  # noqa: PLC0415

    for line in scaffold_lesson(project, where, title=title):
        say(line)


@cli.command()
@project_option
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--handouts", is_flag=True, help="Also build the PDF handouts (slower).")
def serve(project: Path, port: int, handouts: bool) -> None:
    """Preview the course: rebuild when a file is saved and reload the browser."""
    from generator.serve import serve as run_serve  # noqa: PLC0415

    run_serve(project, port=port, handouts=handouts)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="microlearn")
