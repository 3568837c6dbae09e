"""Render the curriculum into Markdown pages for the site engine. Pure: returns text.

Pages are Markdown with headings (so the engine builds a table of contents) and raw HTML
for the richer blocks. All author Markdown goes through `MarkupRenderer` (sanitised).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from generator import blockhtml, learner, media, quizform, urls
from generator.blocks import exhaustive, grouped
from generator.convview import conversation_view
from generator.errors import BuildError
from generator.markup import MarkupRenderer, heading, relative_url
from generator.models import Curriculum, LessonRef
from generator.outputs.base import SiteExtras
from generator.quizview import QuestionView, build_view, reply_view
from generator.results import results_data


@dataclass(frozen=True)
class NavItem:
    """One navigation entry: a page, or a section whose own page is `page`."""

    title: str
    page: str
    children: tuple[NavItem, ...] = ()


@dataclass
class RenderedSite:
    """Every page of the site and its navigation. Pages are added through `add` only, so
    two writers of one path are caught instead of one silently replacing the other.

    Pages are held as UTF-8, the form they are written in: nearly every page has a
    character beyond Latin-1, so as text it would take two or four bytes per character
    (a 1,000-lesson course: 30 MB instead of 60 MB or more). `pages` reads them as text."""

    nav: list[NavItem] = field(default_factory=list)
    owners: dict[str, str] = field(default_factory=dict)
    encoded: dict[str, bytes] = field(default_factory=dict)

    @property
    def pages(self) -> Mapping[str, str]:
        return _Texts(self.encoded)

    def add(self, page: str, text: str, owner: str) -> None:
        """Add `page` written by `owner` (e.g. "lesson 'x' (content/m/x.yaml)")."""
        if page in self.owners:
            raise BuildError(
                f"{owner}: would write {page}, which {self.owners[page]} "
                "already writes (rename one of them)"
            )
        self.owners[page] = owner
        self.encoded[page] = text.encode("utf-8")


class _Texts(Mapping[str, str]):
    """Encoded pages, read as text."""

    def __init__(self, encoded: dict[str, bytes]) -> None:
        self._encoded = encoded

    def __getitem__(self, page: str) -> str:
        return self._encoded[page].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)


@functools.cache  # compiled templates are kept: a preview renders again on every save
def environment() -> jinja2.Environment:
    """The one Jinja environment: few shared templates, autoescaping everywhere."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # package files: no need to stat them on every page
    )
    env.filters["heading"] = heading
    env.filters["media_type"] = media.mime_type
    env.globals["quiz_form"] = quizform.quiz_form  # Python, not a macro: see quizform.py
    env.globals["dialogue"] = blockhtml.dialogue  # and these: see blockhtml.py
    env.globals["reply_task"] = blockhtml.reply_task
    return env


def resolver(cur: Curriculum) -> Any:
    def resolve(kind: str, ident: str) -> str:
        if kind == "lesson":
            return urls.lesson_page(cur.module_of[ident], ident)
        return urls.glossary_term(ident)

    return resolve


def render_site(
    cur: Curriculum, extras: SiteExtras | None = None, only: Collection[str] | None = None
) -> RenderedSite:
    """Every page of the site as Markdown text, plus the navigation. With `only` (docs paths),
    just those pages, for a preview that redoes what a save changed; the navigation is
    always complete."""
    extras = extras or SiteExtras()

    def wanted(page: str) -> bool:
        return only is None or page in only

    env = environment()
    md = MarkupRenderer(resolver(cur))
    refs = cur.ordered_lessons()
    site = RenderedSite(nav=[NavItem("Home", urls.HOME)])
    shared = Shared()

    if wanted(urls.HOME):
        site.add(urls.HOME, _home(env, md, cur, refs, extras), "the course home page")
    if cur.pre_test_quiz():
        site.nav.append(NavItem("Pre-test", urls.PRE_TEST))
    by_module: dict[str, list[LessonRef]] = {}
    for ref in refs:
        by_module.setdefault(ref.module.id, []).append(ref)
    for number, module in enumerate(cur.modules, 1):
        mpage = urls.module_page(module.id)
        mrefs = by_module.get(module.id, [])
        if wanted(mpage):
            site.add(
                mpage,
                env.get_template("module.md.j2").render(
                    module=module,
                    number=number,
                    course_id=cur.course.id,
                    summary=md.block(module.summary, mpage),
                    lessons=[_lesson_link(r, mpage) for r in mrefs],
                ),
                f"module '{module.id}'",
            )
        children = []
        for ref in mrefs:
            page = urls.lesson_page(module.id, ref.lesson.id)
            if wanted(page):
                site.add(
                    page,
                    _lesson(env, md, cur, ref, number, refs, page, extras, shared),
                    f"lesson '{ref.lesson.id}'",
                )
            children.append(NavItem(ref.lesson.title, page))
        site.nav.append(NavItem(f"{number}. {module.title}", mpage, tuple(children)))

    final = cur.final_quiz()
    if final:
        if wanted(urls.ASSESSMENT):
            site.add(
                urls.ASSESSMENT,
                env.get_template("assessment.md.j2").render(
                    quiz=build_view(final, md, urls.ASSESSMENT), course=cur.course
                ),
                "the final assessment",
            )
        site.nav.append(NavItem("Final assessment", urls.ASSESSMENT))
    site.nav.append(NavItem("Review", urls.REVIEW))
    if final:
        site.nav.append(NavItem("Certificate", urls.CERTIFICATE))
    learner.add_pages(site, env, md, cur, shared.questions)
    if cur.glossary:
        if wanted(urls.GLOSSARY):
            site.add(urls.GLOSSARY, _glossary(env, md, cur), "the glossary")
        site.nav.append(NavItem("Glossary", urls.GLOSSARY))
    site.nav += [NavItem(title, page) for title, page in extras.nav]
    for page, (text, owner) in extras.pages.items():
        if wanted(page):
            site.add(page, text, owner)
    return site


