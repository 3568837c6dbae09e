"""Problems found in course source, and the few exceptions the CLI turns into exit code 1.

A `Problem` is data: where (path, line, column, 1-based), what, how bad, and which rule.
Validation returns lists of problems; only `ContentError` turns them into a failure, once.
Anything that is not a `MicrolearnError` is a bug and keeps its traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
"""Most serious first. `info` says what the build did for the author (a handout condensed a
block); it never fails a run, not even with --strict, and is shown with -v."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the course source, located at a file position."""

    path: str
    line: int
    col: int
    message: str
    severity: Severity = "error"
    rule: str = "schema"

    def format(self) -> str:
        """`path:line:col: error: message [rule]`, the form editors and CI logs link to."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]"


def closest(name: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name an author most likely meant, if any is close enough."""
    guess = difflib.get_close_matches(name, list(known), n=1, cutoff=cutoff)
    return guess[0] if guess else None


def did_you_mean(name: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """` (did you mean 'x'?)` to append to a message, or nothing."""
    guess = closest(name, known, cutoff)
    return f" (did you mean '{guess}'?)" if guess else ""


class MicrolearnError(Exception):
    """Base for every failure the user can act on; the CLI prints it and exits 1."""


class ContentError(MicrolearnError):
    """The course source has errors; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        errors = sum(p.severity == "error" for p in self.problems)
        super().__init__(f"{errors} error(s) in the course source")


class BuildError(MicrolearnError):
    """The site engine, a handout renderer or the file system failed."""


class SystemDependencyError(MicrolearnError):
    """A system library the build needs is missing; the message names what to install."""
