"""Course-wide cue rules: each threshold is tested on both sides of its boundary.

Quizzes are built in memory on top of the tiny course in tests/cases/_base; each test counts
what the rule reports, so a rule reading the wrong setting or the wrong side of a bound fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest

from generator.config import LintSettings
from generator.errors import Problem
from generator.lint import cues
from generator.lint.base import Context
from generator.loader import Source, load
from generator.models import Curriculum, Quiz
from generator.validate import assemble

BASE = Path(__file__).resolve().parent / "cases" / "_base"
LESSON = "first-steps"


class _Doc:
    def problem(self, path: tuple[object, ...], message: str, **kw: Any) -> Problem:
        return Problem("x.yaml", 1, 1, message, kw["severity"], kw["rule"])


class _Src:
    def doc(self, kind: str, ident: str) -> _Doc:
        return _Doc()


def course(quizzes: list[Quiz], final: Quiz | None = None) -> Curriculum:
    cur = assemble(load(BASE))
    all_quizzes = {q.id: q for q in quizzes}
    if final is not None:
        all_quizzes[final.id] = final
        cur.course = cur.course.model_copy(update={"final_assessment": final.id})
    cur.quizzes = all_quizzes
    return cur


def report(rule_id: str, cur: Curriculum, **settings: Any) -> list[str]:
    rule = next(r for r in cues.RULES if r.id == rule_id)
    ctx = Context(cur, cast(Source, _Src()), LintSettings(**settings))
    return [p.message for p in rule.check(ctx)]


def quiz(questions: list[dict[str, Any]], quiz_id: str = "q") -> Quiz:
    return Quiz.model_validate({"id": quiz_id, "title": "Q", "questions": questions})


def tf(n: int, answer: bool, prompt: str = "A statement about greeting.") -> dict[str, Any]:
    return {
        "id": f"tf{n}",
        "type": "true_false",
        "objective": "greet",
        "prompt": prompt,
        "answer": answer,
        "if_true": "Feedback for a learner who said true.",
        "if_false": "Feedback for a learner who said false.",
    }


def single(n: int, right: str, wrong: tuple[str, str]) -> dict[str, Any]:
    options = [{"text": right, "correct": True, "feedback": "Why this one is right."}]
    options += [{"text": w, "feedback": f"Why option {w} is wrong."} for w in wrong]
    return {
        "id": f"s{n}",
        "type": "single",
        "objective": "greet",
        "prompt": "Which?",
        "options": options,
    }


def lengths(total: int, longest: int, shortest: int) -> Quiz:
    """`total` single items: the correct option longest in `longest`, shortest in `shortest`."""
    items = []
    for n in range(total):
        if n < longest:
            items.append(single(n, "right answer", ("bbb", "ccc")))
        elif n < longest + shortest:
            items.append(single(n, "r", ("wrong one", "wrong two")))
        else:
            items.append(single(n, "middle", ("short", "much longer")))
    return quiz(items)


@pytest.mark.parametrize(
    ("rule", "longest", "shortest", "flagged"),
    [
        ("cue-longest", 3, 3, False),  # 15%: on the lower bound
        ("cue-longest", 2, 3, True),  # 10%
        ("cue-longest", 9, 3, False),  # 45%: on the upper bound
        ("cue-longest", 10, 3, True),  # 50%
        ("cue-shortest", 3, 3, False),
        ("cue-shortest", 3, 2, True),
        ("cue-shortest", 3, 9, False),
        ("cue-shortest", 3, 10, True),
    ],
)
def test_length_cue_bounds(rule: str, longest: int, shortest: int, flagged: bool) -> None:
    found = report(rule, course([lengths(20, longest, shortest)]))
    assert bool(found) == flagged, found


def test_length_cue_needs_enough_items_and_follows_settings() -> None:
    assert report("cue-longest", course([lengths(7, 0, 2)])) == []  # under cue_min_items
    assert report("cue-longest", course([lengths(8, 0, 2)])) != []
    assert report("cue-longest", course([lengths(20, 2, 3)]), cue_share_min=10) == []
    assert report("cue-longest", course([lengths(20, 9, 3)]), cue_share_max=40) != []


@pytest.mark.parametrize(
    ("true", "flagged"), [(7, False), (6, True), (13, False), (14, True)]
)  # of 20: 35%, 30%, 65%, 70%
def test_true_false_balance_bounds(true: int, flagged: bool) -> None:
    items = [tf(n, n < true) for n in range(20)]
    found = report("true-false-balance", course([quiz(items)]))
    assert bool(found) == flagged, found
    if flagged:
        assert f"found {true} of 20" in found[0]


@pytest.mark.parametrize(("wrong", "flagged"), [(8, False), (9, True)])  # of 10: 80%, 90%
def test_absolute_words_bound(wrong: int, flagged: bool) -> None:
    items = [tf(n, n >= wrong, prompt="Customers always want a refund.") for n in range(10)]
    found = report("absolute-words", course([quiz(items)]))
    assert bool(found) == flagged, found


def test_absolute_words_count_options_too() -> None:
    items = [single(n, "Listen closely", ("Always interrupt", "Never pause")) for n in range(5)]
    stats = cues.statistics(course([quiz(items)]), LintSettings())
    assert stats.absolute_wrong.describe() == "10 of 10 (100%)"
    assert report("absolute-words", course([quiz(items)])) != []


def final(*prompts: str) -> Quiz:
    items = [
        tf(n, n % 2 == 0, prompt=p) | {"objective": f"{LESSON}/greet"}
        for n, p in enumerate(prompts)
    ]
    return quiz(items, "final")


def test_final_bank_wants_two_items_per_lesson() -> None:
    lesson_quiz = quiz([tf(0, True, "Names help rapport.")], "first-steps")
    assert report("final-bank", course([lesson_quiz], final("Greeting early matters."))) != []
    two = final("Greeting early matters.", "A name used twice closes warmly.")
    assert report("final-bank", course([lesson_quiz], two)) == []
    assert report("final-bank", course([lesson_quiz], two), final_per_lesson=3) != []


def test_final_coverage_names_objectives_without_an_item() -> None:
    lesson_quiz = quiz([tf(0, True, "Names help rapport.")], "first-steps")
    assert report("final-coverage", course([lesson_quiz], final("Greeting early matters."))) == []
    other = quiz([tf(0, True, "Names help.")], "final")  # bare objective: names no lesson
    assert (
        "objective 'greet' has no item" in report("final-coverage", course([lesson_quiz], other))[0]
    )


@pytest.mark.parametrize(
    ("lesson_prompt", "flagged"),
    [
        ("alpha bravo charlie delta echo foxtrot", True),  # 3 of 6 words shared: 50%
        ("alpha bravo charlie delta echo foxtrot golf", False),  # 3 of 7: 43%
    ],
)
def test_final_copied_bound(lesson_prompt: str, flagged: bool) -> None:
    lesson_quiz = quiz([tf(0, True, lesson_prompt)], "first-steps")
    found = report("final-copied", course([lesson_quiz], final("alpha bravo charlie")))
    assert bool(found) == flagged, found


def test_stats_command_prints_the_counts_the_rules_judge() -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    root = BASE.parent.parent.parent
    result = CliRunner().invoke(cli, ["stats", "-C", str(root)])
    assert result.exit_code == 0, result.output
    cur = assemble(load(root))
    stats = cues.statistics(cur, LintSettings())
    assert f"correct option is the longest:  {stats.longest.describe()}" in result.output
    assert f"true/false items keyed True:    {stats.true_keyed.describe()}" in result.output
    assert f"objectives without an item: {len(stats.uncovered)} of " in result.output


def test_final_copied_names_the_first_lesson_item_a_full_comparison_would() -> None:
    import random

    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(40)]
    items = [
        (frozenset(rng.sample(vocabulary, rng.randint(0, 12))), f"quiz/{n}") for n in range(400)
    ]
    # The index holds only the words asked about: items also hold others, which count in
    # their size but can never be shared.
    asked = [frozenset(rng.sample(vocabulary[:25], rng.randint(0, 12))) for _ in range(60)]
    index = cues._word_index(items, frozenset().union(*asked))
    for limit in (0.0, 0.2, 0.35, 0.5, 1.0):
        for mine in asked:
            expected = next(
                (
                    name
                    for theirs, name in items
                    if mine and theirs and len(mine & theirs) >= limit * len(mine | theirs)
                ),
                None,
            )
            assert cues._first_copied(mine, items, index, limit) == expected, (limit, mine)


def test_cue_counts_are_made_once_per_lint_run(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = cues.statistics

    def counted(
        cur: Curriculum,
        settings: LintSettings,
        signatures: dict[str, list[frozenset[str]]] | None = None,
    ) -> cues.CueStats:
        calls.append(1)
        return real(cur, settings, signatures)

    monkeypatch.setattr(cues, "statistics", counted)
    lesson_quiz = quiz([tf(0, True, "Names help rapport.")], "first-steps")
    ctx = Context(
        course([lesson_quiz], final("Greeting early matters.")),
        cast(Source, _Src()),
        LintSettings(),
    )
    for rule in cues.RULES:
        list(rule.check(ctx))
    assert len(calls) == 1
