"""Problems found in course source, and the few exceptions the CLI turns into exit code 1.

A `Problem` is data: where (path, line, column, 1-based), what, how bad, and which rule.
Validation returns lists of problems; only `ContentError` turns them into a failure, once.
Anything that is not a `MicrolearnError` is a bug and keeps its traceback.
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
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

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[Problem]]]:
        return (ContentError, (self.problems,))  # rebuilt from its problems, not its message


class BuildError(MicrolearnError):
    """The site engine, a handout renderer or the file system failed."""


class SystemDependencyError(MicrolearnError):
    """A system library the build needs is missing; the message names what to install."""


_ADVICE = {
    errno.EACCES: "permission denied; check its permissions or run as its owner",
    errno.EPERM: "operation not permitted; check its permissions or run as its owner",
    errno.EROFS: "the file system is read-only; build from a writable copy or pass --site-dir",
    errno.ENOSPC: "no space left on the device; free some space and build again",
    errno.EDQUOT: "disk quota exceeded; free some space and build again",
    errno.ENOTDIR: "a file stands where a folder is needed; move that file away",
    errno.EISDIR: "is a folder where a file was expected; move the folder away",
    errno.ENOENT: "does not exist (was it moved or deleted during the build?)",
    errno.ELOOP: "too many levels of symbolic links; replace the link by the file",
    errno.EMFILE: "too many open files; raise the limit (ulimit -n) and build again",
}


def is_environment_error(exc: OSError) -> bool:
    """A failure of the machine (disk, permissions, paths), not of microlearn's code."""
    return exc.filename is not None or (exc.errno or 0) in _ADVICE


def describe_os_error(exc: OSError, root: Path | None = None) -> str:
    """One line for a file-system failure: `path: what happened; what to do`. Writes report
    no file name; the project folder (`root`) stands in for it then."""
    if exc.filename is None:
        return f"{(root or Path.cwd()).resolve()}: {os_error_advice(exc)}"
    path = Path(os.fsdecode(exc.filename))
    if root is not None:
        with contextlib.suppress(ValueError):
            path = path.resolve().relative_to(root.resolve()) if path.is_absolute() else path
    return f"{path}: {os_error_advice(exc)}"


def os_error_advice(exc: OSError) -> str:
    """What happened and what to do, without the path."""
    return _ADVICE.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()
