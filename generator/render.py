"""Render the curriculum into Markdown pages for the site engine. Pure: returns text.

Pages are Markdown with headings (so the engine builds a table of contents) and raw HTML
for the richer blocks. All author Markdown goes through `MarkupRenderer` (sanitised).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import jinja2

from generator import urls
from generator.markup import MarkupRenderer, engine_text, heading, relative_url
from generator.models import (
    CalloutBlock,
    Curriculum,
    DialogueBlock,
    DoDontBlock,
    LessonRef,
    ReflectionBlock,
    RoleplayBlock,
    TextBlock,
)
from generator.quizview import build_view


@dataclass(frozen=True)
class Download:
    """A file offered for download on a page (a handout, a worksheet...)."""

    label: str
    path: str  # site-relative, e.g. 'handouts/x.pdf'
    size: str  # human-readable, e.g. '84 KB'


@dataclass(frozen=True)
class Link:
    label: str
    page: str
    note: str = ""


@dataclass
class SiteExtras:
    """What later stages add to pages: downloads per lesson and extra pages with links."""

    downloads: dict[str, list[Download]] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # docs path -> Markdown
    nav: list[tuple[str, str]] = field(default_factory=list)  # (title, docs path)
    home_links: list[Link] = field(default_factory=list)


@dataclass
class RenderedSite:
    pages: dict[str, str]
    nav: list[Any]


def environment() -> jinja2.Environment:
    """The one Jinja environment: few shared templates, autoescaping everywhere."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["heading"] = heading
    return env


def resolver(cur: Curriculum) -> Any:
    def resolve(kind: str, ident: str) -> str:
        if kind == "lesson":
            return urls.lesson_page(cur.module_of[ident], ident)
        return urls.glossary_term(ident)

    return resolve


def render_site(cur: Curriculum, extras: SiteExtras | None = None,
                only: Collection[str] | None = None) -> RenderedSite:
    """Every page of the site as Markdown text, plus the navigation. With `only` (docs paths),
    just those pages, for a preview that redoes what a save changed; the navigation is
    always complete."""
    extras = extras or SiteExtras()

    def wanted(page: str) -> bool:
        return only is None or page in only

    env = environment()
    md = MarkupRenderer(resolver(cur))
    refs = cur.ordered_lessons()
    pages: dict[str, str] = {}
    nav: list[Any] = [{"Home": urls.HOME}]

    if wanted(urls.HOME):
        pages[urls.HOME] = _home(env, md, cur, refs, extras)
    by_module: dict[str, list[LessonRef]] = {}
    for ref in refs:
        by_module.setdefault(ref.module.id, []).append(ref)
    for number, module in enumerate(cur.modules, 1):
        mpage = urls.module_page(module.id)
        mrefs = by_module.get(module.id, [])
        if wanted(mpage):
            pages[mpage] = env.get_template("module.md.j2").render(
                module=module, number=number, course_id=cur.course.id,
                summary=md.block(module.summary, mpage),
                lessons=[_lesson_link(r, mpage) for r in mrefs])
        section: list[Any] = [mpage]
        for ref in mrefs:
            page = urls.lesson_page(module.id, ref.lesson.id)
            if wanted(page):
                pages[page] = _lesson(env, md, cur, ref, number, len(refs), page, extras)
            section.append({engine_text(ref.lesson.title): page})
        nav.append({engine_text(f"{number}. {module.title}"): section})

    final = cur.final_quiz()
    if final:
        if wanted(urls.ASSESSMENT):
            pages[urls.ASSESSMENT] = env.get_template("assessment.md.j2").render(
                quiz=build_view(final, md, urls.ASSESSMENT), course=cur.course)
        nav.append({"Final assessment": urls.ASSESSMENT})
    if cur.glossary:
        if wanted(urls.GLOSSARY):
            pages[urls.GLOSSARY] = _glossary(env, md, cur)
        nav.append({"Glossary": urls.GLOSSARY})
    for title, page in extras.nav:
        nav.append({title: page})
    pages.update((page, text) for page, text in extras.pages.items() if wanted(page))
    return RenderedSite(pages, nav)


