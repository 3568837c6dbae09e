"""The course model: plain, typed, immutable data. No file I/O happens here.

Each class mirrors one kind of source file; field descriptions become the JSON Schemas
that editors use for autocompletion. Cross-file rules (does the quiz exist?) live in
`validate.py`; rules that only need one object live here as validators.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, PydanticKnownError

if TYPE_CHECKING:
    from generator.convmodels import Conversation, Skills
    from generator.yamlload import Document

SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
OBJECTIVE_REF_RE = r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)?[a-z0-9]+(?:-[a-z0-9]+)*$"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _not_blank(value: str) -> str:
    if not value or value.isspace():  # what strip() would leave empty, without a copy
        raise ValueError("expected some text, found only white space")
    found = _CONTROL.search(value)
    if found:
        raise PydanticCustomError(
            "control_character",
            "expected printable text without control characters (delete #x{code})",
            {"code": f"{ord(found.group()):04X}"},
        )
    return value


def is_web_address(value: str) -> bool:
    """An absolute http(s) URL with a host and nothing that could leave an HTML attribute."""
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(host)
        and not re.search(r"[\s\"'<>\\`{}|^]", value)
        and not _CONTROL.search(value)
    )


def _web_address(value: str) -> str:
    if not is_web_address(value):
        raise PydanticCustomError(
            "url",
            "expected an http(s) address such as "
            "'https://example.org/course/' (no spaces, quotes or <>)",
        )
    return value


def _text(max_length: int) -> AfterValidator:
    """`_not_blank`, then at most `max_length` characters, with the error a length limit
    (`Field(max_length=...)`) after the validator gives, in one call per value: such a
    limit would be a second Python call, for each of the many texts of a course."""

    def check(value: str) -> str:
        _not_blank(value)
        if len(value) > max_length:
            context = {"field_type": "Value", "max_length": max_length}
            raise PydanticKnownError("too_long", {**context, "actual_length": len(value)})
        return value

    return AfterValidator(check)


def _text_schema(max_length: int) -> WithJsonSchema:
    """What `_not_blank` and the length limit check, said in the schema for editors."""
    return WithJsonSchema({"type": "string", "pattern": r"\S", "maxLength": max_length})


Slug = Annotated[str, Field(pattern=SLUG_RE, max_length=80)]
Whole = Annotated[
    int, BeforeValidator(lambda v: int(v) if isinstance(v, float) and v.is_integer() else v)
]
"""A whole number; `3.0` counts, as it does for JSON Schema's "integer" (strict: no "3")."""
Text = Annotated[str, _text(1000), _text_schema(1000)]
"""Plain text (option labels, dialogue lines): shown as text, never as HTML."""
Title = Annotated[str, _text(200), _text_schema(200)]
"""A title: plain text, short enough for navigation, tabs and handout headers."""
Markdown = Annotated[str, _text(20_000), _text_schema(20_000)]
"""Markdown text; raw HTML in it is sanitised when rendered."""
# The schema pattern is what `is_web_address` checks, as far as a regular expression can.
WebAddress = Annotated[
    str,
    AfterValidator(_web_address),
    Field(max_length=2000),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": 2000,
            "pattern": r"^https?://[^\s\"'<>\\`{}|^/?#@:]+(:[0-9]+)?([/?#][^\s\"'<>\\`{}|^]*)?$",
        }
    ),
]
"""An absolute http(s) URL."""


class Model(BaseModel):
    # strict: a value is taken as written, as the JSON Schemas (and editors) take it: no
    # "3" for a number, no 1 or "yes" for true.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, strict=True)


# ---------------------------------------------------------------- course, modules, glossary


class Course(Model):
    """`content/course.yaml`: the course and the order of its modules."""

    id: Slug = Field(description="Course id, a slug; used in storage keys and exports.")
    title: Title = Field(description="Course title.")
    subtitle: Text | None = Field(None, description="One-line subtitle under the title.")
    language: str = Field(
        "en",
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        description="BCP 47 language tag of the course text, e.g. 'en'.",
    )
    audience: Text = Field(description="Who the course is for.")
    description: Markdown = Field(description="Course description (Markdown).")
    modules: list[Slug] = Field(
        min_length=1,
        description="Module ids, in course order; "
        "each is a folder content/<id>/ with a module.yaml.",
    )
    final_assessment: Slug | None = Field(None, description="Quiz id of the final assessment.")
    pre_test: Slug | None = Field(
        None,
        description="Quiz id of an ungraded pre-test offered on the course home before the "
        "first lesson; its score is shown next to the final assessment's.",
    )
    outcomes: list[Text] = Field(
        default_factory=list,
        max_length=8,
        description="What learners will be able to do after the course, shown on the home page "
        "(default: the first objective of each module's first lesson).",
    )
    url: WebAddress | None = Field(
        None, description="Public URL of the published site; handouts link to it with QR codes."
    )
    paper: Literal["a4", "letter"] = Field("a4", description="Paper size of handouts.")
    version: str | None = Field(None, description="Course version shown on handouts.")
    job_aids: list[JobAid] = Field(
        default_factory=list, description="Printable job aids (Markdown files in content/)."
    )


