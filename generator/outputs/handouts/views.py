"""Course data shaped for the printed documents. Pure: no file I/O, no PDF library.

Learner views are built from data that holds no answers: a worksheet question never sees
which option is correct or any feedback, so no template mistake can print an answer on it.
Answer keys are separate views, used only by trainer documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from markupsafe import Markup

from generator.blocks import exhaustive, grouped
from generator.convview import ConversationView, conversation_view
from generator.markup import MarkupRenderer
from generator.models import (
    Curriculum,
    DialogueBlock,
    DoDontBlock,
    Lesson,
    LessonRef,
    OrderingQuestion,
    Question,
    Quiz,
    ReplyFields,
    ReplyQuestion,
    RoleplayCard,
    ScenarioQuestion,
    TrueFalseQuestion,
)
from generator.quizview import scrambled

LETTERS = "ABCDEFGHIJ"
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_LIST_START = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


@dataclass(frozen=True)
class Level:
    """How far a handout is condensed to fit its page limit."""

    full_text: bool = False  # text and callout bodies in full (else their summary)
    debriefs: bool = True  # dialogue debriefs
    lists: bool = True  # the list a key idea's first paragraph introduces
    callouts: bool = True  # callouts as key ideas
    max_lines: int = 20  # ruled lines per reflection
    intro: bool = True


# Tried in order; the first level whose handout fits is printed.
LEVELS = (
    Level(full_text=True),
    Level(),
    Level(debriefs=False),
    Level(debriefs=False, lists=False, callouts=False, max_lines=3),
    Level(debriefs=False, lists=False, callouts=False, max_lines=2, intro=False),
)


@dataclass(frozen=True)
class Idea:
    title: str | None
    body: Markup
    style: str = "text"  # text | tip | warning | example | note


@dataclass(frozen=True)
class Line:
    name: str
    role: str  # customer | agent
    text: str


@dataclass(frozen=True)
class Dialogue:
    title: str
    setting: str
    quality: str | None
    lines: list[Line]
    debrief: Markup


@dataclass(frozen=True)
class Card:
    """A role-play card: one half for the customer, one for the agent, cut apart."""

    number: int
    title: str
    lesson: str
    setup: Markup
    customer_brief: Markup
    agent_goal: Markup


@dataclass(frozen=True)
class ReplyTask:
    """A written reply as printed for learners: the line, the task, ruled lines and the
    self-check list; never the model answer."""

    setting: str | None
    customer: str
    prompt: Markup
    checklist: list[str]
    lines: int


def reply_task(item: ReplyFields, md: MarkupRenderer, page: str, max_lines: int = 20) -> ReplyTask:
    return ReplyTask(
        item.setting,
        item.customer,
        md.block(item.prompt, page),
        list(item.checklist),
        min(item.lines, max_lines),
    )


@dataclass(frozen=True)
class Handout:
    """Everything a learner handout prints for one lesson, at one condensing level."""

    ref: LessonRef
    module_number: int
    intro: Markup
    ideas: list[Idea]
    dialogues: list[list[Dialogue]]  # a poor/better pair shares a row
    do_donts: list[DoDontBlock]
    reflections: list[tuple[Markup, int]]  # (prompt, ruled lines)
    cards: list[Card]
    link: Any  # qr.OnlineLink
    replies: list[ReplyTask] = field(default_factory=list)
    scripts: list[ConversationView] = field(default_factory=list)  # printed separately


@dataclass(frozen=True)
class WorksheetQuestion:
    """A question as printed for learners: no correctness, no feedback."""

    number: int
    type: str
    prompt: Markup
    choices: list[str]  # lettered in print; ordering: the steps in a scrambled order
    setting: str | None = None
    customer: str | None = None
    reply: ReplyTask | None = None

    @property
    def instruction(self) -> str:
        return {
            "reply": "Write your reply on the lines, then tick what it does.",
            "multiple": "Tick every answer that applies.",
            "ordering": "Write the letters of the steps in the right order.",
            "true_false": "Tick True or False.",
        }.get(self.type, "Tick one answer.")


@dataclass(frozen=True)
class KeyAnswer:
    label: str  # letter, 'True'/'False', or position in the correct order
    text: str
    why: Markup
    letter: str = ""  # ordering: the step's letter on the worksheet


@dataclass(frozen=True)
class KeyQuestion:
    number: int
    prompt: Markup
    answers: list[KeyAnswer]
    ordering: bool = False
    explanation: Markup = Markup("")
    checklist: list[str] = field(default_factory=list)  # reply: what a good reply does


@dataclass(frozen=True)
class AnswerKey:
    quiz_id: str
    title: str
    pass_mark: int
    questions: list[KeyQuestion] = field(default_factory=list)


def handout(
    ref: LessonRef,
    module_number: int,
    md: MarkupRenderer,
    page: str,
    link: Any,
    level: int,
    cur: Curriculum,
) -> Handout:
    """The learner handout of a lesson, condensed to `level` (0 = fullest)."""
    opts = LEVELS[level]
    lesson = ref.lesson
    ctx = _Context(md, page, opts, lesson.title, cur)
    parts = _Parts()
    for group in grouped(lesson.blocks):
        if len(group) > 1:  # a poor/better pair of dialogues shares a row
            parts.dialogues.append([_dialogue(b, md, page, opts.debriefs) for b in group])
        else:
            _HANDOUT_PARTS[group[0].type](parts, group[0], ctx)
    intro = md.block(lesson.intro, page) if opts.intro else Markup("")
    return Handout(
        ref,
        module_number,
        intro,
        parts.ideas,
        parts.dialogues,
        parts.do_donts,
        parts.reflections,
        parts.cards,
        link,
        parts.replies,
        parts.scripts,
    )


@dataclass
class _Parts:
    """What a handout collects from a lesson's blocks, section by section."""

    ideas: list[Idea] = field(default_factory=list)
    dialogues: list[list[Dialogue]] = field(default_factory=list)
    do_donts: list[DoDontBlock] = field(default_factory=list)
    reflections: list[tuple[Markup, int]] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    replies: list[ReplyTask] = field(default_factory=list)
    scripts: list[ConversationView] = field(default_factory=list)


