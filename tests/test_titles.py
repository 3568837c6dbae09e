"""A title shows exactly as the author typed it, wherever the theme prints it."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from generator.build import build
from tests.conftest import copy_project

TYPED = 'Fish &lt;&amp; "chips" <b>'


def test_typed_entities_and_quotes_are_shown_as_typed(tmp_path: Path) -> None:
    project = copy_project("mini-course", tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "    - navigation.prune", "    - navigation.prune\n    - navigation.footer"
        )
    )
    lesson = project / "content" / "basics" / "second-lesson.yaml"
    lesson.write_text(
        lesson.read_text().replace("title: Second lesson", "title: 'Fish &lt;&amp; \"chips\" <b>'")
    )
    site = build(project, handouts=False).site_dir
    page = BeautifulSoup((site / "basics" / "second-lesson.html").read_text(), "html.parser")
    assert page.title is not None and page.title.get_text().startswith(TYPED + " - ")
    assert page.select_one("article h1").get_text(strip=True) == TYPED  # type: ignore[union-attr]
    nav = [a.get_text(" ", strip=True) for a in page.select(".md-nav__link")]
    assert TYPED in nav
    before = BeautifulSoup((site / "basics" / "first-lesson.html").read_text(), "html.parser")
    footer = before.select_one("a.md-footer__link--next")
    assert footer is not None and footer["aria-label"] == f"Next: {TYPED}"
    assert page.select("b") == []