class JobAid(Model):
    """A printable job aid written in Markdown: a desk card, a coaching guide."""

    file: str = Field(
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*\.md$",
        description="Markdown file in content/, e.g. 'desk-card.md'; its name names the PDF.",
    )
    title: Title = Field(description="Title printed on the job aid and on the Handouts page.")
    edition: Literal["learner", "trainer"] = Field(
        "learner", description="Who gets it: learners (site) or trainers only (trainer edition)."
    )
    pages: Whole = Field(
        0, ge=0, le=50, description="Most pages it may take (0: no limit); the type shrinks to fit."
    )

    @property
    def stem(self) -> str:
        return self.file.removesuffix(".md")


class Module(Model):
    """`content/<module-id>/module.yaml`: a module and the order of its lessons."""

    id: Slug = Field(description="Module id; must match its folder name.")
    title: Title = Field(description="Module title.")
    summary: Markdown = Field(description="What the module covers (Markdown).")
    lessons: list[Slug] = Field(
        min_length=1,
        description="Lesson ids in order; each is content/<module-id>/<lesson-id>.yaml.",
    )


class GlossaryTerm(Model):
    id: Slug = Field(description="Term id, used in links: [text](glossary:<id>).")
    term: Text = Field(description="The term as shown.")
    definition: Markdown = Field(description="Definition (Markdown).")
    lessons: list[Slug] = Field(default_factory=list, description="Lessons that use it.")


class Glossary(Model):
    """`content/glossary.yaml`: terms used in the course."""

    terms: list[GlossaryTerm] = Field(min_length=1, description="Glossary entries.")


# ---------------------------------------------------------------- lessons


class Objective(Model):
    id: Slug = Field(description="Objective id, unique within the lesson.")
    text: Text = Field(description="An observable action the learner can do afterwards.")


PrintMode = Literal["full", "summary", "omit"]


class _Printable(Model):
    """A block whose body the learner handout may print in full or as a summary."""

    print: PrintMode | None = Field(
        None,
        description="On the learner handout: 'full' (never "
        "shortened), 'summary' (always the summary), 'omit' (left "
        "out). Unset: in full when it fits the page limit, else "
        "the summary; validate -v says when.",
    )
    handout: Markdown | None = Field(
        None,
        description="The summary the handout prints when "
        "it shortens this block (default: the first paragraph).",
    )


class TextBlock(_Printable):
    type: Literal["text"]
    title: Title | None = Field(None, description="Optional heading.")
    body: Markdown = Field(description="Markdown body.")


Speaker = Literal["customer", "agent"]


def _one_key(schema: dict[str, Any], *keys: str) -> None:
    """Schema of a one-key mapping: exactly one of `keys`, with text."""
    schema["minProperties"] = schema["maxProperties"] = 1
    for key in keys:
        schema["properties"][key] = {"title": key.title(), "type": "string", "pattern": r"\S"}


def _needs_a_correct_option(schema: dict[str, Any]) -> None:
    """Schema of a question whose options need at least one `correct: true`; "exactly one"
    is beyond JSON Schema draft-07, so only `validate` checks that (rule single-correct)."""
    schema["properties"]["options"]["contains"] = {
        "properties": {"correct": {"const": True}},
        "required": ["correct"],
    }


class DialogueLine(Model):
    """One turn: a one-key mapping, `customer: ...` or `agent: ...`."""

    model_config = ConfigDict(
        json_schema_extra=lambda schema: _one_key(schema, "customer", "agent")
    )

    customer: Text | None = None
    agent: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_speaker(cls, data: object) -> object:
        if isinstance(data, dict) and (len(data) != 1 or None in data.values()):
            raise ValueError("expected exactly one of 'customer' or 'agent' in a dialogue line")
        return data

    @property
    def speaker(self) -> Speaker:
        return "customer" if self.customer is not None else "agent"

    @property
    def text(self) -> str:
        return self.customer if self.customer is not None else self.agent or ""


