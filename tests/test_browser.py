"""The quiz as a learner uses it, in Debian's Chromium driven by Playwright.

The site is served on 127.0.0.1; every test gets a fresh browser context (empty storage).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from generator import urls
from generator.build import BuildResult
from generator.models import Curriculum, Lesson, Quiz
from tests.conftest import answer_all_correctly, axe_serious

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def lesson_path(cur: Curriculum, lesson: Lesson) -> str:
    return urls.html_path(urls.lesson_page(cur.module_of[lesson.id], lesson.id))


def first_lesson(build: BuildResult) -> tuple[Lesson, Quiz]:
    ref = build.curriculum.ordered_lessons()[0]
    quiz = build.curriculum.lesson_quiz(ref.lesson)
    assert quiz is not None
    return ref.lesson, quiz


def test_wrong_answer_shows_that_options_feedback(
    page: Page, mini_url: str, mini_build: BuildResult
) -> None:
    quiz = mini_build.curriculum.quizzes["first-lesson"]
    page.goto(f"{mini_url}/basics/first-lesson.html")
    form = page.locator("form.ml-quiz")
    answer_all_correctly(form)
    wrong = quiz.questions[0].options[0]  # type: ignore[union-attr]
    q1 = form.locator("li[data-qid='q1']")
    q1.get_by_label(wrong.text, exact=True).check()
    form.get_by_role("button", name="Check answers").click()

    feedback = q1.locator(".ml-option", has=page.get_by_label(wrong.text, exact=True)).locator(
        ".ml-feedback"
    )
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text(wrong.feedback)
    expect(q1.locator(".ml-verdict")).to_contain_text("Not quite")
    # feedback of options the learner did not choose stays hidden
    expect(q1.locator(".ml-feedback:visible")).to_have_count(1)
    expect(form.locator(".ml-result")).to_contain_text("4 of 5")
    expect(form.locator(".ml-result")).to_contain_text("Not passed yet")


def test_right_answers_pass_and_progress_shows_on_home(
    page: Page, course_url: str, course_build: BuildResult
) -> None:
    lesson, quiz = first_lesson(course_build)
    page.goto(f"{course_url}/{lesson_path(course_build.curriculum, lesson)}")
    form = page.locator("form.ml-quiz")
    answer_all_correctly(form)
    form.get_by_role("button", name="Check answers").click()
    n = len(quiz.questions)
    expect(form.locator(".ml-result")).to_have_text(
        f"You answered {n} of {n} questions correctly (100%). "
        f"Passed: the pass mark is {quiz.pass_mark}%."
    )
    expect(form.locator(".ml-result")).to_be_focused()
    expect(form.locator(".ml-verdict").first).to_have_text("✓ Correct.")

    page.goto(f"{course_url}/index.html")
    expect(page.locator(f".ml-status[data-quiz='{quiz.id}']")).to_have_text("✓ Passed")
    expect(page.locator(".ml-progress-text")).to_contain_text("1 of ")


def test_reload_restores_answers_and_results(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/basics/first-lesson.html")
    form = page.locator("form.ml-quiz")
    q1 = form.locator("li[data-qid='q1']")
    q1.get_by_label("Attend", exact=True).check()
    page.reload()
    expect(q1.get_by_label("Attend", exact=True)).to_be_checked()
    expect(form.locator(".ml-result")).to_have_text("")

    answer_all_correctly(form)
    form.get_by_role("button", name="Check answers").click()
    order_before = form.locator("li[data-qid='q1'] input").evaluate_all(
        "els => els.map(e => e.value)"
    )
    page.reload()
    expect(form.locator(".ml-result")).to_contain_text("5 of 5")
    expect(form.get_by_role("button", name="Try again")).to_be_visible()
    expect(form.get_by_role("button", name="Check answers")).to_be_hidden()
    assert (
        form.locator("li[data-qid='q1'] input").evaluate_all("els => els.map(e => e.value)")
        == order_before
    )


def test_retry_clears_answers(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/basics/first-lesson.html")
    form = page.locator("form.ml-quiz")
    answer_all_correctly(form)
    form.get_by_role("button", name="Check answers").click()
    form.get_by_role("button", name="Try again").click()
    expect(form.locator("input:checked")).to_have_count(0)
    expect(form.locator(".ml-feedback:visible")).to_have_count(0)
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    expect(form.locator("input").first).to_be_enabled()


def test_unanswered_questions_are_named(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/basics/first-lesson.html")
    form = page.locator("form.ml-quiz")
    form.get_by_role("button", name="Check answers").click()
    expect(form.locator(".ml-result")).to_have_text(
        "Please answer every question first. Still open: question 1, 2, 3, 4, 5."
    )


def test_quiz_can_be_completed_with_the_keyboard_only(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/basics/first-lesson.html")
    form = page.locator("form.ml-quiz")
    # Start where a keyboard user arrives after tabbing through the lesson: the first control.
    form.locator("input, select").first.focus()
    for question in form.locator("li.ml-question").all():
        kind = question.get_attribute("data-type")
        if kind == "ordering":
            for step in question.locator(".ml-step").all():
                expect(step.locator("select")).to_be_focused()
                page.keyboard.type(step.get_attribute("data-position") or "")
                page.keyboard.press("Tab")
        elif kind == "multiple":
            for box in question.locator("input").all():
                expect(box).to_be_focused()
                if box.get_attribute("data-correct") is not None:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
        else:  # a radio group is one tab stop; arrow keys move and select
            radios = question.locator("input").all()
            expect(radios[0]).to_be_focused()
            target = next(
                i for i, r in enumerate(radios) if r.get_attribute("data-correct") is not None
            )
            if target == 0:
                page.keyboard.press("Space")
            for _ in range(target):
                page.keyboard.press("ArrowDown")
            expect(radios[target]).to_be_checked()
            page.keyboard.press("Tab")
    check = form.get_by_role("button", name="Check answers")
    expect(check).to_be_focused()
    page.keyboard.press("Enter")
    expect(form.locator(".ml-result")).to_contain_text("Passed")


def test_no_request_leaves_the_site(page: Page, course_url: str, course_build: BuildResult) -> None:
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
    lesson, _ = first_lesson(course_build)
    for path in [
        "index.html",
        lesson_path(course_build.curriculum, lesson),
        urls.html_path(urls.GLOSSARY),
        urls.html_path(urls.ASSESSMENT),
    ]:
        page.goto(f"{course_url}/{path}")
        page.wait_for_load_state("networkidle")
    page.locator(".md-search__input").click()
    page.keyboard.type("paraphrase")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert hosts == {urlparse(course_url).netloc}


def test_without_javascript_answers_are_in_details(browser: object, mini_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{mini_url}/basics/first-lesson.html")
    q1 = page.locator("li[data-qid='q1']")
    expect(q1.get_by_role("button", name="Check answers")).to_have_count(0)
    q1.locator("details.ml-answer summary").click()
    expect(q1.locator("details.ml-answer")).to_contain_text("Correct: Attend")
    expect(q1.locator("details.ml-answer")).to_contain_text("Attention comes first")
    context.close()


def test_phone_width_has_no_sideways_scroll(
    browser: object, course_url: str, course_build: BuildResult
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    page = context.new_page()
    lesson, _ = first_lesson(course_build)
    page.goto(f"{course_url}/{lesson_path(course_build.curriculum, lesson)}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    context.close()


@pytest.mark.parametrize(
    "which", ["home", "lesson", "lesson-checked", "lesson-checked-dark", "glossary"]
)
def test_no_serious_accessibility_violations(
    page: Page, course_url: str, course_build: BuildResult, which: str
) -> None:
    assert AXE.is_file(), "axe-core missing: run `make test` (npm ci installs it)"
    lesson, _ = first_lesson(course_build)
    path = {"home": "index.html", "glossary": urls.html_path(urls.GLOSSARY)}.get(
        which, lesson_path(course_build.curriculum, lesson)
    )
    if which.endswith("-dark"):
        page.emulate_media(color_scheme="dark")
    page.goto(f"{course_url}/{path}")
    if which.startswith("lesson-checked"):
        form = page.locator("form.ml-quiz")
        answer_all_correctly(form)
        form.locator("li.ml-question").first.locator("input").last.check()
        form.get_by_role("button", name="Check answers").click()
    assert axe_serious(page) == []


def test_printed_lesson_has_no_navigation_and_no_spoilers(
    page: Page, mini_url: str, tmp_path: Path
) -> None:
    """Print from the browser before checking: questions print, feedback and answers don't
    (a checked quiz prints with its answers: see test_site_fixes_browser)."""
    from pypdf import PdfReader

    page.goto(f"{mini_url}/basics/first-lesson.html")
    form = page.locator("form.ml-quiz")
    answer_all_correctly(form)
    pdf = tmp_path / "lesson.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Put the loop in order." in text  # questions are printed
    assert "What comes first in the loop?" in text
    assert "Attention comes first" not in text  # per-option feedback is not
    assert "Answer and feedback" not in text  # nor the no-JavaScript answer key
    assert "You answered" not in text  # nor the score
    assert "Check answers" not in text
    assert "Table of contents" not in text  # navigation is hidden
    assert "Search" not in text
