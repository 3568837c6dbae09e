"""Printable documents as HTML: Jinja templates in `handouts/templates/` plus one print
stylesheet. Pure: returns text; the PDF engine is elsewhere (pdf.py).

Author Markdown goes through `MarkupRenderer` (sanitised) with links resolved from the site
root, so with a known site URL they become absolute links in the PDF.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import jinja2

from generator import __version__, media, urls
from generator.convview import conversation_view, outline
from generator.markup import MarkupRenderer
from generator.models import Curriculum, LessonRef
from generator.outputs.handouts import qr, views
from generator.outputs.handouts.plan import Printable
from generator.render import resolver

PAPER = {"a4": "A4", "letter": "letter"}
PAGE = urls.HOME  # pages are rendered as if they sat at the site root
STYLESHEETS = ("print.css", "conversation.css")
JOB_AID_SCALES = (100, 94, 88, 82, 76)  # percent of the normal type size


def stylesheet(paper: str) -> str:
    """The print stylesheet for a paper size."""
    folder = files(__package__ or "") / "templates"
    css = "\n".join((folder / name).read_text(encoding="utf-8") for name in STYLESHEETS)
    return css + f"\n@page {{ size: {PAPER[paper]}; }}\n"


class HtmlRenderer:
    """Renders every printable document of one course as HTML."""

    def __init__(self, cur: Curriculum, site_url: str | None) -> None:
        self.cur = cur
        self.site_url = site_url
        self.md = MarkupRenderer(resolver(cur), media.data_uri(cur.media))
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("generator.outputs.handouts", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        self.env.filters["clock"] = clock
        self.env.filters["duration"] = duration
        self.refs = cur.ordered_lessons()
        self.module_number = {m.id: n for n, m in enumerate(cur.modules, 1)}

    def variants(self, doc: Printable, levels: dict[str, int] | None = None) -> tuple[str, ...]:
        """The HTML of `doc`; for handouts, one variant per condensing level, fullest first.
        The workbook needs `levels`: the level each lesson's own handout was printed at."""
        if doc.kind == "handout":
            ref = self._ref(doc.lesson_id)
            return tuple(
                self._render("handout.html.j2", doc.title, h=self._handout(ref, level))
                for level in range(len(views.LEVELS))
            )
        if doc.kind == "worksheet":
            quiz = self.cur.quizzes[doc.quiz_id or ""]
            # Only answer-free data reaches the worksheet template.
            return (
                self._render(
                    "worksheet.html.j2",
                    f"Quiz worksheet: {doc.title}",
                    quiz_title=quiz.title,
                    questions=views.worksheet(quiz, self.md, PAGE),
                    lesson=self._lesson_of(doc),
                ),
            )
        if doc.kind == "script":
            conv = self.cur.conversations[doc.conversation_id or ""]
            return (
                self._render(
                    "script.html.j2",
                    f"Role-play script: {doc.title}",
                    c=conversation_view(conv, self.cur.skills, self.md, PAGE),
                    lesson=self._lesson_of(doc),
                ),
            )
        if doc.kind == "answer-key":
            quiz = self.cur.quizzes[doc.quiz_id or ""]
            return (
                self._render(
                    "answer_key.html.j2",
                    f"Answer key: {doc.title}",
                    key=views.answer_key(quiz, self.md, PAGE),
                    lesson=self._lesson_of(doc),
                ),
            )
        if doc.kind == "job-aid":
            text = self.cur.job_aids[doc.source or ""]
            body = self.md.block(text, PAGE, headings=True)
            own_title = text.lstrip().startswith("# ")  # then it heads the page itself
            # Fullest first: when a page limit is set, the largest type that fits is printed.
            scales = JOB_AID_SCALES if doc.pages else JOB_AID_SCALES[:1]
            return tuple(
                self._render(
                    "job_aid.html.j2",
                    doc.label,
                    body=body,
                    scale=scale,
                    trainer=doc.trainer,
                    own_title=own_title,
                )
                for scale in scales
            )
        if doc.kind == "guide":
            return (
                self._render("guide.html.j2", f"Facilitator guide: {doc.title}", **self._guide()),
            )
        assert doc.kind == "workbook"
        handouts = [self._handout(ref, (levels or {}).get(ref.lesson.id, 0)) for ref in self.refs]
        return (
            self._render(
                "workbook.html.j2",
                f"Learner workbook: {doc.title}",
                handouts=handouts,
                modules=self.cur.modules,
            ),
        )

    def _render(self, template: str, title: str, **context: Any) -> str:
        course = self.cur.course
        return self.env.get_template(template).render(
            title=title,
            course=course,
            base_url=self.site_url,
            version=__version__,
            module_number=self.module_number,
            **context,
        )

    def _ref(self, lesson_id: str | None) -> LessonRef:
        return next(r for r in self.refs if r.lesson.id == lesson_id)

    def _lesson_of(self, doc: Printable) -> LessonRef | None:
        return self._ref(doc.lesson_id) if doc.lesson_id else None

    def _handout(self, ref: LessonRef, level: int) -> views.Handout:
        link = qr.lesson_link(self.site_url, ref.module.id, ref.lesson.id)
        return views.handout(
            ref, self.module_number[ref.module.id], self.md, PAGE, link, level, self.cur
        )

    def _guide(self) -> dict[str, Any]:
        agenda: list[dict[str, Any]] = []
        lessons: list[dict[str, Any]] = []
        cards: list[views.Card] = []
        start = 0
        for ref in self.refs:
            lesson, notes = ref.lesson, ref.lesson.trainer_notes
            agenda.append({"ref": ref, "start": start, "end": start + notes.timing})
            start += notes.timing
            lesson_cards = []
            sources = [(notes.roleplay, "Classroom role-play")] if notes.roleplay else []
            sources += [(b, b.title) for b in lesson.blocks if b.type == "roleplay"]
            for source, title in sources:
                lesson_cards.append(
                    views.card(len(cards) + 1, source, title, lesson.title, self.md, PAGE)
                )
                cards.append(lesson_cards[-1])
            quiz = self.cur.lesson_quiz(lesson)
            maps = []
            for block in lesson.blocks:
                if block.type == "conversation":
                    conv = self.cur.conversations[block.conversation]
                    view = conversation_view(conv, self.cur.skills, self.md, PAGE)
                    maps.append((view, outline(view)))
            replies = [
                (views.reply_task(b, self.md, PAGE), self.md.block(b.model_answer, PAGE))
                for b in lesson.blocks
                if b.type == "reply"
            ]
            lessons.append(
                {
                    "ref": ref,
                    "module_number": self.module_number[ref.module.id],
                    "notes": self.md.block(notes.notes, PAGE),
                    "discussion": notes.discussion,
                    "cards": lesson_cards,
                    "maps": maps,
                    "replies": replies,
                    "key": views.answer_key(quiz, self.md, PAGE) if quiz else None,
                }
            )
        final = self.cur.final_quiz()
        return {
            "agenda": agenda,
            "total": start,
            "lessons": lessons,
            "cards": cards,
            "modules": self.cur.modules,
            "final_key": views.answer_key(final, self.md, PAGE) if final else None,
        }


def clock(minutes: int) -> str:
    """Minutes from the start of a session as h:mm."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def duration(minutes: int) -> str:
    """A length of time as people say it: '40 min', '2 h 5 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"
