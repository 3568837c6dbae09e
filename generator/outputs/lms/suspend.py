"""What the package keeps in SCORM 1.2's `cmi.suspend_data`, and whether a course fits.

The learner runtime (`assets/microlearn/lms-core.js`) writes the value; this module holds
the same encoding rules, so the build can refuse a course whose progress would not fit,
before a learner loses it. Both are tested against `tests/fixtures/suspend-vectors.json`.

    "m2" <attempt: 4 base-36 digits> ";" <visited lessons: base-32 digits, 5 lessons each> ";"
    then per quiz result: <quiz index: 2 base-36><score * 2 + passed: 2 base-36><version: 6 hex> ";"
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator.errors import BuildError

LIMIT = 4096
"""SCORM 1.2's cmi.suspend_data holds at most this many characters."""
HEADER = "m2"
ATTEMPT_CHARS = 4
ENTRY_CHARS = 11  # 2 index + 2 score/passed + 6 version + ";"
LESSONS_PER_DIGIT = 5
MAX_QUIZZES = 36**2  # two base-36 digits of quiz index
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Result:
    """One quiz's result in an attempt: short version, passed, best percent."""

    version: str
    passed: bool
    score: int


def _base(n: int, base: int, width: int) -> str:
    out = ""
    while n:
        n, digit = divmod(n, base)
        out = _DIGITS[digit] + out
    return out.rjust(width, "0")


def _short_version(version: str) -> str:
    return re.sub(r"[^0-9a-f]", "", version.lower())[:6].rjust(6, "0")


def encode(
    attempt: str, visited: Iterable[int], results: Mapping[str, Result], quizzes: Sequence[str]
) -> str:
    """The suspend_data value the runtime writes for this attempt state."""
    digits = [0] * math.ceil((max(visited, default=-1) + 1) / LESSONS_PER_DIGIT)
    for lesson in visited:
        digits[lesson // LESSONS_PER_DIGIT] |= 1 << (lesson % LESSONS_PER_DIGIT)
    entries = "".join(
        _base(index, 36, 2)
        + _base(results[quiz].score * 2 + results[quiz].passed, 36, 2)
        + _short_version(results[quiz].version)
        + ";"
        for index, quiz in enumerate(quizzes)
        if quiz in results and index < MAX_QUIZZES
    )
    visits = "".join(_base(d, 32, 1) for d in digits)
    return f"{HEADER}{attempt};{visits};{entries}"


def worst_case(quizzes: int, lessons: int) -> int:
    """Characters of suspend_data when every lesson is visited and every quiz has a result."""
    return (
        len(HEADER)
        + ATTEMPT_CHARS
        + 1
        + math.ceil(lessons / LESSONS_PER_DIGIT)
        + 1
        + quizzes * ENTRY_CHARS
    )


def check_fits(
    quizzes: int,
    lessons: int,
    *,
    limit: int | None = None,
    package: str = "SCORM 1.2",
    part: str = "",
) -> None:
    """Stop the build when a learner's progress in this course (or in `part` of it, the
    share one SCO records) could overflow suspend_data, which `package` caps at `limit`
    (default: SCORM 1.2's)."""
    limit = LIMIT if limit is None else limit
    need = worst_case(quizzes, lessons)
    if need <= limit:
        return
    room = (limit - worst_case(0, lessons)) // ENTRY_CHARS
    where = part or "a course"
    raise BuildError(
        f"the {package} package cannot keep a learner's progress{' in ' + part if part else ''}: "
        f"{quizzes} quizzes and {lessons} lessons need up to {need:,} characters of "
        f"cmi.suspend_data, and {package} allows {limit:,}. With {lessons} lessons {where} may "
        "have at most "
        f"{room} quizzes: split {'it' if part else 'the course'} into smaller ones"
    )