class DialogueBlock(Model):
    type: Literal["dialogue"]
    title: Title = Field(description="Title of the exchange.")
    setting: Text = Field(description="Where it happens, e.g. 'Telecom billing, phone call'.")
    customer: Text = Field(description="Customer's name.")
    agent: Text = Field(description="Agent's name.")
    quality: Literal["poor", "better"] | None = Field(
        None,
        description="Mark a weaker or stronger response; a 'better' dialogue right after "
        "a 'poor' one is shown side by side.",
    )
    lines: list[DialogueLine] = Field(min_length=2, description="The turns, in order.")
    debrief: Markdown | None = Field(None, description="What made the difference (Markdown).")


class CalloutBlock(_Printable):
    type: Literal["callout"]
    style: Literal["tip", "warning", "example", "note"] = Field(description="Kind of callout.")
    title: Title | None = Field(None, description="Optional title.")
    body: Markdown = Field(description="Markdown body.")


class DoDontBlock(Model):
    type: Literal["do_dont"]
    title: Title | None = Field(None, description="Optional title.")
    do: list[Text] = Field(min_length=1, description="Things to do.")
    dont: list[Text] = Field(min_length=1, description="Things to avoid.")


class ReflectionBlock(Model):
    type: Literal["reflection"]
    prompt: Markdown = Field(description="A question learners answer for themselves.")
    lines: Whole = Field(4, ge=1, le=20, description="Ruled lines to write on in handouts.")


class RoleplayCard(Model):
    setup: Markdown = Field(description="The situation.")
    customer_brief: Markdown = Field(description="What the customer knows, feels and wants.")
    agent_goal: Markdown = Field(description="What the agent should achieve.")


class RoleplayBlock(RoleplayCard):
    type: Literal["roleplay"]
    title: Title = Field("Role-play", description="Card title.")


class ReplyFields(Model):
    """A written reply: the learner types one, then compares it and ticks a self-check."""

    setting: Text | None = Field(None, description="Where the contact happens (plain text).")
    customer: Text = Field(description="What the customer says.")
    prompt: Markdown = Field("Write your reply.", description="The task (Markdown).")
    model_answer: Markdown = Field(description="A good reply, shown afterwards (Markdown).")
    checklist: list[Text] = Field(
        min_length=2, max_length=6, description="2-6 self-check questions (plain text)."
    )
    lines: Whole = Field(5, ge=1, le=20, description="Ruled lines to write on when printed.")


class ReplyBlock(ReplyFields):
    type: Literal["reply"]
    id: Slug = Field(description="Id, unique in the lesson; keys the learner's saved reply.")


class ConversationBlock(Model):
    type: Literal["conversation"]
    conversation: Slug = Field(description="Id of a conversation: content/conversations/<id>.yaml.")


class ImageBlock(Model):
    type: Literal["image"]
    src: str = Field(
        description="The image, a file in content/media/ written as "
        "'media/<file>' (PNG, JPEG, GIF, WebP or SVG, at most 2 MB)."
    )
    alt: Text = Field(description="What the image shows, for learners who cannot see it.")
    caption: Text | None = Field(None, description="Optional caption under the image.")


class AudioBlock(Model):
    type: Literal["audio"]
    title: Text = Field(description="What the recording is, e.g. 'A call, first minute'.")
    src: str = Field(
        description="The recording, a file in content/media/ written as "
        "'media/<file>' (MP3, M4A, OGG or WAV, at most 2 MB)."
    )
    transcript: Markdown = Field(
        description="Everything said in the recording, for learners "
        "who cannot hear it and for handouts (Markdown)."
    )


Block = Annotated[
    TextBlock
    | DialogueBlock
    | CalloutBlock
    | DoDontBlock
    | ReflectionBlock
    | RoleplayBlock
    | ReplyBlock
    | ConversationBlock
    | ImageBlock
    | AudioBlock,
    Field(discriminator="type"),
]


class TrainerNotes(Model):
    timing: Whole = Field(ge=1, le=240, description="Suggested classroom minutes.")
    notes: Markdown | None = Field(None, description="How to run the lesson (Markdown).")
    discussion: list[Text] = Field(default_factory=list, description="Discussion questions.")
    roleplay: RoleplayCard | None = Field(None, description="Classroom role-play card.")


