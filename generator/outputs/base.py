"""The contract between the build and its outputs (handouts, LMS packages, exports).

An output is planned before the pages are rendered, so pages can link to what it will make
(`SiteExtras`), and produced into the finished site after the engine ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.models import Curriculum


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
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)
    """docs path -> (Markdown, owner named in collision errors)"""
    nav: list[tuple[str, str]] = field(default_factory=list)  # (title, docs path)
    home_links: list[Link] = field(default_factory=list)


class Output(Protocol):
    """An extra product of the build (handouts, exports): planned before the pages are
    rendered, so pages can link to it, and produced into the staging site afterwards."""

    def plan(
        self, cur: Curriculum, extras: SiteExtras, *, root: Path, paper: str | None
    ) -> None: ...

    def produce(self, cur: Curriculum, site: Path, *, root: Path) -> None: ...
