"""Assessment mode: a final assessment whose page gives nothing away, drawn per attempt.

Built from tests/fixtures/assessment-course: three lessons, a final with two questions per
lesson pool, `draw: 1`, three attempts, answers shown after passing. Every feedback text in
its final starts with SECRET, so a leak is easy to spot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from generator.build import BuildResult, build
from generator.quizview import quiz_version
from generator.seal import seal, seal_key, unseal
from tests.conftest import copy_project, serve_folder


@pytest.fixture(scope="module")
def drawn_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = copy_project("assessment-course", tmp_path_factory.mktemp("drawn"))
    return build(project, handouts=False)


@pytest.fixture(scope="module")
def drawn_url(drawn_build: BuildResult) -> Iterator[str]:
    yield from serve_folder(drawn_build.site_dir)


def final_page(result: BuildResult) -> str:
    return (result.site_dir / "final-assessment.html").read_text(encoding="utf-8")


def test_seal_round_trips_and_hides_the_text() -> None:
    value = {"c": ["o2"], "f": {"o1": "Caf\u00e9 <em>why</em>", "o2": "Right because"}}
    sealed = seal(value, seal_key("abc123", "q1"))
    assert unseal(sealed, seal_key("abc123", "q1")) == value
    assert "Right" not in sealed and "why" not in sealed
    assert seal(value, seal_key("abc124", "q1")) != sealed  # another version, another seal


def test_assessment_page_source_holds_no_key_and_no_feedback(drawn_build: BuildResult) -> None:
    html = final_page(drawn_build)
    quiz = drawn_build.curriculum.final_quiz()
    assert quiz is not None and quiz.assessment is not None
    assert "SECRET" not in html
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one("form.ml-assessment")
    assert form is not None and form.has_attr("hidden")
    assert form.select("[data-correct], [data-position], .ml-feedback, details") == []
    notice = soup.select_one(".ml-needs-js")
    assert notice is not None and "needs JavaScript" in notice.get_text()
    # The answers are there, sealed under the quiz version and question id.
    version = quiz_version(quiz)
    assert form["data-version"] == version
    for li in form.select("li.ml-question"):
        opened = unseal(str(li["data-seal"]), seal_key(version, str(li["data-qid"])))
        assert all(text.startswith("SECRET") for text in opened["f"].values())
        assert li["data-pool"] in {"attend", "check", "close"}
    assert "3 questions per attempt, drawn from 6" in html


def test_search_index_holds_no_feedback_of_any_quiz(drawn_build: BuildResult) -> None:
    index = (drawn_build.site_dir / "search/search_index.json").read_text(encoding="utf-8")
    assert "SECRET" not in index
    assert "Practice feedback" not in index and "Answer and feedback" not in index
    assert "Pool attend, item one" in index  # questions may stay searchable


def test_lesson_quiz_feedback_is_in_the_page_but_linked_to_no_control(
    drawn_build: BuildResult,
) -> None:
    html = (drawn_build.site_dir / "skills/attend.html").read_text(encoding="utf-8")
    assert "Practice feedback for the right attend option" in html  # checked without JS
    assert "aria-describedby" not in html
    assert re.search(r'class="ml-feedback"[^>]*data-search-exclude', html)


# ---------------------------------------------------------------- in Chromium


def ax_text(page: Page) -> str:
    """Every name, description and value the accessibility tree gives a screen reader."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    parts = []
    for node in nodes:
        if node.get("ignored"):
            continue
        for prop in ("name", "description", "value"):
            value = (node.get(prop) or {}).get("value")
            if isinstance(value, str):
                parts.append(value)
    cdp.detach()
    return "\n".join(parts)


def test_screen_reader_gets_no_feedback_before_checking(page: Page, drawn_url: str) -> None:
    page.goto(f"{drawn_url}/skills/attend.html")
    form = page.locator("form.ml-quiz")
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    before = ax_text(page)
    assert "Helping the customer feel heard" in before  # the options are there...
    assert "Practice feedback" not in before  # ...their feedback is not
    form.get_by_label("Ending the call quickly").check()
    after_choice = ax_text(page)
    assert "Practice feedback" not in after_choice  # choosing is not committing
    form.get_by_role("button", name="Check answers").click()
    expect(form.locator(".ml-feedback:visible").first).to_be_visible()
    assert "Practice feedback for the wrong attend option" in ax_text(page)


def test_without_javascript_the_assessment_asks_for_it(browser: Browser, drawn_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{drawn_url}/final-assessment.html")
    expect(page.locator(".ml-needs-js")).to_be_visible()
    expect(page.locator(".ml-needs-js")).to_contain_text("needs JavaScript")
    expect(page.locator("form.ml-quiz")).to_be_hidden()
    assert "SECRET" not in page.content()
    context.close()
