"""What a lint rule is and what it may look at; imported by the runner and every rule module."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from generator.config import LintSettings
from generator.errors import Problem
from generator.loader import Source
from generator.models import Curriculum
from generator.yamlload import Document


@dataclass(frozen=True)
class Context:
    """What every rule may look at."""

    cur: Curriculum
    src: Source
    settings: LintSettings
    memo: dict[str, object] = field(default_factory=dict, compare=False)
    """Figures several rules share (the course-wide counts), worked out once per run."""

    def warn(
        self, doc: Document, path: tuple[object, ...], message: str, rule: str, *, key: bool = False
    ) -> Problem:
        return doc.problem(path, message, rule=rule, severity="warning", key=key)


RuleCheck = Callable[[Context], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str  # one line, for --help, the README and "unknown rule" hints
    check: RuleCheck
    whole_course: bool = False
    """It compares files (quizzes with lessons); it waits until every file loads, so a
    broken file cannot make it warn about what is only missing."""