class Lesson(Model):
    """`content/<module-id>/<lesson-id>.yaml`: one micro-lesson."""

    id: Slug = Field(description="Lesson id; must match the file name.")
    title: Title = Field(description="Lesson title.")
    duration: Whole = Field(ge=1, le=60, description="Reading time in minutes.")
    objectives: list[Objective] = Field(
        min_length=1, max_length=3, description="1-3 learning objectives."
    )
    intro: Markdown = Field(description="Opening paragraph (Markdown).")
    blocks: list[Block] = Field(min_length=1, description="Content blocks in order.")
    takeaways: list[Text] = Field(min_length=3, max_length=5, description="3-5 key takeaways.")
    trainer_notes: TrainerNotes = Field(description="Notes for classroom trainers.")
    quiz: Slug | None = Field(None, description="Id of the lesson's quiz in quizzes/.")

    def objective_ids(self) -> list[str]:
        return [o.id for o in self.objectives]


# ---------------------------------------------------------------- quizzes


class Option(Model):
    text: Text = Field(description="Option text (plain text).")
    correct: bool = Field(False, description="Whether this option is correct.")
    feedback: Markdown = Field(description="Why this option is right or wrong (Markdown).")


class _QuestionBase(Model):
    id: Slug = Field(description="Question id, unique within the quiz.")
    objective: str = Field(
        pattern=OBJECTIVE_REF_RE,
        description="Objective assessed: an "
        "objective id of the quiz's lesson, or '<lesson-id>/<objective-id>'.",
    )
    prompt: Markdown = Field(description="The question (Markdown).")
    explanation: Markdown | None = Field(None, description="Shown after answering.")

    def objective_ref(self, quiz_lesson: str | None = None) -> tuple[str | None, str]:
        """(lesson id, objective id) of the objective assessed; a bare objective id belongs
        to `quiz_lesson`, the lesson whose quiz holds the question (None if unknown)."""
        lesson, _, objective = self.objective.rpartition("/")
        return lesson or quiz_lesson, objective


def _count_correct(options: list[Option]) -> int:
    return sum(o.correct for o in options)


class SingleQuestion(_QuestionBase):
    model_config = ConfigDict(json_schema_extra=_needs_a_correct_option)

    type: Literal["single"]
    options: list[Option] = Field(min_length=2, max_length=8)

    @model_validator(mode="after")
    def _one_correct(self) -> SingleQuestion:
        if _count_correct(self.options) != 1:
            # The error type becomes the rule id shown to authors: [single-correct].
            raise PydanticCustomError(
                "single_correct",
                "expected exactly one option with 'correct: true', found {n}",
                {"n": _count_correct(self.options)},
            )
        return self


class MultipleQuestion(_QuestionBase):
    model_config = ConfigDict(json_schema_extra=_needs_a_correct_option)

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2, max_length=10)

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleQuestion:
        if _count_correct(self.options) == 0:
            raise PydanticCustomError(
                "single_correct", "expected at least one option with 'correct: true', found none"
            )
        return self


class TrueFalseQuestion(_QuestionBase):
    type: Literal["true_false"]
    answer: bool = Field(description="Whether the statement in the prompt is true.")
    if_true: Markdown = Field(description="Feedback for learners who answer True.")
    if_false: Markdown = Field(description="Feedback for learners who answer False.")


class Step(Model):
    text: Text = Field(description="Step text.")
    feedback: Markdown = Field(description="Why the step belongs in this position.")


class OrderingQuestion(_QuestionBase):
    type: Literal["ordering"]
    steps: list[Step] = Field(
        min_length=3, max_length=8, description="The steps, listed in the correct order."
    )


class ScenarioQuestion(_QuestionBase):
    model_config = ConfigDict(json_schema_extra=_needs_a_correct_option)

    type: Literal["scenario"]
    setting: Text | None = Field(None, description="Where the contact happens.")
    customer: Text = Field(description="What the customer says.")
    prompt: Markdown = Field("Which reply is best?", description="The question.")
    options: list[Option] = Field(min_length=2, max_length=6)

    @model_validator(mode="after")
    def _one_correct(self) -> ScenarioQuestion:
        if _count_correct(self.options) != 1:
            raise PydanticCustomError(
                "single_correct",
                "expected exactly one reply with 'correct: true', found {n}",
                {"n": _count_correct(self.options)},
            )
        return self


class ReplyQuestion(_QuestionBase, ReplyFields):
    """Ungraded: never counts towards the quiz score."""

    type: Literal["reply"]
    prompt: Markdown = Field("Write your reply.", description="The task (Markdown).")


