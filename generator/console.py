"""What the command line prints and how much: -q errors only, -v more, logging set once.

The `Group` class gives every command `-q` and `-v`, so they work before or after the
command name, and turns user errors into one line each with exit code 1.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator import report
from generator.errors import (
    ContentError,
    MicrolearnError,
    Problem,
    describe_os_error,
    is_environment_error,
)

F = TypeVar("F", bound=Callable[..., Any])

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


_OPTIONS: list[tuple[tuple[str, str], dict[str, Any]]] = [
    (("-v", "--verbose"), {"count": True, "help": "Say more (information notes, debug detail)."}),
    (("-q", "--quiet"), {"is_flag": True, "help": "Print errors only."}),
]


def verbosity_options(command: F) -> F:
    """`-v/--verbose` and `-q/--quiet` on a group itself (its commands get them from
    `Group.add_command`)."""
    for names, settings in _OPTIONS:
        command = click.option(
            *names, expose_value=False, is_eager=True, callback=_set_verbosity, **settings
        )(command)
    return command


def echo_problems(problems: list[Problem]) -> None:
    """Problems on stderr as `path:line:col: severity: message [rule]`, as -q/-v allow."""
    for problem in report.visible(problems, verbosity()):
        click.echo(problem.format(), err=True)


def say(message: str) -> None:
    """A progress or summary line on stderr; -q leaves it out."""
    if verbosity() >= 0:
        click.echo(message, err=True)


class Group(click.Group):
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
        except OSError as exc:  # the file system said no: name the path, not the stack
            if not is_environment_error(exc):
                raise
            click.echo(f"error: {describe_os_error(exc, Path.cwd())}", err=True)
            ctx.exit(1)

    group_class = type  # sub-groups are of this class too

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        """Every command of this group (and of its sub-groups) takes -q and -v."""
        names = {opt for param in cmd.params for opt in getattr(param, "opts", [])}
        for opts, settings in _OPTIONS:
            if not names & set(opts):
                cmd.params.append(
                    click.Option(
                        list(opts),
                        expose_value=False,
                        is_eager=True,
                        callback=_set_verbosity,
                        **settings,
                    )
                )
        super().add_command(cmd, name)