def _lesson_link(ref: LessonRef, from_page: str) -> SimpleNamespace:
    return SimpleNamespace(
        lesson=ref.lesson,
        url=relative_url(from_page, urls.lesson_page(ref.module.id, ref.lesson.id)),
    )


def _home(
    env: jinja2.Environment,
    md: MarkupRenderer,
    cur: Curriculum,
    refs: list[LessonRef],
    extras: SiteExtras,
) -> str:
    page = urls.HOME
    final = cur.final_quiz()
    modules = [
        {
            "module": m,
            "summary": md.block(m.summary, page),
            "lessons": [_lesson_link(r, page) for r in refs if r.module.id == m.id],
        }
        for m in cur.modules
    ]
    quiz_count = sum(1 for r in refs if r.lesson.quiz) + (1 if final else 0)
    return env.get_template("home.md.j2").render(
        course=cur.course,
        description=md.block(cur.course.description, page),
        modules=modules,
        lesson_count=len(refs),
        total_minutes=sum(r.lesson.duration for r in refs),
        quiz_count=quiz_count,
        final=final,
        final_url=relative_url(page, urls.ASSESSMENT),
        first_url=relative_url(page, urls.lesson_page(refs[0].module.id, refs[0].lesson.id)),
        pre_test_url=relative_url(page, urls.PRE_TEST) if cur.pre_test_quiz() else None,
        review_url=relative_url(page, urls.REVIEW),
        certificate_url=relative_url(page, urls.CERTIFICATE),
        outcomes=learner.outcomes(cur, refs),
        glossary_url=relative_url(page, urls.GLOSSARY) if cur.glossary else None,
        extra_links=[
            {"label": link.label, "url": relative_url(page, link.page), "note": link.note}
            for link in extras.home_links
        ],
        results_data=results_data(cur),
    )


def _lesson(
    env: jinja2.Environment,
    md: MarkupRenderer,
    cur: Curriculum,
    ref: LessonRef,
    module_number: int,
    refs: list[LessonRef],
    page: str,
    extras: SiteExtras,
    shared: Shared,
) -> str:
    lesson = ref.lesson
    quiz = cur.lesson_quiz(lesson)
    view = None
    if quiz:
        view, anywhere = md.anywhere(lambda: build_view(quiz, md, page))
        if anywhere and quiz.assessment is None:
            shared.questions[quiz.id] = view.questions
    return env.get_template("lesson.md.j2").render(
        lesson=lesson,
        ref=ref,
        module=ref.module,
        module_number=module_number,
        module_url=relative_url(page, urls.module_page(ref.module.id)),
        total_lessons=len(refs),
        course=cur.course,
        intro=md.block(lesson.intro, page),
        items=_items(lesson.blocks, Place(md, page, cur, lesson.id, shared)),
        quiz=view,
        next=_next(cur, refs, ref, page),
        downloads=[
            {"label": d.label, "url": relative_url(page, d.path), "size": d.size}
            for d in extras.downloads.get(lesson.id, [])
        ],
    )


@dataclass
class Shared:
    """Views made on one page that read the same from any page (no text of theirs links or
    shows media), kept for the next page that shows the same thing."""

    questions: dict[str, list[QuestionView]] = field(default_factory=dict)
    """A lesson quiz's questions by quiz id, for the Review page."""
    conversations: dict[str, Markup] = field(default_factory=dict)
    """A conversation's HTML by id, for the next lesson that holds it."""


