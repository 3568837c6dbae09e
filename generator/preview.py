"""The live preview's pipeline: the steps of `build`, redoing only what a save changed.

The first run is a complete build without PDFs and the LMS package. After a save:
- only changed files are parsed again (`FileCache`); cross-file checks run on the whole
  course, since an error anywhere must stop the preview;
- a changed lesson or quiz renders only the pages that show it (its page, its module page,
  the home page, the glossary); any other change renders every page;
- the engine session rebuilds only the pages whose Markdown or navigation title changed
  (`engine.live`); a new navigation shape or engine config starts a fresh session;
- lint runs last, after the changed pages are out (its warnings do not block a preview).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import lint, media, urls
from generator.engine.live import LiveSite
from generator.engine.pages import engine_nav
from generator.engine.userconfig import EngineDumper, read_user_config
from generator.engine.write import Staging, engine_config, write_staging
from generator.errors import ContentError, Problem
from generator.filecache import FileCache
from generator.loader import Source, load
from generator.models import Curriculum, Lesson
from generator.outputs.base import SiteExtras
from generator.render import render_site
from generator.validate import assemble, check

log = logging.getLogger(__name__)


@dataclass
class Update:
    """What one run did."""

    full: bool  # every page rendered and built
    pages: int  # pages the engine built
    warnings: list[Problem] = field(default_factory=list)


class PreviewPipeline:
    """Builds `project` into `site_dir`, keeping what the next save can reuse."""

    def __init__(self, project: Path, site_dir: Path, work: Path) -> None:
        self.project = project.resolve()
        self.site_dir = site_dir
        self.staging = Staging(work)
        self.cache = FileCache()
        self._source: Source | None = None
        self._cur: Curriculum | None = None
        self._pages: dict[str, str] = {}
        self._shape: Any = None
        self._titles: dict[str, str] = {}
        self._config = ""
        self._live: LiveSite | None = None

    def run(self) -> Update:
        """Build what changed since the last run; raises ContentError on errors (the site
        in `site_dir` is then left as it was)."""
        source = load(self.project, self.cache)
        user, config_problems = read_user_config(self.project)
        problems = source.problems + check(source) + config_problems
        errors = sorted(p for p in problems if p.severity == "error")
        if errors or source.course is None:
            raise ContentError(errors)
        cur = assemble(source)
        config = yaml.dump(
            engine_config(user, cur.course, [], self.staging.docs),
            Dumper=EngineDumper,
            sort_keys=False,
        )
        fresh = self._live is None or config != self._config
        only = None if fresh else self._affected(source)
        site = render_site(cur, SiteExtras(), only)
        nav = engine_nav(site.nav)
        shape, titles = _shape(nav)
        if only is None or shape != self._shape:
            update = self._build_all(render_site(cur) if only is not None else site, cur)
        else:
            update = self._update(site.pages, titles)
        media.sync(cur.media, self.site_dir)  # a new or changed image needs no page rebuilt
        self._source, self._cur, self._config = source, cur, config
        self._shape, self._titles = shape, titles
        update.warnings = [p for p in problems if p.severity == "warning"]
        return update

    def lint(self, stop: Callable[[], bool] | None = None) -> list[Problem]:
        """Lint warnings of the course last built (run after the pages are out); `stop`
        is asked between rules, to give way to the next save."""
        if self._cur is None or self._source is None:
            return []
        return lint.run(self._cur, self._source, stop)

    def _build_all(self, site: Any, cur: Curriculum) -> Update:
        staging = write_staging(self.project, self.staging.root, site, cur.course)
        media.sync(cur.media, staging.docs)
        self._live = LiveSite(staging.config, self.site_dir)
        self._live.build()
        self._pages = dict(site.pages)
        return Update(full=True, pages=len(site.pages))

    def _update(self, rendered: Mapping[str, str], titles: dict[str, str]) -> Update:
        assert self._live is not None
        changed = sorted(p for p, text in rendered.items() if self._pages.get(p) != text)
        for page in changed:
            (self.staging.docs / page).write_text(rendered[page], encoding="utf-8")
            self._pages[page] = rendered[page]
        retitled = {p: t for p, t in titles.items() if self._titles.get(p) != t}
        built = self._live.update(changed, retitled) if changed or retitled else 0
        return Update(full=False, pages=built)

    def _affected(self, source: Source) -> set[str] | None:
        """Pages a change of lessons and quizzes alone can alter; None if anything else
        changed (course, modules, glossary, files added or removed)."""
        old = self._source
        if old is None or set(old.docs) != set(source.docs) or old.module_of != source.module_of:
            return None
        pages: set[str] = set()
        owner = {lesson.quiz: lid for lid, lesson in source.lessons.items() if lesson.quiz}
        final = source.course.final_assessment if source.course else None
        for (kind, ident), doc in source.docs.items():
            if doc is old.docs[(kind, ident)]:
                continue
            if kind == "lesson":
                module = source.module_of[ident]
                pages.add(urls.lesson_page(module, ident))
                if _listed(old.lessons[ident]) != _listed(source.lessons[ident]):
                    pages |= {urls.module_page(module), urls.HOME, urls.GLOSSARY}
            elif kind == "quiz" and (ident in owner or ident == final):
                if ident in owner:
                    pages.add(urls.lesson_page(source.module_of[owner[ident]], owner[ident]))
                if ident == final:
                    pages.add(urls.ASSESSMENT)
            elif kind != "quiz":  # an unused quiz shows nowhere
                return None
        return pages


def _listed(lesson: Lesson) -> tuple[Any, ...]:
    """What the module page, the home page and the glossary show of a lesson."""
    return lesson.title, lesson.duration, lesson.quiz, lesson.objectives


def _shape(nav: list[Any]) -> tuple[Any, dict[str, str]]:
    """The navigation without page titles (sections keep theirs: every page shows them),
    and the title of every page."""
    shape: list[Any] = []
    titles: dict[str, str] = {}
    for entry in nav:
        ((title, value),) = entry.items()
        if isinstance(value, list):
            children = [value[0]]
            for child in value[1:]:
                ((child_title, page),) = child.items()
                titles[page] = child_title
                children.append(page)
            shape.append((title, tuple(children)))
        else:
            titles[value] = title
            shape.append(value)
    return tuple(shape), titles
