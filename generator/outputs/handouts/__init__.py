"""Printable handouts: the build output that turns the same YAML into PDFs.

Per lesson a learner handout (at most two pages) and a quiz worksheet; for the course a
learner workbook; for trainers an answer key per quiz and a facilitator guide. `plan()` runs
before the site is rendered: it renders the PDFs (or takes them from the cache) because the
pages show their sizes. `produce()` copies the learner files into the finished site, and
`produce_trainer()` the trainer files into their own folder (`site-trainer/`), unless the
author publishes them with the site (`trainer_in_site: true` in microlearn.yaml).
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from generator import urls
from generator.errors import MicrolearnError, Problem
from generator.models import Curriculum
from generator.outputs.base import Download, Link, SiteExtras
from generator.outputs.handouts import html, pages, qr, views
from generator.outputs.handouts.pdf import Cache, Job, PdfRenderer, Rendered
from generator.outputs.handouts.plan import Printable, documents, human_size

log = logging.getLogger(__name__)
CACHE = Path(".microlearn") / "cache" / "handouts"
MAX_HANDOUT_PAGES = 2


class HandoutOutput:
    """Plans, renders and publishes every printable file of a course."""

    def __init__(self, site_url: str | None = None, *, trainer_in_site: bool = False) -> None:
        self.site_url = site_url
        self.trainer_in_site = trainer_in_site
        self.files: dict[str, Rendered] = {}  # site-relative path -> rendered PDF
        self.levels: dict[str, int] = {}  # lesson id -> how condensed its handout is
        self.docs: list[Printable] = []

    def plan(
        self, cur: Curriculum, extras: SiteExtras, *, root: Path, paper: str | None = None
    ) -> None:
        """Render (or fetch from the cache) every PDF and add the links and pages to the site."""
        paper = paper or cur.course.paper
        docs = documents(cur)
        source = html.HtmlRenderer(cur, qr.site_url(self.site_url, cur.course.url))
        cache = Cache(root / CACHE, html.stylesheet(paper))
        started = time.perf_counter()
        with PdfRenderer(cache) as renderer:
            # Handouts first: the workbook prints each lesson as condensed as its handout.
            handouts = [d for d in docs if d.kind == "handout"]
            done = renderer.render(
                [Job(d.path, source.variants(d), MAX_HANDOUT_PAGES) for d in handouts],
                "Rendering PDFs (lesson handouts)",
            )
            levels = {d.lesson_id or "": done[d.path].variant for d in handouts}
            self.levels = levels
            done |= renderer.render(
                [
                    Job(d.path, source.variants(d, levels), d.pages)
                    for d in docs
                    if d.kind != "handout"
                ],
                "Rendering PDFs (worksheets, keys, guides, workbook)",
            )
        cache.prune()
        log.info(
            "handouts: %d PDFs rendered, %d from cache (%.1f s)",
            renderer.rendered,
            renderer.cached,
            time.perf_counter() - started,
        )
        for doc in handouts:
            if done[doc.path].pages > MAX_HANDOUT_PAGES:
                log.warning(
                    "handout of lesson '%s' has %d pages (aim for %d): shorten the "
                    "lesson's text blocks or dialogues",
                    doc.lesson_id,
                    done[doc.path].pages,
                    MAX_HANDOUT_PAGES,
                )
        for doc in docs:
            if doc.pages and done[doc.path].pages > doc.pages:
                log.warning(
                    "job aid '%s' takes %d pages even in the smallest type (aim for %d): "
                    "shorten content/%s",
                    doc.title,
                    done[doc.path].pages,
                    doc.pages,
                    doc.source,
                )
        self.files = {d.path: done[d.path] for d in docs}
        self.docs = docs
        self._link(cur, extras, docs, paper)

    def notes(self, cur: Curriculum) -> list[Problem]:
        """What the planned handouts print shorter than the lesson pages, as information
        located in the lesson files (shown with -v; never an error)."""
        return [
            cur.lesson_docs[lesson_id].problem(
                path, f"lesson '{lesson_id}': {message}", rule="handout-summary", severity="info"
            )
            for lesson_id, level in sorted(self.levels.items())
            if lesson_id in cur.lesson_docs
            for path, message in views.shortened(cur.lessons[lesson_id], level)
        ]

    def produce(self, cur: Curriculum, site_dir: Path, *, root: Path) -> None:
        """Copy the learner PDFs into the built site (the trainer files too when opted in)."""
        self._copy(site_dir, trainer=self.trainer_in_site)

    def produce_trainer(self, cur: Curriculum, folder: Path) -> bool:
        """Write the trainer files and their index page into `folder`; False (nothing
        written) when they are published inside the site instead."""
        if self.trainer_in_site or not self.docs:
            return False
        folder.mkdir(parents=True, exist_ok=True)
        self._copy(folder, trainer=True, learner=False)
        trainer_docs = [d for d in self.docs if d.trainer]
        (folder / "index.html").write_text(
            pages.trainer_index(cur, trainer_docs, self.files), encoding="utf-8"
        )
        return True

    def _copy(self, folder: Path, *, trainer: bool, learner: bool = True) -> None:
        for doc in sorted(self.docs, key=lambda d: d.path):
            if not (trainer if doc.trainer else learner):
                continue
            target = folder / doc.path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.files[doc.path].file, target)

    def _link(self, cur: Curriculum, extras: SiteExtras, docs: list[Printable], paper: str) -> None:
        for doc in docs:
            if doc.lesson_id and not doc.trainer:
                size = human_size(self.files[doc.path].size)
                extras.downloads.setdefault(doc.lesson_id, []).append(
                    Download(doc.label, doc.path, size)
                )
        extras.pages[urls.HANDOUTS] = (
            pages.handouts_page(cur, docs, self.files, paper, trainer_in_site=self.trainer_in_site),
            "the handouts page",
        )
        if self.trainer_in_site:
            extras.pages[urls.TRAINER] = (
                pages.trainer_page(cur, docs, self.files),
                "the trainer page",
            )
        extras.nav.append(("Handouts", urls.HANDOUTS))
        extras.home_links.append(
            Link(
                "Printable handouts",
                urls.HANDOUTS,
                "a handout and a quiz worksheet for every lesson, and a workbook to print",
            )
        )


def measure(cur: Curriculum, root: Path) -> list[Problem]:
    """What the handouts print shorter than the lesson pages (`validate -v`): renders them,
    or takes them from the cache the build shares."""
    output = HandoutOutput()
    try:
        output.plan(cur, SiteExtras(), root=root)
    except MicrolearnError as exc:  # e.g. the PDF libraries are missing: say so, go on
        return [
            Problem(
                "content/course.yaml",
                1,
                1,
                f"handouts not measured: {exc}",
                "info",
                "handout-summary",
            )
        ]
    return output.notes(cur)


__all__ = ["HandoutOutput", "measure"]
