"""Course-wide cue rules: patterns a learner can exploit without reading the lessons.

One quiz is too small to show them, so these rules count over every quiz of the course:
how often the correct option is the longest or the shortest, how many true/false items are
keyed True, whether absolute words ("always", "never", "every", "all") mark wrong answers,
and whether the final assessment's bank covers every lesson and objective without
repeating lesson quiz items. `statistics()` holds the counts; `microlearn stats` prints them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.config import LintSettings
from generator.errors import Problem
from generator.lint.base import Context, Rule
from generator.lint.quiz import quiz_signatures, signatures
from generator.lint.similar import prefix_length
from generator.models import (
    Curriculum,
    MultipleQuestion,
    Question,
    Quiz,
    ScenarioQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)

ABSOLUTE = re.compile(r"\b(always|never|every\w*|all)\b", re.I)
SHOWN = 5  # item names quoted in a message


@dataclass
class Share:
    """How many of `items` have a property (`hits` names them)."""

    items: int = 0
    hits: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100 * len(self.hits) / self.items if self.items else 0.0

    def outside(self, low: int, high: int, least: int) -> bool:
        """Judged only with `least` items or more; the bounds themselves are fine."""
        return self.items >= least and not low <= self.percent <= high

    def describe(self) -> str:
        return f"{len(self.hits)} of {self.items} ({self.percent:.0f}%)"


@dataclass
class CueStats:
    """The counts behind every cue rule."""

    longest: Share = field(default_factory=Share)
    shortest: Share = field(default_factory=Share)
    true_keyed: Share = field(default_factory=Share)
    absolute_wrong: Share = field(default_factory=Share)
    final_items: int = 0
    lessons: int = 0
    thin_lessons: dict[str, int] = field(default_factory=dict)  # lesson -> items in the final
    objectives: int = 0
    uncovered: list[tuple[str, str]] = field(default_factory=list)  # (lesson, objective)
    copied: list[tuple[str, str]] = field(default_factory=list)  # (final item, lesson item)


def _name(quiz: Quiz, q: Question) -> str:
    return f"{quiz.id}/{q.id}"


def statistics(
    cur: Curriculum,
    settings: LintSettings,
    signatures: dict[str, list[frozenset[str]]] | None = None,
) -> CueStats:
    """Count every cue over all quizzes of the course; `signatures` are those of
    `quiz_signatures(cur)` when the caller already has them."""
    stats = CueStats()
    for quiz_id in sorted(cur.quizzes):
        quiz = cur.quizzes[quiz_id]
        for q in quiz.questions:
            _count_item(stats, quiz, q)
    final = cur.final_quiz()
    if final is not None:
        words = quiz_signatures(cur) if signatures is None else signatures
        _count_final(stats, cur, final, settings, words)
    return stats


def _stats(ctx: Context) -> CueStats:
    """The counts of this lint run: every cue rule reads them, they are counted once."""
    stats = ctx.memo.get("cue-statistics")
    if not isinstance(stats, CueStats):
        stats = statistics(ctx.cur, ctx.settings, signatures(ctx))
        ctx.memo["cue-statistics"] = stats
    return stats


def _count_item(stats: CueStats, quiz: Quiz, q: Question) -> None:
    name = _name(quiz, q)
    if isinstance(q, (SingleQuestion, ScenarioQuestion)) and len(q.options) >= 3:
        right = next(len(o.text.strip()) for o in q.options if o.correct)
        others = [len(o.text.strip()) for o in q.options if not o.correct]
        for share, hit in (
            (stats.longest, right > max(others)),
            (stats.shortest, right < min(others)),
        ):
            share.items += 1
            if hit:
                share.hits.append(name)
    if isinstance(q, TrueFalseQuestion):
        stats.true_keyed.items += 1
        if q.answer:
            stats.true_keyed.hits.append(name)
        if _absolute(q.prompt):
            stats.absolute_wrong.items += 1
            if not q.answer:
                stats.absolute_wrong.hits.append(name)
    if isinstance(q, (SingleQuestion, MultipleQuestion, ScenarioQuestion)):
        for j, option in enumerate(q.options):
            if _absolute(option.text):
                stats.absolute_wrong.items += 1
                if not option.correct:
                    stats.absolute_wrong.hits.append(f"{name} option {j + 1}")


def _absolute(text: str) -> bool:
    """Does ABSOLUTE match? Each of its words holds "al" or "ever", whose letters match only
    their own two cases, so text without either once lowercased cannot match."""
    lower = text.lower()
    return ("al" in lower or "ever" in lower) and ABSOLUTE.search(text) is not None


def _count_final(
    stats: CueStats,
    cur: Curriculum,
    final: Quiz,
    settings: LintSettings,
    signatures: dict[str, list[frozenset[str]]],
) -> None:
    stats.final_items = len(final.questions)
    pools = final.pools()
    covered = {q.objective_ref() for q in final.questions}
    lesson_items = [
        (words, _name(quiz, q))
        for quiz_id, quiz in sorted(cur.quizzes.items())
        if quiz_id != final.id
        for q, words in zip(quiz.questions, signatures[quiz_id], strict=True)
    ]
    for ref in cur.ordered_lessons():
        lesson = ref.lesson
        stats.lessons += 1
        count = len(pools.get(lesson.id, []))
        if count < settings.final_per_lesson:
            stats.thin_lessons[lesson.id] = count
        for objective in lesson.objectives:
            stats.objectives += 1
            if (lesson.id, objective.id) not in covered:
                stats.uncovered.append((lesson.id, objective.id))
    limit = settings.final_copy_overlap / 100
    final_words = signatures[final.id]
    index = _word_index(lesson_items, frozenset().union(*final_words))
    for q, words in zip(final.questions, final_words, strict=True):
        name = _first_copied(words, lesson_items, index, limit)
        if name is not None:
            stats.copied.append((q.id, name))


def _first_copied(
    mine: frozenset[str],
    items: list[tuple[frozenset[str], str]],
    index: dict[str, list[int]],
    limit: float,
) -> str | None:
    """The first of `items` (word set, name) sharing at least `limit` of its words with
    `mine` (Jaccard), if any. An item that does shares at least `limit` of the words of
    `mine`, so it holds one of any |mine| - that + 1 of them (the prefix filter of
    `similar.py`): only the items `index` (`_word_index`) lists for the rarest of those
    words are compared, instead of every item."""
    if not mine:
        return None
    if limit <= 0:  # every item with words matches: the first one
        return next((name for theirs, name in items if theirs), None)
    rarest = sorted(mine, key=lambda word: len(index.get(word, ())))
    candidates = set().union(
        *(index.get(word, ()) for word in rarest[: prefix_length(len(mine), limit)])
    )
    for n in sorted(candidates):
        theirs = items[n][0]
        common = len(mine & theirs)
        if common >= limit * (len(mine) + len(theirs) - common):
            return items[n][1]
    return None


def _word_index(
    items: list[tuple[frozenset[str], str]], wanted: frozenset[str]
) -> dict[str, list[int]]:
    """word -> positions of the items holding it, for the `wanted` words only (those of the
    final's items: no other word is ever looked up)."""
    index: dict[str, list[int]] = {}
    for n, (words, _) in enumerate(items):
        for word in words & wanted:
            index.setdefault(word, []).append(n)
    return index


def _listed(names: list[str]) -> str:
    more = len(names) - SHOWN
    return ", ".join(names[:SHOWN]) + (f" and {more} more" if more > 0 else "")


def _course_wide(ctx: Context, message: str, rule: str) -> Problem:
    doc = ctx.src.doc("course", ctx.cur.course.id)
    return ctx.warn(doc, ("id",), f"course-wide: {message}", rule, key=True)


def _length_rule(which: str, rule: str) -> Rule:
    def check(ctx: Context) -> Iterator[Problem]:
        s = ctx.settings
        share: Share = getattr(_stats(ctx), which)
        if share.outside(s.cue_share_min, s.cue_share_max, s.cue_min_items):
            fix = (
                f"make some correct options the {which} and some distractors as "
                + ("long" if which == "longest" else "short")
                if share.percent < s.cue_share_min
                else "vary which option is the " + which
            )
            yield _course_wide(
                ctx,
                f"expected the correct option to be the {which} in {s.cue_share_min}-"
                f"{s.cue_share_max}% of single-answer and scenario items, found "
                f"{share.describe()}; learners can pick by length alone, so {fix}",
                rule,
            )

    return Rule(
        rule,
        f"over all quizzes, the correct option is the {which} in fewer than 15% or more "
        "than 45% of single-answer and scenario items (3+ options)",
        check,
    )


def true_false_balance(ctx: Context) -> Iterator[Problem]:
    s = ctx.settings
    share = _stats(ctx).true_keyed
    if share.outside(s.true_share_min, s.true_share_max, s.cue_min_items):
        yield _course_wide(
            ctx,
            f"expected {s.true_share_min}-{s.true_share_max}% of true/false items keyed "
            f"True, found {share.describe()}; a learner who always answers "
            f"{'False' if share.percent < s.true_share_min else 'True'} scores well, so "
            "rewrite some statements the other way",
            "true-false-balance",
        )


def absolute_words(ctx: Context) -> Iterator[Problem]:
    s = ctx.settings
    share = _stats(ctx).absolute_wrong
    if share.outside(0, s.absolute_wrong_max, s.cue_min_items):
        yield _course_wide(
            ctx,
            f"expected at most {s.absolute_wrong_max}% of options and true/false statements "
            f"with 'always', 'never', 'every' or 'all' to be wrong, found "
            f"{share.describe()} ({_listed(share.hits)}); learners learn to rule them "
            "out, so make some absolute statements the correct ones",
            "absolute-words",
        )


def _final(ctx: Context) -> Quiz | None:
    return ctx.cur.final_quiz()


def final_coverage(ctx: Context) -> Iterator[Problem]:
    final = _final(ctx)
    if final is None:
        return
    for lesson_id, objective_id in _stats(ctx).uncovered:
        lesson = ctx.cur.lessons[lesson_id]
        i = lesson.objective_ids().index(objective_id)
        yield ctx.warn(
            ctx.src.doc("lesson", lesson_id),
            ("objectives", i, "id"),
            f"lesson '{lesson_id}': objective '{objective_id}' has no item in the final "
            f"assessment '{final.id}' (add one with objective: {lesson_id}/{objective_id})",
            "final-coverage",
        )


def final_bank(ctx: Context) -> Iterator[Problem]:
    final = _final(ctx)
    if final is None:
        return
    least = ctx.settings.final_per_lesson
    for lesson_id, count in _stats(ctx).thin_lessons.items():
        yield ctx.warn(
            ctx.src.doc("quiz", final.id),
            ("questions",),
            f"quiz '{final.id}': expected at least {least} items for lesson '{lesson_id}' "
            f"in the final assessment's bank, found {count}",
            "final-bank",
            key=True,
        )


def final_copied(ctx: Context) -> Iterator[Problem]:
    final = _final(ctx)
    if final is None:
        return
    index = {q.id: i for i, q in enumerate(final.questions)}
    for qid, other in _stats(ctx).copied:
        yield ctx.warn(
            ctx.src.doc("quiz", final.id),
            ("questions", index[qid]),
            f"quiz '{final.id}' question '{qid}': shares {ctx.settings.final_copy_overlap}% "
            f"or more of its words with lesson quiz item {other}; the final should test the "
            "same objective with a new scenario and new wording",
            "final-copied",
        )


RULES = [
    _length_rule("longest", "cue-longest"),
    _length_rule("shortest", "cue-shortest"),
    Rule(
        "true-false-balance",
        "over all quizzes, fewer than 35% or more than 65% of true/false items are keyed True",
        true_false_balance,
    ),
    Rule(
        "absolute-words",
        "over all quizzes, more than 80% of options and true/false statements with 'always', "
        "'never', 'every' or 'all' are wrong",
        absolute_words,
    ),
    Rule(
        "final-coverage",
        "a lesson objective with no item in the final assessment's bank",
        final_coverage,
    ),
    Rule(
        "final-bank",
        "a lesson with fewer than 2 items in the final assessment's bank",
        final_bank,
    ),
    Rule(
        "final-copied",
        "a final assessment item that shares half its words with a lesson quiz item",
        final_copied,
    ),
]


def describe(stats: CueStats, settings: LintSettings) -> list[str]:
    """The statistics as lines for `microlearn stats`, each with the range the rules want."""
    s = settings
    band = f"expected {s.cue_share_min}-{s.cue_share_max}%"
    lines = [
        "Answer cues over all quizzes",
        f"  correct option is the longest:  {stats.longest.describe()} [{band}]",
        f"  correct option is the shortest: {stats.shortest.describe()} [{band}]",
        "    (of single-answer and scenario items with 3+ options)",
        f"  true/false items keyed True:    {stats.true_keyed.describe()} "
        f"[expected {s.true_share_min}-{s.true_share_max}%]",
        f"  'always/never/every/all' wrong: {stats.absolute_wrong.describe()} "
        f"[expected at most {s.absolute_wrong_max}%]",
    ]
    if stats.lessons:
        lines += [
            "Final assessment bank",
            f"  items: {stats.final_items}",
            f"  lessons with fewer than {s.final_per_lesson} items: "
            f"{len(stats.thin_lessons)} of {stats.lessons}",
            f"  objectives without an item: {len(stats.uncovered)} of {stats.objectives}",
            f"  items copied from lesson quizzes: {len(stats.copied)}",
        ]
    return lines
