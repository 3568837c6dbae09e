"""The course's quizzes as one question bank, in terms every export format shares.

Each source question becomes an `Item` of one of five kinds (single, multiple,
true_false, ordering, essay) with its text already rendered to HTML, its category path
(course / module / lesson, or course / final assessment / pool) and its feedback. The
format modules only decide how to write an `Item`; what a question *means* in a
question bank is decided once, here, one function per source question type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from generator.models import Curriculum, Quiz
from generator.outputs.exports.html import ExportMarkup, text

Kind = Literal["single", "multiple", "true_false", "ordering", "essay"]

# Moodle accepts only these grade fractions (percent) on import; partial credit must use them.
# fmt: off
MOODLE_FRACTIONS = (100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0,
                    33.33333, 30.0, 25.0, 20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0)
# fmt: on


@dataclass(frozen=True)
class Choice:
    html: str  # the option as HTML
    plain: str  # the option as the author wrote it
    correct: bool
    percent: float  # credit for choosing it, -100..100
    feedback: str  # HTML


@dataclass(frozen=True)
class Step:
    html: str
    plain: str
    feedback: str  # HTML: why it belongs in its place


@dataclass(frozen=True)
class Item:
    """One question, ready for any question-bank format."""

    ident: str  # '<quiz-id>-<question-id>', unique in the course
    quiz_id: str
    question_id: str
    title: str  # '<quiz title>: <question id>', for bank listings
    source_type: str  # the YAML type: single, scenario, reply...
    kind: Kind
    category: tuple[str, ...]  # course title, module title, lesson title (or pool)
    objective: str
    stem: str  # HTML, scenario setting and customer line included
    choices: tuple[Choice, ...] = ()
    answer: bool | None = None  # true_false: whether the statement is true
    if_true: str = ""  # true_false feedback (HTML)
    if_false: str = ""
    steps: tuple[Step, ...] = ()  # ordering: in the correct order
    general_feedback: str = ""  # HTML shown after answering (the explanation)
    grader_info: str = ""  # essay: model answer and checklist for the grader
    lines: int = 5  # essay: size of the answer box
    graded: bool = True


Convert = Callable[[Any, ExportMarkup], dict[str, Any]]
CONVERTERS: dict[str, Convert] = {}


def converts(*types: str) -> Callable[[Convert], Convert]:
    """Register the function that maps these source question types onto an `Item`."""

    def register(fn: Convert) -> Convert:
        for name in types:
            CONVERTERS[name] = fn
        return fn

    return register


def items(cur: Curriculum) -> Iterator[Item]:
    """Every question of the course: lesson quizzes in course order, then the final."""
    md = ExportMarkup(cur)
    course = cur.course.title
    for ref in cur.ordered_lessons():
        quiz = cur.lesson_quiz(ref.lesson)
        if quiz is not None:
            yield from _quiz_items(quiz, md, _always((course, ref.module.title, ref.lesson.title)))
    final = cur.final_quiz()
    if final is not None:

        def pool(objective: str) -> tuple[str, ...]:
            # An assessment draws per lesson pool: one subcategory per lesson keeps that
            # structure for LMS random questions.
            lesson = cur.lessons.get(objective.partition("/")[0]) if "/" in objective else None
            return (course, final.title, *([lesson.title] if lesson else []))

        yield from _quiz_items(final, md, lambda q: pool(q.objective))


def _always(place: tuple[str, ...]) -> Callable[[Any], tuple[str, ...]]:
    return lambda _q: place


def _quiz_items(
    quiz: Quiz, md: ExportMarkup, category: Callable[[Any], tuple[str, ...]]
) -> Iterator[Item]:
    for q in quiz.questions:
        convert = CONVERTERS.get(q.type)
        if convert is None:
            raise NotImplementedError(f"no question-bank mapping for type '{q.type}'")
        yield Item(
            ident=f"{quiz.id}-{q.id}",
            quiz_id=quiz.id,
            question_id=q.id,
            title=f"{quiz.title}: {q.id}",
            source_type=q.type,
            category=category(q),
            objective=q.objective,
            **convert(q, md),
        )


def _choices(options: Any, md: ExportMarkup, *, partial: bool) -> tuple[Choice, ...]:
    right = sum(o.correct for o in options)
    wrong = len(options) - right
    return tuple(
        Choice(
            text(o.text),
            o.text,
            o.correct,
            (credit(right) if o.correct else -credit(wrong))
            if partial
            else (100.0 if o.correct else 0.0),
            md.inline(o.feedback),
        )
        for o in options
    )


def credit(share: int) -> float:
    """100% split into `share` equal parts, as the nearest grade Moodle accepts."""
    if share == 0:
        return 0.0
    exact = 100.0 / share
    best = min(MOODLE_FRACTIONS, key=lambda f: abs(f - exact))
    if abs(best - exact) > 1e-4:
        raise ValueError(f"no importable grade for 1/{share} of the marks")
    return best


def scenario_stem(setting: str | None, customer: str, prompt: str) -> str:
    """The customer's line (and where it happens) above the question."""
    where = f"<p><em>{text(setting)}</em></p>" if setting else ""
    return f"{where}<blockquote><p>Customer: “{text(customer)}”</p></blockquote>{prompt}"