class Place(NamedTuple):
    """Where a block is rendered: what its page-item function may look at."""

    md: MarkupRenderer
    page: str
    cur: Curriculum
    lesson_id: str
    shared: Shared


def _items(blocks: list[Any], place: Place) -> list[SimpleNamespace]:
    """Blocks as template items; a 'poor' dialogue with its 'better' one becomes a pair.
    Items are namespaces, not dicts: the template reads `item.kind`, which on a dict is
    first tried as an attribute and fails, at a cost, before the key is looked up."""
    items = []
    for group in grouped(blocks):
        views = [SimpleNamespace(**_PAGE_ITEMS[block.type](block, place)) for block in group]
        items.append(
            views[0]
            if len(views) == 1
            else SimpleNamespace(kind="pair", first=views[0], second=views[1], title=None)
        )
    return items


def _next(cur: Curriculum, refs: list[LessonRef], ref: LessonRef, page: str) -> dict[str, str]:
    """Where a learner goes after this lesson's quiz: the next lesson (of `refs`, the
    course's lessons in order), else the final assessment, else the course home."""
    if ref.number < len(refs):
        after = refs[ref.number]
        target = urls.lesson_page(after.module.id, after.lesson.id)
        return {"url": relative_url(page, target), "title": f"Next lesson: {after.lesson.title}"}
    if cur.final_quiz():
        return {"url": relative_url(page, urls.ASSESSMENT), "title": "Final assessment"}
    return {"url": relative_url(page, urls.HOME), "title": "Course home"}


PageItem = Callable[[Any, Place], dict[str, Any]]
_PAGE_ITEMS: Mapping[str, PageItem] = exhaustive(
    "page items",
    {
        "image": lambda b, p: {
            "kind": "image",
            "block": b,
            "title": None,
            "src": p.md.media_url(b.src, p.page),
        },
        "audio": lambda b, p: {
            "kind": "audio",
            "block": b,
            "title": b.title,
            "src": p.md.media_url(b.src, p.page),
            "transcript": p.md.block(b.transcript, p.page),
        },
        "text": lambda b, p: {
            "kind": "text",
            "title": b.title,
            "body": p.md.block(b.body, p.page),
        },
        "callout": lambda b, p: {
            "kind": "callout",
            "block": b,
            "title": None,
            "body": p.md.block(b.body, p.page),
        },
        "dialogue": lambda b, p: {
            "kind": "dialogue",
            "block": b,
            "title": None,
            "debrief": p.md.block(b.debrief, p.page),
        },
        "do_dont": lambda b, p: {"kind": "do_dont", "block": b, "title": b.title},
        "reflection": lambda b, p: {
            "kind": "reflection",
            "block": b,
            "title": None,
            "body": p.md.block(b.prompt, p.page),
        },
        "roleplay": lambda b, p: {
            "kind": "roleplay",
            "block": b,
            "title": None,
            "setup": p.md.block(b.setup, p.page),
            "brief": p.md.block(b.customer_brief, p.page),
            "goal": p.md.block(b.agent_goal, p.page),
        },
        "reply": lambda b, p: {
            "kind": "reply",
            "title": None,
            "reply": reply_view(b, f"{p.lesson_id}:{b.id}", p.md, p.page),
        },
        "conversation": lambda b, p: {
            "kind": "conversation",
            "title": None,
            "html": _conversation(b.conversation, p),
        },
    },
)
"""Per block kind, the item its markup (`blocks.html.j2`, or `blockhtml.py`) shows on the
lesson page."""


def _conversation(conversation_id: str, place: Place) -> Markup:
    """The conversation's HTML on the page at `place`; made once if it reads the same
    anywhere (a large course shows a few conversations in many lessons)."""
    shared = place.shared.conversations
    if conversation_id in shared:
        return shared[conversation_id]
    conv, md = place.cur.conversations[conversation_id], place.md
    view, anywhere = md.anywhere(lambda: conversation_view(conv, place.cur.skills, md, place.page))
    html = blockhtml.conversation(view, place.cur.course.id)
    if anywhere:
        shared[conversation_id] = html
    return html


def _glossary(env: jinja2.Environment, md: MarkupRenderer, cur: Curriculum) -> str:
    assert cur.glossary is not None
    page = urls.GLOSSARY
    terms = []
    for term in sorted(cur.glossary.terms, key=lambda t: t.term.casefold()):
        lessons = [
            {
                "title": cur.lessons[lid].title,
                "url": relative_url(page, urls.lesson_page(cur.module_of[lid], lid)),
            }
            for lid in term.lessons
            if lid in cur.lessons
        ]
        terms.append(
            {"term": term, "definition": md.block(term.definition, page), "lessons": lessons}
        )
    return env.get_template("glossary.md.j2").render(terms=terms)
