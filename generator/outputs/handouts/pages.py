"""The site pages that list the printable files: Handouts (learners) and Trainer materials.

Links are raw HTML: the PDFs are added to the site after the engine ran, so the engine must
not try to check them as documentation links.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from generator import urls
from generator.engine.pages import front_matter
from generator.markup import heading, relative_url
from generator.models import Curriculum
from generator.outputs.handouts.pdf import Rendered
from generator.outputs.handouts.plan import Printable, human_size

PAPER_NAMES = {"a4": "A4", "letter": "US Letter"}


def _link(doc: Printable, done: Rendered, page: str, label: str | None = None) -> str:
    pages = f"{done.pages} page{'s' if done.pages != 1 else ''}"
    text = label or doc.label
    return (
        f'<a href="{escape(relative_url(page, doc.path))}" download '
        f'aria-label="{escape(text)}: {escape(doc.title)}">{escape(text)}</a> '
        f'<span class="ml-size">(PDF, {human_size(done.size)}, {pages})</span>'
    )


def _table(rows: Iterable[tuple[str, list[str]]], head: list[str]) -> list[str]:
    """An HTML table; the first cell of each row is HTML already."""
    out = ["<table>", "<thead><tr>"]
    out += [f"<th>{escape(h)}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for first, cells in rows:
        out.append(f"<tr><td>{first}</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</tbody></table>")
    return out


def _lesson(cur: Curriculum, lesson_id: str, page: str, number: int | None = None) -> str:
    url = relative_url(page, urls.lesson_page(cur.module_of[lesson_id], lesson_id))
    prefix = f"{number}. " if number else ""
    return f'<a href="{escape(url)}">{prefix}{escape(cur.lessons[lesson_id].title)}</a>'


def handouts_page(
    cur: Curriculum,
    docs: list[Printable],
    done: dict[str, Rendered],
    paper: str,
    *,
    trainer_in_site: bool = False,
) -> str:
    """Markdown of the Handouts page: every learner download with its size. It mentions
    trainer materials only when they are published with the site (`trainer_in_site`)."""
    page = urls.HANDOUTS
    by_lesson = _by_lesson(docs, "handout", "worksheet", "script")
    lines = [
        "# Printable handouts",
        "",
        f"<p>Every lesson as a PDF to print ({PAPER_NAMES[paper]} paper): a handout of "
        "one or two pages with room to write, a quiz worksheet, and a role-play script for "
        "each practice conversation. The workbook holds all handouts and scripts in one "
        "file, with a cover and contents, ready for a print shop.</p>",
        "",
    ]
    for doc in docs:
        if doc.kind == "workbook":
            lines += ["## Workbook", "", f"<p>{_link(doc, done[doc.path], page)}</p>", ""]
    lines += _job_aids([d for d in docs if d.kind == "job-aid" and not d.trainer], done, page)
    for number, module in enumerate(cur.modules, 1):
        lines += [f"## Module {number}: {heading(module.title)}", ""]
        rows = []
        for lesson_id in module.lessons:
            mine = by_lesson.get(lesson_id, [])
            cells = [
                "<br>".join(_link(d, done[d.path], page) for d in mine if d.kind == kind)
                for kind in ("handout", "worksheet", "script")
            ]
            rows.append((_lesson(cur, lesson_id, page), cells))
        lines += [*_table(rows, ["Lesson", "Handout", "Quiz worksheet", "Role-play script"]), ""]
    finals = [d for d in docs if d.kind == "worksheet" and d.lesson_id is None]
    if finals:
        lines += ["## Final assessment", ""]
        lines += [f"<p>{_link(d, done[d.path], page)}</p>" for d in finals] + [""]
    if trainer_in_site:
        lines += [
            "## For trainers",
            "",
            f"<p>The facilitator guide, role-play cards and answer keys are on the "
            f'<a href="{relative_url(page, urls.TRAINER)}">trainer materials</a> page.</p>',
            "",
        ]
    return "\n".join(lines)


def trainer_page(cur: Curriculum, docs: list[Printable], done: dict[str, Rendered]) -> str:
    """Markdown of the trainer page inside the site (when the author opts in). Kept out of
    the site search."""
    return "\n".join(
        [
            *front_matter(search=False),
            "# Trainer materials",
            "",
            *_trainer_body(cur, docs, done, urls.TRAINER, links=True),
        ]
    )


def trainer_index(cur: Curriculum, docs: list[Printable], done: dict[str, Rendered]) -> str:
    """The trainer folder's own `index.html`: a plain page, no site engine, no scripts."""
    title = f"Trainer materials: {cur.course.title}"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{escape(cur.course.language)}">',
            '<head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="robots" content="noindex">',
            f"<title>{escape(title)}</title>",
            "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;"
            "padding:0 1rem}table{border-collapse:collapse;width:100%}"
            "td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left}</style>",
            "</head><body><main>",
            f"<h1>{escape(title)}</h1>",
            *_trainer_body(cur, docs, done, "index.md", links=False),
            "</main></body></html>",
            "",
        ]
    )


def _trainer_body(
    cur: Curriculum, docs: list[Printable], done: dict[str, Rendered], page: str, *, links: bool
) -> list[str]:
    """The guide and the answer keys as HTML lines (`links`: lesson titles link the site)."""
    by_lesson = _by_lesson(docs, "answer-key")
    lines = ["<p>These files contain the answers to every quiz: keep them for trainers.</p>", ""]
    for doc in docs:
        if doc.kind == "guide":
            lines += [
                "<h2>Facilitator guide</h2>",
                "<p>Agenda with timings, notes for every lesson, discussion questions, "
                "role-play cards to cut out, and all answer keys.</p>",
                f"<p>{_link(doc, done[doc.path], page)}</p>",
                "",
            ]
    lines += _job_aids([d for d in docs if d.kind == "job-aid" and d.trainer], done, page)
    lines += ["<h2>Answer keys</h2>", ""]
    rows = []
    for ref in cur.ordered_lessons():
        for doc in by_lesson.get(ref.lesson.id, []):
            first = (
                _lesson(cur, ref.lesson.id, page, ref.number)
                if links
                else f"{ref.number}. {escape(ref.lesson.title)}"
            )
            rows.append((first, [_link(doc, done[doc.path], page)]))
    for doc in docs:
        if doc.kind == "answer-key" and doc.lesson_id is None:
            rows.append((escape(doc.title), [_link(doc, done[doc.path], page)]))
    lines += [*_table(rows, ["Quiz", "Answer key"]), ""]
    return lines


def _job_aids(aids: list[Printable], done: dict[str, Rendered], page: str) -> list[str]:
    if not aids:
        return []
    return ["<h2>Job aids</h2>", "", *(f"<p>{_link(d, done[d.path], page)}</p>" for d in aids), ""]


def _by_lesson(docs: list[Printable], *kinds: str) -> dict[str, list[Printable]]:
    out: dict[str, list[Printable]] = {}
    for doc in docs:
        if doc.kind in kinds and doc.lesson_id:
            out.setdefault(doc.lesson_id, []).append(doc)
    return out