@converts("single", "scenario", "multiple")
def _options(q: Any, md: ExportMarkup) -> dict[str, Any]:
    prompt = md.block(q.prompt)
    multiple = q.type == "multiple"
    return dict(
        kind="multiple" if multiple else "single",
        stem=scenario_stem(q.setting, q.customer, prompt) if q.type == "scenario" else prompt,
        general_feedback=md.block(q.explanation),
        choices=_choices(q.options, md, partial=multiple),
    )


@converts("true_false")
def _true_false(q: Any, md: ExportMarkup) -> dict[str, Any]:
    return dict(
        kind="true_false",
        stem=md.block(q.prompt),
        answer=q.answer,
        if_true=md.inline(q.if_true),
        if_false=md.inline(q.if_false),
        general_feedback=md.block(q.explanation),
    )


@converts("ordering")
def _ordering(q: Any, md: ExportMarkup) -> dict[str, Any]:
    steps = tuple(Step(text(s.text), s.text, md.inline(s.feedback)) for s in q.steps)
    # No format has feedback per step: list every step, in order, with why it sits there.
    why = "".join(f"<li><strong>{s.html}</strong>: {s.feedback}</li>" for s in steps)
    return dict(
        kind="ordering",
        stem=md.block(q.prompt),
        steps=steps,
        general_feedback=f"{md.block(q.explanation)}<ol>{why}</ol>",
    )


@converts("reply")
def essay_from_reply(q: Any, md: ExportMarkup) -> dict[str, Any]:
    """A written reply becomes an ungraded essay: the customer's line in the stem; the model
    answer and the self-check list shown once the learner has answered (as on the site)
    and given as information to whoever marks it."""
    checklist = "".join(f"<li>{text(c)}</li>" for c in q.checklist)
    grader = (
        f"<p><strong>Model answer</strong></p>{md.block(q.model_answer)}"
        f"<p><strong>Self-check</strong></p><ul>{checklist}</ul>"
    )
    prompt = md.block(getattr(q, "prompt", None) or "Write your reply.")
    return dict(
        kind="essay",
        stem=scenario_stem(getattr(q, "setting", None), q.customer, prompt),
        grader_info=grader,
        lines=getattr(q, "lines", 5),
        graded=False,
        general_feedback=md.block(getattr(q, "explanation", None)) + grader,
    )


def categories(all_items: list[Item]) -> list[tuple[tuple[str, ...], list[Item]]]:
    """Items grouped by category, in first-seen order."""
    groups: dict[tuple[str, ...], list[Item]] = {}
    for item in all_items:
        groups.setdefault(item.category, []).append(item)
    return list(groups.items())


__all__ = [
    "CONVERTERS",
    "Choice",
    "Item",
    "Step",
    "categories",
    "credit",
    "essay_from_reply",
    "items",
    "scenario_stem",
]