def _lesson_link(ref: LessonRef, from_page: str) -> dict[str, Any]:
    return {"lesson": ref.lesson,
            "url": relative_url(from_page, urls.lesson_page(ref.module.id, ref.lesson.id))}


def _home(env: jinja2.Environment, md: MarkupRenderer, cur: Curriculum,
          refs: list[LessonRef], extras: SiteExtras) -> str:
    page = urls.HOME
    final = cur.final_quiz()
    modules = [{"module": m, "summary": md.block(m.summary, page),
                "lessons": [_lesson_link(r, page) for r in refs if r.module.id == m.id]}
               for m in cur.modules]
    quiz_count = sum(1 for r in refs if r.lesson.quiz) + (1 if final else 0)
    return env.get_template("home.md.j2").render(
        course=cur.course, description=md.block(cur.course.description, page),
        modules=modules, lesson_count=len(refs),
        total_minutes=sum(r.lesson.duration for r in refs), quiz_count=quiz_count,
        final=final, final_url=relative_url(page, urls.ASSESSMENT),
        glossary_url=relative_url(page, urls.GLOSSARY) if cur.glossary else None,
        extra_links=[{"label": link.label, "url": relative_url(page, link.page),
                      "note": link.note} for link in extras.home_links])


def _lesson(env: jinja2.Environment, md: MarkupRenderer, cur: Curriculum, ref: LessonRef,
            module_number: int, total: int, page: str, extras: SiteExtras) -> str:
    lesson = ref.lesson
    quiz = cur.lesson_quiz(lesson)
    return env.get_template("lesson.md.j2").render(
        lesson=lesson, ref=ref, module=ref.module, module_number=module_number,
        module_url=relative_url(page, urls.module_page(ref.module.id)),
        total_lessons=total, course=cur.course, intro=md.block(lesson.intro, page),
        items=_items(lesson.blocks, md, page),
        quiz=build_view(quiz, md, page) if quiz else None,
        downloads=[{"label": d.label, "url": relative_url(page, d.path), "size": d.size}
                   for d in extras.downloads.get(lesson.id, [])])


def _items(blocks: list[Any], md: MarkupRenderer, page: str) -> list[dict[str, Any]]:
    """Blocks as template items; a 'poor' dialogue followed by a 'better' one becomes a pair."""
    items: list[dict[str, Any]] = []
    for block in blocks:
        if isinstance(block, DialogueBlock):
            item = {"kind": "dialogue", "block": block, "title": None,
                    "debrief": md.block(block.debrief, page)}
            prev = items[-1] if items else None
            if (block.quality == "better" and prev and prev["kind"] == "dialogue"
                    and prev["block"].quality == "poor"):
                items[-1] = {"kind": "pair", "first": prev, "second": item, "title": None}
            else:
                items.append(item)
        elif isinstance(block, TextBlock):
            items.append({"kind": "text", "title": block.title, "body": md.block(block.body, page)})
        elif isinstance(block, CalloutBlock):
            items.append({"kind": "callout", "block": block, "title": None,
                          "body": md.block(block.body, page)})
        elif isinstance(block, DoDontBlock):
            items.append({"kind": "do_dont", "block": block, "title": block.title})
        elif isinstance(block, ReflectionBlock):
            items.append({"kind": "reflection", "block": block, "title": None,
                          "body": md.block(block.prompt, page)})
        elif isinstance(block, RoleplayBlock):
            items.append({"kind": "roleplay", "block": block, "title": None,
                          "setup": md.block(block.setup, page),
                          "brief": md.block(block.customer_brief, page),
                          "goal": md.block(block.agent_goal, page)})
    return items


def _glossary(env: jinja2.Environment, md: MarkupRenderer, cur: Curriculum) -> str:
    assert cur.glossary is not None
    page = urls.GLOSSARY
    terms = []
    for term in sorted(cur.glossary.terms, key=lambda t: t.term.casefold()):
        lessons = [{"title": cur.lessons[lid].title,
                    "url": relative_url(page, urls.lesson_page(cur.module_of[lid], lid))}
                   for lid in term.lessons if lid in cur.lessons]
        terms.append({"term": term, "definition": md.block(term.definition, page),
                      "lessons": lessons})
    return env.get_template("glossary.md.j2").render(terms=terms)
