"""Pedagogical lint: warnings about quiz and lesson quality, one rule id each.

Rules only read the validated curriculum and return located warnings (errors under
`--strict`). Any rule can be switched off for one file with a comment line
`# microlearn: disable=rule-id,other-id`, or for the project in `microlearn.yaml`
(`lint: {disable: [rule-id]}`). The rules themselves live in `quiz.py` (items),
`lesson.py` (lessons, objectives, images), `cues.py` (course-wide answer cues and the
final assessment's bank) and `todo.py` (scaffold text); this module runs and filters them.
"""

from __future__ import annotations

from dataclasses import replace

from generator.errors import Problem, did_you_mean
from generator.lint import conversation, cues, lesson, quiz, todo
from generator.lint.base import Context, Rule
from generator.loader import Source
from generator.models import Curriculum


def rules() -> list[Rule]:
    """Every lint rule, in documentation order."""
    # The cue rules weigh all quizzes together: they too wait until every file loads.
    course_wide = [replace(rule, whole_course=True) for rule in cues.RULES]
    return [*quiz.RULES, *lesson.RULES, *course_wide, *conversation.RULES, *todo.RULES]


def run(cur: Curriculum, source: Source, *, whole_course: bool = True) -> list[Problem]:
    """Every lint warning for the course, minus the rules switched off. While some file
    has errors, `cur` holds only what loaded and the rules that compare files wait
    (`whole_course=False`), so warnings still come in the same run as the errors."""
    settings = source.config.lint
    ctx = Context(cur, source, settings)
    all_rules = rules()
    known = [r.id for r in all_rules]
    problems = _check_disabled_ids(source, known)
    off = set(settings.disable)
    by_path = {doc.path: doc for doc in source.docs.values()}
    for rule in all_rules:
        if rule.id in off or (rule.whole_course and not whole_course):
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
            problems.append(
                cdoc.problem(
                    ("lint", "disable", i),
                    f"microlearn.yaml: lint.disable[{i}]: unknown rule '{rule_id}'{hint}",
                    rule="config",
                    severity="warning",
                )
            )
    for doc in source.docs.values():
        for rule_id in sorted(doc.disabled - set(known)):
            hint = did_you_mean(rule_id, known, cutoff=0.5)
            problems.append(
                Problem(
                    doc.path,
                    doc.disabled_at,
                    1,
                    f"disable comment: unknown rule '{rule_id}'{hint}",
                    "warning",
                    "config",
                )
            )
    return problems