class _Context(NamedTuple):
    md: MarkupRenderer
    page: str
    opts: Level
    lesson_title: str
    cur: Curriculum


def body_for_print(b: Any, opts: Level, keep_list: bool) -> str | None:
    """The Markdown a handout prints for a text or callout block at `opts`: the whole body,
    the author's `handout:` summary or the first paragraph; None when it is left out. The
    author's `print:` choice wins over the level."""
    if b.print == "omit" or (b.type == "callout" and not opts.callouts and b.print != "full"):
        return None
    if b.print == "full" or (b.print is None and opts.full_text):
        return str(b.body)
    return str(b.handout or condense(b.body, keep_list))


Cut = tuple[tuple[Any, ...], str]
"""Where in the lesson file (a value path) and what the handout prints shorter there."""


def shortened(lesson: Lesson, level: int) -> list[Cut]:
    """What the learner handout at `level` prints shorter than the lesson page, block by
    block; what the author chose with `print:` is not listed (it is not a surprise)."""
    opts, cuts = LEVELS[level], []
    fit = "to fit the 2-page handout"
    if lesson.intro and not opts.intro:
        cuts.append((("intro",), f"the learner handout leaves the intro out {fit}"))
    for i, b in enumerate(lesson.blocks):
        where: tuple[Any, ...] = ("blocks", i)
        if b.type in ("text", "callout") and b.print is None:
            printed = body_for_print(b, opts, opts.lists if b.type == "text" else True)
            if printed is None:
                cuts.append((where, f"the learner handout leaves this callout out {fit}"))
            elif printed.strip() != b.body.strip():
                what = "your 'handout:' summary" if b.handout else "only the first paragraph"
                cuts.append(
                    (
                        where,
                        f"the learner handout prints {what} of this block {fit} "
                        "(set 'print: full' to keep it whole, or write a 'handout:' "
                        "summary)",
                    )
                )
        elif b.type == "dialogue" and b.debrief and not opts.debriefs:
            cuts.append(((*where, "debrief"), f"the learner handout leaves this debrief out {fit}"))
        elif b.type == "reflection" and b.lines > opts.max_lines:
            cuts.append(
                (
                    (*where, "lines"),
                    f"the learner handout prints {opts.max_lines} of "
                    f"{b.lines} ruled lines for this reflection {fit}",
                )
            )
    return cuts


def _text(parts: _Parts, b: Any, c: _Context) -> None:
    body = body_for_print(b, c.opts, c.opts.lists)
    if body is not None:
        parts.ideas.append(Idea(b.title, c.md.block(body, c.page)))


def _callout(parts: _Parts, b: Any, c: _Context) -> None:
    body = body_for_print(b, c.opts, True)
    if body is not None:
        parts.ideas.append(Idea(b.title or b.style.capitalize(), c.md.block(body, c.page), b.style))


_HANDOUT_PARTS: Mapping[str, Callable[[_Parts, Any, _Context], None]] = exhaustive(
    "handout parts",
    {
        "text": _text,
        "callout": _callout,
        "dialogue": lambda parts, b, c: parts.dialogues.append(
            [_dialogue(b, c.md, c.page, c.opts.debriefs)]
        ),
        "do_dont": lambda parts, b, c: parts.do_donts.append(b),
        "reflection": lambda parts, b, c: parts.reflections.append(
            (c.md.block(b.prompt, c.page), min(b.lines, c.opts.max_lines))
        ),
        "image": lambda parts, b, c: parts.ideas.append(Idea(None, _figure(b, c), "figure")),
        "audio": lambda parts, b, c: parts.ideas.append(
            Idea(f"{b.title} (transcript)", c.md.block(b.transcript, c.page))
        ),
        "roleplay": lambda parts, b, c: parts.cards.append(
            card(len(parts.cards) + 1, b, b.title, c.lesson_title, c.md, c.page)
        ),
        "reply": lambda parts, b, c: parts.replies.append(
            reply_task(b, c.md, c.page, c.opts.max_lines)
        ),
        "conversation": lambda parts, b, c: parts.scripts.append(
            conversation_view(c.cur.conversations[b.conversation], c.cur.skills, c.md, c.page)
        ),
    },
)
"""Per block kind, what it adds to a learner handout."""