GRADED = ("single", "multiple", "true_false", "ordering", "scenario")
"""Question types that count towards a quiz score; `reply` is practice only."""

Question = Annotated[
    SingleQuestion
    | MultipleQuestion
    | TrueFalseQuestion
    | OrderingQuestion
    | ScenarioQuestion
    | ReplyQuestion,
    Field(discriminator="type"),
]


class Assessment(Model):
    """Assessment mode: questions drawn per attempt from one pool per lesson."""

    draw: Whole = Field(
        1,
        ge=1,
        le=20,
        description="Questions drawn from every lesson's pool on each attempt. A question's "
        "pool is the lesson named in its objective ('<lesson-id>/<objective-id>').",
    )
    attempts: Whole = Field(0, ge=0, le=100, description="Attempt limit; 0 means unlimited.")
    show_answers: Literal["never", "after_pass", "always"] = Field(
        "after_pass",
        description="When learners see the correct answers and feedback after an attempt: "
        "never, after_pass (once they have passed), or always.",
    )


class Quiz(Model):
    """`quizzes/<quiz-id>.yaml`: a quiz for a lesson, or the final assessment."""

    id: Slug = Field(description="Quiz id; must match the file name.")
    title: Title = Field(description="Quiz title.")
    pass_mark: Whole = Field(80, ge=0, le=100, description="Percent needed to pass.")
    shuffle: bool = Field(False, description="Shuffle options and steps on each attempt.")
    questions: list[Question] = Field(min_length=1, description="Questions in order.")
    assessment: Assessment | None = Field(
        None,
        description="Makes the quiz an assessment: questions drawn per attempt, an optional "
        "attempt limit, answers shown per `show_answers`, nothing given away in the page.",
    )

    def pools(self) -> dict[str, list[Question]]:
        """Questions by the lesson their objective names, in first-seen order."""
        out: dict[str, list[Question]] = {}
        for q in self.questions:
            out.setdefault(q.objective_ref()[0] or "", []).append(q)
        return out


# ---------------------------------------------------------------- the whole course


@dataclass(frozen=True)
class LessonRef:
    """A lesson with its place in the course."""

    lesson: Lesson
    module: Module
    number: int  # 1-based across the whole course


@dataclass
class Curriculum:
    """Everything the renderers need, resolved and ordered."""

    course: Course
    modules: list[Module]
    lessons: dict[str, Lesson]
    quizzes: dict[str, Quiz]
    glossary: Glossary | None = None
    module_of: dict[str, str] = field(default_factory=dict)
    conversations: dict[str, Conversation] = field(default_factory=dict)
    skills: Skills | None = None
    media: dict[str, Path] = field(default_factory=dict)
    """Images and audio in use: site path (`media/...`) -> file in content/media/."""
    lesson_docs: dict[str, Document] = field(default_factory=dict)
    """The parsed file of each lesson, to locate notes about it (handout summaries)."""
    job_aids: dict[str, str] = field(default_factory=dict)  # file name -> Markdown text

    def ordered_lessons(self) -> list[LessonRef]:
        refs: list[LessonRef] = []
        for module in self.modules:
            for lesson_id in module.lessons:
                refs.append(LessonRef(self.lessons[lesson_id], module, len(refs) + 1))
        return refs

    def lesson_quiz(self, lesson: Lesson) -> Quiz | None:
        return self.quizzes.get(lesson.quiz) if lesson.quiz else None

    def final_quiz(self) -> Quiz | None:
        fid = self.course.final_assessment
        return self.quizzes.get(fid) if fid else None

    def pre_test_quiz(self) -> Quiz | None:
        pid = self.course.pre_test
        return self.quizzes.get(pid) if pid else None


WORD_RE = re.compile(r"[A-Za-z0-9']+")
"""A word: a run of ASCII letters, digits and apostrophes."""
_WORD_BYTES = (string.ascii_letters + string.digits + "'").encode()
_SEPARATE = bytes(c if c in _WORD_BYTES else ord(" ") for c in range(256))
"""Every byte that cannot be part of a word made a space. Each character outside ASCII is
bytes of 0x80 and above in UTF-8, so it too separates words, as it does for WORD_RE."""


def ascii_words(text: str) -> list[bytes]:
    """The WORD_RE matches of `text`, in order, as bytes: found on its UTF-8 bytes, a few
    times faster than by the pattern."""
    return text.encode("utf-8", "surrogatepass").translate(_SEPARATE).split()


def word_count(text: str) -> int:
    """How many WORD_RE matches `text` holds."""
    return len(ascii_words(text))
