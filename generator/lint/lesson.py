"""Lint rules for lessons: reading time, assessed objectives, and images without alt text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.blocks import reading_text
from generator.errors import Problem
from generator.lint.base import Context, Rule
from generator.models import Lesson, word_count

LINK_TARGET = re.compile(r"\]\([^)]*\)")
TAG = re.compile(r"<[^>]*>")
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
HTML_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def reading_words(lesson: Lesson) -> int:
    """Words a learner reads on the lesson page: the intro and every block."""
    parts: list[str | None] = [lesson.intro]
    for block in lesson.blocks:
        parts += reading_text(block)
    text = "\n".join(p for p in parts if p)
    if "](" in text:  # most lessons: no link target to drop
        text = LINK_TARGET.sub("]", text)
    if "<" in text:
        text = TAG.sub(" ", text)
    return word_count(text)


def _reading_words(ctx: Context) -> dict[str, int]:
    """`reading_words` of every lesson, counted once per lint run (two rules read them)."""
    counts = ctx.memo.get("reading-words")
    if not isinstance(counts, dict):
        counts = ctx.memo["reading-words"] = {
            lesson_id: reading_words(lesson) for lesson_id, lesson in ctx.cur.lessons.items()
        }
    return counts


def _lessons(ctx: Context) -> Iterator[tuple[str, Lesson]]:
    for lesson_id in sorted(ctx.cur.lessons):
        yield lesson_id, ctx.cur.lessons[lesson_id]


def reading_budget(ctx: Context) -> Iterator[Problem]:
    wpm, budget = ctx.settings.words_per_minute, ctx.settings.reading_budget
    counts = _reading_words(ctx)
    for lesson_id, _ in _lessons(ctx):
        words = counts[lesson_id]
        if words > budget * wpm:
            minutes = f"{budget} minute{'s' * (budget != 1)}"
            yield ctx.warn(
                ctx.src.doc("lesson", lesson_id),
                ("blocks",),
                f"lesson '{lesson_id}':"
                f" expected at most {minutes} of reading ({budget * wpm:,} words at "
                f"{wpm} words per minute), found {words:,} words; split the lesson "
                "or cut it",
                "reading-budget",
                key=True,
            )


def duration_mismatch(ctx: Context) -> Iterator[Problem]:
    wpm = ctx.settings.words_per_minute
    counts = _reading_words(ctx)
    for lesson_id, lesson in _lessons(ctx):
        words = counts[lesson_id]
        measured = words / wpm
        slack = max(ctx.settings.duration_tolerance, measured / 2)
        if abs(lesson.duration - measured) > slack:
            low, high = max(1, round(measured - slack + 0.5)), int(measured + slack)
            expect = f"{low} to {high}" if high > low else f"{max(low, high)}"
            yield ctx.warn(
                ctx.src.doc("lesson", lesson_id),
                ("duration",),
                f"lesson "
                f"'{lesson_id}': duration: expected {expect} minutes ({words:,} words "
                f"at {wpm} words per minute), found {lesson.duration}",
                "duration-mismatch",
            )


def objective_unassessed(ctx: Context) -> Iterator[Problem]:
    assessed: set[tuple[str | None, str]] = set()
    for lesson_id, lesson in _lessons(ctx):
        quiz = ctx.cur.lesson_quiz(lesson)
        for q in quiz.questions if quiz else []:
            assessed.add(q.objective_ref(lesson_id))
    final = ctx.cur.final_quiz()
    for q in final.questions if final else []:
        assessed.add(q.objective_ref())
    for lesson_id, lesson in _lessons(ctx):
        for i, objective in enumerate(lesson.objectives):
            if (lesson_id, objective.id) not in assessed:
                where = f"quizzes/{lesson.quiz}.yaml" if lesson.quiz else "a quiz"
                yield ctx.warn(
                    ctx.src.doc("lesson", lesson_id),
                    ("objectives", i, "id"),
                    f"lesson '{lesson_id}': objective '{objective.id}' is not "
                    f"assessed by any question (add one to {where})",
                    "objective-unassessed",
                )


def image_alt(ctx: Context) -> Iterator[Problem]:
    for (kind, ident), doc in sorted(ctx.src.docs.items()):
        if not doc.mentions("<", "!["):
            continue
        for path, text in doc.texts():
            if "<" not in text and "![" not in text:
                continue
            bare = [m.start() for m in MD_IMAGE.finditer(text) if not m.group(1).strip()]
            for tag in HTML_IMAGE.finditer(text):
                alt = HTML_ALT.search(tag.group(0))
                if alt is None or not any(g and g.strip() for g in alt.groups()):
                    bare.append(tag.start())
            if bare:
                line, col = doc.at_offset(path, min(bare))
                yield Problem(
                    doc.path,
                    line,
                    col,
                    f"{kind} '{ident}': image without alt text; describe "
                    "it for learners who cannot see it (![what it shows](media/file.png))",
                    "warning",
                    "image-alt",
                )


RULES = [
    Rule(
        "reading-budget",
        "a lesson takes longer to read than the budget (default 7 minutes at 200 words per minute)",
        reading_budget,
    ),
    Rule(
        "duration-mismatch",
        "a lesson's declared duration is far from its measured reading "
        "time (more than 2 minutes or half the measured time)",
        duration_mismatch,
    ),
    Rule(
        "objective-unassessed",
        "a lesson objective no question assesses (lesson quiz or final assessment)",
        objective_unassessed,
        whole_course=True,
    ),
    Rule(
        "image-alt", "an image without alt text (Markdown ![](x) or <img> without alt)", image_alt
    ),
]
