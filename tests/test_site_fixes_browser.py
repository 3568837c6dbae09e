"""Measured site problems stay fixed: dialogue alignment, the 404 page
under a sub-path, the sitemap, the search index's weight, and a checked quiz on paper.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Page, expect

from generator.build import BuildResult
from tests.conftest import answer_all_correctly

LESSON = "basics/first-lesson.html"


@pytest.mark.parametrize("media", ["screen", "print"])
def test_dialogue_text_is_left_aligned(
    page: Page, mini_url: str, media: Literal["screen", "print"]
) -> None:
    page.emulate_media(media=media)
    page.goto(f"{mini_url}/{LESSON}")
    for selector in (".ml-dialogue", ".ml-dialogue figcaption", ".ml-line p", ".ml-debrief"):
        align = page.locator(selector).first.evaluate("e => getComputedStyle(e).textAlign")
        assert align in ("left", "start"), (selector, align)


def test_no_empty_sitemap_without_a_site_url(mini_build: BuildResult) -> None:
    assert not (mini_build.site_dir / "sitemap.xml").exists()
    assert not (mini_build.site_dir / "sitemap.xml.gz").exists()


@pytest.fixture
def sub_path_site(mini_build: BuildResult, tmp_path: Path) -> Iterator[str]:
    """The site in a sub-folder of a server that answers every miss with its 404 page."""
    shutil.copytree(mini_build.site_dir, tmp_path / "courses" / "mini")
    not_found = (tmp_path / "courses" / "mini" / "404.html").read_bytes()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def send_error(
            self, code: int, message: str | None = None, explain: str | None = None
        ) -> None:
            if code != 404:
                super().send_error(code, message, explain)
                return
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(not_found)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(tmp_path))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("missing", ["courses/mini/nope.html", "courses/mini/basics/a/b.html"])
def test_404_page_keeps_styles_and_links_under_a_sub_path(
    page: Page, sub_path_site: str, missing: str
) -> None:
    page.goto(f"{sub_path_site}/{missing}")
    header = page.locator(".md-header").evaluate("e => getComputedStyle(e).position")
    assert header in ("sticky", "fixed")  # Material's stylesheet loaded
    home = page.locator(".md-nav--primary a.md-nav__link").first
    assert home.evaluate("a => a.href") == f"{sub_path_site}/courses/mini/index.html"


def test_search_index_waits_until_search_is_opened(page: Page, course_url: str) -> None:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(f"{course_url}/index.html")
    page.wait_for_load_state("networkidle")
    assert not [u for u in asked if "search_index" in u]
    page.keyboard.press("/")
    page.locator(".md-search__input").fill("paraphrase")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert [u for u in asked if "search_index" in u]


def test_checked_quiz_prints_with_its_answers(page: Page, mini_url: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    page.goto(f"{mini_url}/{LESSON}")
    form = page.locator("form.ml-quiz")
    answer_all_correctly(form)
    form.locator("li[data-qid='q1'] input:not([data-correct])").first.check()
    form.get_by_role("button", name="Check answers").click()
    pdf = tmp_path / "checked.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "You answered 4 of 5" in text
    assert "Not quite" in text
    assert "Try again" not in text
