"""A site engine session that stays in memory and rebuilds only the pages that changed.

`mkdocs build --dirty` skips unchanged pages but leaves a partial search index and stale
navigation elsewhere. This session runs the same steps as `mkdocs build` once, keeps the
configuration, files, navigation and rendered pages, and on `update()` re-reads only the
changed Markdown, renders the pages that show it (a retitled page is also in the navigation
of its section and in its neighbours' footer links) and rewrites the search index with the
entries of those pages replaced. Used by the live preview only; `build` stays a clean build.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.errors import BuildError

log = logging.getLogger(__name__)


class LiveSite:
    """One engine session for the site described by `config_file`, built into `site_dir`."""

    def __init__(self, config_file: Path, site_dir: Path) -> None:
        from mkdocs import exceptions
        from mkdocs.config import load_config

        try:
            self.config = load_config(str(config_file), site_dir=str(site_dir))
        except (exceptions.MkDocsException, exceptions.Abort) as exc:
            raise BuildError(f"mkdocs.yml: the site engine stopped: {exc}") from None
        self.files: Any = None
        self.nav: Any = None
        self.env: Any = None

    def build(self) -> None:
        """A complete build, as `mkdocs build` does it, keeping what later updates need."""
        from mkdocs.commands import build as steps
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.utils import clean_directory

        config = self.config = self.config.plugins.on_config(self.config)
        config.plugins.on_pre_build(config=config)
        clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        for file in files.documentation_pages():
            page: Any = file.page  # every docs page has one once the navigation is built
            steps._populate_page(page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files()
        for template in config.theme.static_templates:
            steps._build_theme_template(template, env, files, config, nav)
        self.files, self.nav, self.env = files, nav, env
        self._render(files.documentation_pages())
        config.plugins.on_post_build(config=config)

    def update(self, changed: Iterable[str], titles: dict[str, str]) -> int:
        """Re-read the docs pages `changed` (docs-relative paths), apply new navigation
        `titles` (docs path -> title), and rebuild every page that shows either.
        Returns the number of pages rebuilt."""
        from mkdocs.commands import build as steps

        if self.files is None:
            raise BuildError("the preview session has no complete build to update")
        config, files = self.config, self.files
        pages = {}
        for src in changed:
            file = files.get_file_from_path(src)
            if file is not None and file.page is None:  # a data file or asset: copy it
                file.copy_file()
                continue
            if file is None:
                raise BuildError(f"the preview session does not know page {src}")
            steps._populate_page(file.page, config, files)
            pages[src] = file.page
        for src, title in titles.items():
            page = files.get_file_from_path(src).page
            page.title = title
            pages[src] = page
            for near in (page.previous_page, page.next_page, *_section_pages(page)):
                if near is not None:
                    pages[near.file.src_uri] = near
        order = [f for f in files.documentation_pages() if f.src_uri in pages]
        self._forget_search_entries({f.page.url for f in order})
        self._render(order)
        config.plugins.on_post_build(config=config)
        return len(order)

    def _render(self, files: Iterable[Any]) -> None:
        from mkdocs.commands import build as steps

        doc_files = self.files.documentation_pages()
        for file in files:
            steps._build_page(file.page, self.config, doc_files, self.nav, self.env)

    def _forget_search_entries(self, urls: set[str]) -> None:
        """Drop the search entries of pages about to be rebuilt (they add theirs again)."""
        for plugin in self.config.plugins.values():
            index = getattr(plugin, "search_index", None)
            entries = getattr(index, "entries", None)
            if isinstance(entries, list):
                entries[:] = [e for e in entries if e["location"].split("#", 1)[0] not in urls]


def _section_pages(page: Any) -> list[Any]:
    """Pages listed next to `page` in its navigation section (they show its title)."""
    parent = page.parent
    return [item for item in (parent.children if parent else []) if item.is_page]
