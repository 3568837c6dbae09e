"""Pedagogical lint: warnings about quiz and lesson quality, one rule id each.

Rules only read the validated curriculum and return located warnings (errors under
`--strict`). Any rule can be switched off for one file with a comment line
`# microlearn: disable=rule-id,other-id`, or for the project in `microlearn.yaml`
(`lint: {disable: [rule-id]}`). The rules themselves live in `lint_quiz.py` (items)
and `lint_lesson.py` (lessons, objectives, images); this module runs and filters them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.config import LintSettings
from generator.errors import Problem, did_you_mean
from generator.loader import Source
from generator.models import Curriculum
from generator.yamlload import Document


@dataclass(frozen=True)
class Context:
    """What every rule may look at."""

    cur: Curriculum
    src: Source
    settings: LintSettings

    def warn(self, doc: Document, path: tuple[object, ...], message: str, rule: str,
             *, key: bool = False) -> Problem:
        return doc.problem(path, message, rule=rule, severity="warning", key=key)


RuleCheck = Callable[[Context], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str  # one line, for --help, the README and "unknown rule" hints
    check: RuleCheck


def rules() -> list[Rule]:
    """Every lint rule, in documentation order."""
    from generator import lint_lesson, lint_quiz, lint_todo  # noqa: PLC0415 - they import Context

    return [*lint_quiz.RULES, *lint_lesson.RULES, *lint_todo.RULES]


def run(cur: Curriculum, source: Source) -> list[Problem]:
    """Every lint warning for the course, minus the rules switched off."""
    settings = source.config.lint
    ctx = Context(cur, source, settings)
    all_rules = rules()
    known = [r.id for r in all_rules]
    problems = _check_disabled_ids(source, known)
    off = set(settings.disable)
    by_path = {doc.path: doc for doc in source.docs.values()}
    for rule in all_rules:
        if rule.id in off:
            continue
        for problem in rule.check(ctx):
            doc = by_path.get(problem.path)
            if doc is None or problem.rule not in doc.disabled:
                problems.append(problem)
    return problems


def _check_disabled_ids(source: Source, known: list[str]) -> list[Problem]:
    """A misspelt rule id would silently switch nothing off, so say so."""
    problems: list[Problem] = []
    cdoc = source.config_doc
    for i, rule_id in enumerate(source.config.lint.disable):
        if rule_id not in known and cdoc is not None:
            hint = did_you_mean(rule_id, known, cutoff=0.5)
            problems.append(cdoc.problem(("lint", "disable", i), f"microlearn.yaml: lint.disable"
                                         f"[{i}]: unknown rule '{rule_id}'{hint}",
                                         rule="config", severity="warning"))
    for doc in source.docs.values():
        for rule_id in sorted(doc.disabled - set(known)):
            hint = did_you_mean(rule_id, known, cutoff=0.5)
            problems.append(Problem(doc.path, doc.disabled_at, 1, f"disable comment: unknown "
                                    f"rule '{rule_id}'{hint}", "warning", "config"))
    return problems
