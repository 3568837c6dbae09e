"""Quiz models turned into what the quiz template needs: uniform questions and options.

True/false becomes two options; scenario keeps its customer line; ordering keeps its steps
(listed correct-first in the source). Nothing here knows about HTML beyond calling `md`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from markupsafe import Markup

from generator.markup import MarkupRenderer
from generator.models import (
    Assessment,
    MultipleQuestion,
    OrderingQuestion,
    Question,
    Quiz,
    ReplyFields,
    ReplyQuestion,
    ScenarioQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)
from generator.seal import seal, seal_key


@dataclass(frozen=True)
class OptionView:
    key: str
    text: str
    correct: bool
    feedback: Markup


@dataclass(frozen=True)
class ReplyView:
    """A written-reply task: the same on a lesson page and in a quiz. `key` names the
    learner's saved draft and ticks in the store."""

    key: str
    setting: str | None
    customer: str
    prompt: Markup
    model_answer: Markup
    checklist: list[str]
    lines: int


def reply_view(item: ReplyFields, key: str, md: MarkupRenderer, page: str) -> ReplyView:
    """A reply block or reply question as the reply template shows it."""
    return ReplyView(
        key,
        item.setting,
        item.customer,
        md.block(item.prompt, page),
        md.block(item.model_answer, page),
        list(item.checklist),
        item.lines,
    )


@dataclass(frozen=True)
class QuestionView:
    id: str
    type: str
    number: int
    prompt: Markup
    options: list[OptionView] = field(default_factory=list)
    steps: list[OptionView] = field(default_factory=list)  # correct order
    display_steps: list[tuple[int, OptionView]] = field(default_factory=list)
    setting: str | None = None
    customer: str | None = None
    explanation: Markup = Markup("")
    pool: str = ""  # the lesson the question's objective names (assessment pools)
    sealed: str = ""  # key and feedback, sealed (assessments only; see seal.py)
    reply: ReplyView | None = None  # an ungraded writing task, not a scored question

    @property
    def input_type(self) -> str:
        return "checkbox" if self.type == "multiple" else "radio"

    @property
    def correct_options(self) -> list[OptionView]:
        return [o for o in self.options if o.correct]


@dataclass(frozen=True)
class QuizView:
    id: str
    title: str
    pass_mark: int
    shuffle: bool
    version: str
    questions: list[QuestionView]
    assessment: Assessment | None = None

    @property
    def pools(self) -> list[str]:
        """The lessons the questions are drawn from, in page order."""
        return list(dict.fromkeys(q.pool for q in self.questions))

    @property
    def drawn(self) -> int:
        """Questions in one attempt: `draw` per pool in an assessment, else all."""
        if self.assessment is None:
            return len(self.questions)
        return sum(min(self.assessment.draw, self.count(p)) for p in self.pools)

    def count(self, pool: str) -> int:
        return sum(1 for q in self.questions if q.pool == pool)

    @property
    def graded(self) -> int:
        """How many questions count towards the score (reply tasks do not)."""
        return sum(q.reply is None for q in self.questions)


def quiz_version(quiz: Quiz) -> str:
    """Changes whenever the quiz changes, so saved answers for an old version are dropped."""
    # The serializer's bytes are `model_dump_json()` encoded, without a round trip via str.
    return hashlib.sha256(quiz.__pydantic_serializer__.to_json(quiz)).hexdigest()[:12]


def build_view(quiz: Quiz, md: MarkupRenderer, page: str) -> QuizView:
    """The quiz as the template shows it on the page at `page`. In an assessment each
    question carries its key and feedback sealed, and the template shows neither."""
    version = quiz_version(quiz)
    questions = question_views(quiz, md, page)
    if quiz.assessment is not None:
        questions = [_sealed(v, q, version) for v, q in zip(questions, quiz.questions, strict=True)]
    return QuizView(
        quiz.id,
        quiz.title,
        quiz.pass_mark,
        quiz.shuffle,
        version,
        questions,
        quiz.assessment,
    )


def question_views(quiz: Quiz, md: MarkupRenderer, page: str) -> list[QuestionView]:
    """The quiz's questions as seen from the page at `page`, numbered, without seals."""
    questions, number = [], 0
    for q in quiz.questions:
        if isinstance(q, ReplyQuestion):
            key = f"{quiz.id}:{q.id}"
            questions.append(
                QuestionView(q.id, q.type, 0, Markup(""), reply=reply_view(q, key, md, page))
            )
        else:
            number += 1
            questions.append(_question(q, number, md, page))
    return questions


def _sealed(view: QuestionView, q: Question, version: str) -> QuestionView:
    """The view with its pool and its sealed answer: {"c": correct option keys} or
    {"p": {step key: position}}, "f": feedback HTML per key, "x": the explanation."""
    items = view.steps or view.options
    answer: dict[str, object] = (
        {"p": {s.key: pos for pos, s in enumerate(view.steps, 1)}}
        if view.steps
        else {"c": [o.key for o in view.correct_options]}
    )
    payload = {**answer, "f": {o.key: str(o.feedback) for o in items}, "x": str(view.explanation)}
    return replace(
        view,
        pool=q.objective_ref()[0] or "",
        sealed=seal(payload, seal_key(version, q.id)),
    )


def _question(q: Question, number: int, md: MarkupRenderer, page: str) -> QuestionView:
    common = dict(
        id=q.id,
        type=q.type,
        number=number,
        prompt=md.inline(q.prompt, page),
        explanation=md.block(q.explanation, page),
    )
    if isinstance(q, (SingleQuestion, MultipleQuestion, ScenarioQuestion)):
        options = [
            OptionView(f"o{i}", o.text, o.correct, md.inline(o.feedback, page))
            for i, o in enumerate(q.options, 1)
        ]
        extra = {}
        if isinstance(q, ScenarioQuestion):
            extra = dict(setting=q.setting, customer=q.customer)
        return QuestionView(options=options, **common, **extra)  # type: ignore[arg-type]
    if isinstance(q, TrueFalseQuestion):
        options = [
            OptionView("true", "True", q.answer, md.inline(q.if_true, page)),
            OptionView("false", "False", not q.answer, md.inline(q.if_false, page)),
        ]
        return QuestionView(options=options, **common)  # type: ignore[arg-type]
    assert isinstance(q, OrderingQuestion), q.type
    steps = [
        OptionView(f"s{i}", s.text, True, md.inline(s.feedback, page))
        for i, s in enumerate(q.steps, 1)
    ]
    return QuestionView(steps=steps, display_steps=_display_order(steps, q.id), **common)  # type: ignore[arg-type]


def _display_order(steps: list[OptionView], seed: str) -> list[tuple[int, OptionView]]:
    """Steps in their fixed scrambled order, each with its correct position."""
    return [(i + 1, steps[i]) for i in scrambled(len(steps), seed)]


def scrambled(count: int, seed: str) -> list[int]:
    """A fixed order of `count` steps that is never the correct one, the same on the page and
    on paper, so rebuilds are identical and a worksheet matches its answer key."""
    order = sorted(range(count), key=lambda i: hashlib.sha256(f"{seed}:s{i + 1}".encode()).digest())
    if order == list(range(count)):
        order = order[1:] + order[:1]
    return order