def _figure(b: Any, c: _Context) -> Markup:
    caption = Markup("<figcaption>{}</figcaption>").format(b.caption) if b.caption else ""
    return Markup('<figure class="ml-figure"><img src="{}" alt="{}">{}</figure>').format(
        c.md.media_url(b.src, c.page), b.alt, caption
    )


def condense(markdown: str, keep_list: bool) -> str:
    """The first paragraph of author Markdown; with `keep_list`, also the list it introduces
    (a paragraph ending in a colon), so 'four moves:' keeps its four moves. A body that
    starts with a list keeps the whole list, or only its first item without `keep_list`."""
    chunks = [c for c in _PARAGRAPHS.split(markdown.strip()) if c.strip()]
    if not chunks:
        return markdown
    first = chunks[0]
    if _LIST_START.match(first):
        return first if keep_list else _first_item(first)
    if (
        keep_list
        and first.rstrip().endswith(":")
        and len(chunks) > 1
        and _LIST_START.match(chunks[1])
    ):
        return first + "\n\n" + chunks[1]
    return first


def _first_item(chunk: str) -> str:
    lines = chunk.splitlines()
    item = [lines[0]]
    for line in lines[1:]:  # continuation lines of the first item, up to the next item
        if _LIST_START.match(line):
            break
        item.append(line)
    return "\n".join(item)


def _dialogue(block: DialogueBlock, md: MarkupRenderer, page: str, debrief: bool) -> Dialogue:
    lines = [
        Line(block.customer if line.speaker == "customer" else block.agent, line.speaker, line.text)
        for line in block.lines
    ]
    return Dialogue(
        block.title,
        block.setting,
        block.quality,
        lines,
        md.block(block.debrief, page) if debrief else Markup(""),
    )


def card(
    number: int, source: RoleplayCard, title: str, lesson: str, md: MarkupRenderer, page: str
) -> Card:
    """A role-play card from a lesson block or from trainer notes."""
    return Card(
        number,
        title,
        lesson,
        md.block(source.setup, page),
        md.block(source.customer_brief, page),
        md.block(source.agent_goal, page),
    )


def worksheet(quiz: Quiz, md: MarkupRenderer, page: str) -> list[WorksheetQuestion]:
    """The quiz for paper, stripped of answers and feedback."""
    out = []
    for number, q in enumerate(quiz.questions, 1):
        prompt = md.inline(q.prompt, page)
        if isinstance(q, ReplyQuestion):
            task = reply_task(q, md, page)
            out.append(WorksheetQuestion(number, q.type, prompt, [], reply=task))
        elif isinstance(q, OrderingQuestion):
            choices = [q.steps[i].text for i in scrambled(len(q.steps), q.id)]
            out.append(WorksheetQuestion(number, q.type, prompt, choices))
        elif isinstance(q, TrueFalseQuestion):
            out.append(WorksheetQuestion(number, q.type, prompt, ["True", "False"]))
        else:
            extra: dict[str, Any] = {}
            if isinstance(q, ScenarioQuestion):
                extra = {"setting": q.setting, "customer": q.customer}
            out.append(
                WorksheetQuestion(number, q.type, prompt, [o.text for o in q.options], **extra)
            )
    return out


def answer_key(quiz: Quiz, md: MarkupRenderer, page: str) -> AnswerKey:
    """Correct answers with the reason, labelled as on the worksheet."""
    return AnswerKey(
        quiz.id,
        quiz.title,
        quiz.pass_mark,
        [_key(q, n, md, page) for n, q in enumerate(quiz.questions, 1)],
    )


def _key(q: Question, number: int, md: MarkupRenderer, page: str) -> KeyQuestion:
    prompt = md.inline(q.prompt, page)
    explanation = md.block(q.explanation, page)
    if isinstance(q, ReplyQuestion):
        model = KeyAnswer("Model answer", "", md.block(q.model_answer, page))
        return KeyQuestion(number, prompt, [model], False, explanation, list(q.checklist))
    if isinstance(q, OrderingQuestion):
        letter_of = {step: LETTERS[pos] for pos, step in enumerate(scrambled(len(q.steps), q.id))}
        answers = [
            KeyAnswer(str(i + 1), s.text, md.inline(s.feedback, page), letter_of[i])
            for i, s in enumerate(q.steps)
        ]
        return KeyQuestion(number, prompt, answers, True, explanation)
    if isinstance(q, TrueFalseQuestion):
        answer = "True" if q.answer else "False"
        why = q.if_true if q.answer else q.if_false
        return KeyQuestion(
            number, prompt, [KeyAnswer(answer, answer, md.inline(why, page))], False, explanation
        )
    answers = [
        KeyAnswer(LETTERS[i], o.text, md.inline(o.feedback, page))
        for i, o in enumerate(q.options)
        if o.correct
    ]
    return KeyQuestion(number, prompt, answers, False, explanation)
