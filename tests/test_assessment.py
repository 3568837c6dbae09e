"""Assessment mode: a final assessment whose page gives nothing away, drawn per attempt.

Built from tests/fixtures/assessment-course: three lessons, a final with two questions per
lesson pool, `draw: 1`, three attempts, answers shown after passing. Every feedback text in
its final starts with SECRET, so a leak is easy to spot.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Locator, Page, expect

from generator.build import BuildResult, build
from generator.quizview import quiz_version
from generator.seal import seal, seal_key, unseal
from tests.conftest import axe_serious, copy_project, serve_folder


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


SEEDED = """
(() => {
  let a = 12345;
  window.MicrolearnRandom = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
"""


def drawn_questions(form: Locator) -> list[tuple[str, str]]:
    """(question id, pool) of the questions this attempt shows, in page order."""
    expect(form).to_be_visible()
    return [
        (str(li.get_attribute("data-qid")), str(li.get_attribute("data-pool")))
        for li in form.locator("li.ml-question:visible").all()
    ]


def answer(form: Locator, version: str, right: bool) -> None:
    """Answer every shown question, rightly or wrongly, from its sealed key (as a test may)."""
    for li in form.locator("li.ml-question:visible").all():
        qid = str(li.get_attribute("data-qid"))
        key = unseal(str(li.get_attribute("data-seal")), seal_key(version, qid))
        if "p" in key:
            n = len(key["p"])
            for step, pos in key["p"].items():
                wrong = pos % n + 1
                li.locator(f"[data-key='{step}'] select").select_option(
                    str(pos if right else wrong)
                )
            continue
        keys = [str(i.get_attribute("value")) for i in li.locator("input").all()]
        chosen = key["c"] if right else [k for k in keys if k not in key["c"]][:1]
        for k in chosen:
            li.locator(f"input[value='{k}']").check()


def test_assessment_draws_one_per_lesson_new_each_attempt_up_to_the_limit(
    page: Page, drawn_url: str, drawn_build: BuildResult
) -> None:
    final = drawn_build.curriculum.final_quiz()
    assert final is not None
    version = quiz_version(final)
    page.add_init_script(SEEDED)
    page.goto(f"{drawn_url}/final-assessment.html")
    form = page.locator("form.ml-assessment")
    expect(page.locator(".ml-needs-js")).to_be_hidden()
    draws = []
    for attempt in range(1, 4):
        shown = drawn_questions(form)
        assert [pool for _, pool in shown] == ["attend", "check", "close"]
        expect(form.locator(".ml-qnum:visible").first).to_have_text("Question 1 of 3")
        draws.append([qid for qid, _ in shown])
        answer(form, version, right=False)
        form.get_by_role("button", name="Check answers").click()
        result = form.locator(".ml-result")
        expect(result).to_contain_text("0 of 3")
        expect(result).to_contain_text("The correct answers are shown once you pass")
        expect(result).to_be_focused()
        assert "SECRET" not in page.content()  # after_pass: failing shows no answers
        expect(form.locator(".ml-right-answer")).to_have_count(0)
        expect(form.locator(".ml-attempts")).to_have_text(f"Attempts used: {attempt} of 3.")
        if attempt < 3:
            form.get_by_role("button", name="Try again").click()
    assert len({tuple(d) for d in draws}) >= 2, draws  # attempts draw different questions
    expect(form.get_by_role("button", name="Try again")).to_be_hidden()
    expect(form.locator(".ml-result")).to_contain_text("You have used all 3 attempts")
    page.reload()  # the limit holds across a reload
    expect(form.get_by_role("button", name="Try again")).to_be_hidden()


def test_passing_the_assessment_shows_answers_and_feedback(
    page: Page, drawn_url: str, drawn_build: BuildResult
) -> None:
    final = drawn_build.curriculum.final_quiz()
    assert final is not None
    page.goto(f"{drawn_url}/final-assessment.html")
    form = page.locator("form.ml-assessment")
    shown = drawn_questions(form)
    answer(form, quiz_version(final), right=True)
    form.get_by_role("button", name="Check answers").click()
    expect(form.locator(".ml-result")).to_contain_text("3 of 3")
    expect(form.locator(".ml-result")).to_contain_text("Passed")
    first = form.locator(f"li[data-qid='{shown[0][0]}']")
    expect(first.locator(".ml-feedback:visible").first).to_contain_text("SECRET")
    page.reload()  # the same draw and result come back
    assert [qid for qid, _ in drawn_questions(form)] == [qid for qid, _ in shown]
    expect(form.locator(".ml-result")).to_contain_text("3 of 3")


def test_wrong_answer_shows_the_right_one_and_the_panel_leads_on(
    page: Page, drawn_url: str
) -> None:
    page.goto(f"{drawn_url}/skills/attend.html")
    form = page.locator("form.ml-quiz")
    form.get_by_label("Ending the call quickly").check()
    form.get_by_role("button", name="Check answers").click()
    result = form.locator(".ml-result")
    expect(result).to_contain_text("0 of 1")
    expect(result).to_be_focused()
    # the panel sits above the questions
    panel_y = form.locator(".ml-panel").bounding_box()
    question_y = form.locator("li.ml-question").first.bounding_box()
    assert panel_y and question_y and panel_y["y"] < question_y["y"]
    missed = form.locator(".ml-missed a")
    expect(missed).to_have_count(1)
    expect(missed).to_have_attribute("href", "#ml-attend-q1")
    right = form.locator(".ml-right-answer")
    expect(right).to_contain_text("The right answer:")
    expect(right).to_contain_text("Helping the customer feel heard")
    expect(right).to_contain_text("Practice feedback for the right attend option")
    chosen = form.get_by_label("Ending the call quickly")
    assert "Practice feedback for the wrong" in str(
        chosen.evaluate(
            "el => document.getElementById(el.getAttribute('aria-describedby')).textContent"
        )
    )
    show = form.get_by_role("button", name="Show correct answers")
    show.click()
    expect(show).to_have_attribute("aria-pressed", "true")
    expect(form.get_by_role("link", name="Next lesson: Lesson check")).to_have_attribute(
        "href", "check.html"
    )
    form.get_by_role("button", name="Try again").click()
    expect(form.locator(".ml-right-answer")).to_have_count(0)
    expect(form.locator(".ml-missed")).to_be_hidden()
    assert form.locator("[aria-describedby]").count() == 0


def plain_text(html_or_markdown: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", html_or_markdown)
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"[*_`]", "", text)))
    return " ".join(text.split())


def test_shipped_course_search_index_holds_no_feedback(course_build: BuildResult) -> None:
    index = json.loads((course_build.site_dir / "search/search_index.json").read_text())
    text = plain_text(" ".join(doc["text"] for doc in index["docs"]))
    secrets: list[str] = []
    for quiz in course_build.curriculum.quizzes.values():
        for q in quiz.questions:
            secrets += [o.feedback for o in getattr(q, "options", [])]
            secrets += [s.feedback for s in getattr(q, "steps", [])]
            secrets += [
                str(getattr(q, k, "") or "") for k in ("if_true", "if_false", "explanation")
            ]
    secrets = [plain_text(s) for s in secrets if s]
    assert len(secrets) > 500
    assert [s for s in secrets if s in text] == []
    assert "Answer and feedback" not in text and "Not correct:" not in text


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_checked_assessment_has_no_accessibility_violations(
    page: Page, drawn_url: str, drawn_build: BuildResult, scheme: str
) -> None:
    final = drawn_build.curriculum.final_quiz()
    assert final is not None
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(f"{drawn_url}/final-assessment.html")
    form = page.locator("form.ml-assessment")
    drawn_questions(form)
    answer(form, quiz_version(final), right=False)
    form.get_by_role("button", name="Check answers").click()
    expect(form.locator(".ml-result")).to_contain_text("0 of 3")
    assert axe_serious(page) == []
