"""The learner's way through a course, in Chromium: start and continue, marks in the
navigation, spaced review with a faked clock, the pre-test comparison, the certificate,
progress carried to another device in a file, and the pages' accessibility, contrast and
focus ring in both schemes.

Every test starts with empty storage (a fresh browser context) on the mini course.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Page, expect

from generator.build import BuildResult, build
from tests.conftest import answer_all_correctly, copy_project, serve_folder

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LESSON = "basics/first-lesson.html"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PREFIX = "microlearn:v1:mini:"
PALETTE = """
theme:
  name: material
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      accent: deep orange
      toggle: {icon: material/weather-night, name: Switch to dark mode}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: deep orange
      toggle: {icon: material/weather-sunny, name: Switch to light mode}
  features: [navigation.prune]
"""


@pytest.fixture(scope="session")
def mini_palette_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mini course with the shipped course's light and dark schemes."""
    project = copy_project("mini-course", tmp_path_factory.mktemp("palette"))
    (project / "mkdocs.yml").write_text("site_name: Mini Course Site" + PALETTE, encoding="utf-8")
    yield from serve_folder(build(project, handouts=False).site_dir)


def check_quiz(page: Page) -> None:
    page.locator("form.ml-quiz").get_by_role("button", name="Check answers").click()


def pass_quiz(page: Page, url: str) -> None:
    page.goto(url)
    form = page.locator("form.ml-quiz")
    retry = form.get_by_role("button", name="Try again")
    if retry.is_visible():
        retry.click()
    answer_all_correctly(form)
    check_quiz(page)
    expect(form.locator(".ml-result")).to_contain_text("Passed")


def miss_first_question(page: Page, url: str) -> None:
    """Every question right except q1, where a wrong option is chosen."""
    page.goto(url)
    form = page.locator("form.ml-quiz")
    answer_all_correctly(form)
    form.locator("li[data-qid='q1'] input:not([data-correct])").first.check()
    check_quiz(page)
    expect(form.locator(".ml-result")).to_contain_text("4 of 5")


def course_entries(page: Page) -> dict[str, object]:
    return page.evaluate(  # type: ignore[no-any-return]
        """p => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith(p))
             .map(k => [k, JSON.parse(localStorage.getItem(k))]))""",
        PREFIX,
    )


def review_items(page: Page) -> dict[str, dict[str, int]]:
    return course_entries(page).get(PREFIX + "review", {"items": {}})["items"]  # type: ignore[index,no-any-return]


# ---------------------------------------------------------------- cover and navigation


def test_start_becomes_continue_with_the_last_lesson_opened(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/index.html")
    start = page.locator(".ml-start")
    expect(start).to_have_text("Start the course")
    expect(start).to_have_attribute("href", LESSON)
    page.goto(f"{mini_url}/basics/second-lesson.html")
    page.goto(f"{mini_url}/index.html")
    expect(start).to_have_text("Continue: Second lesson")
    start.click()
    expect(page).to_have_url(f"{mini_url}/basics/second-lesson.html")
    page.goto(f"{mini_url}/index.html")
    expect(page.locator(".ml-module-progress")).to_have_text("0 of 2 lessons done")
    pass_quiz(page, f"{mini_url}/{LESSON}")
    page.goto(f"{mini_url}/index.html")
    expect(page.locator(".ml-module-progress")).to_have_text("1 of 2 lessons done")
    expect(start).to_have_text("Continue: First lesson")


def test_navigation_marks_visited_and_passed_lessons_in_words(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/basics/second-lesson.html")
    nav = page.locator(".md-nav--primary")
    first = nav.locator("a.md-nav__link[href$='first-lesson.html']")
    second = nav.locator("a.md-nav__link[href$='second-lesson.html']")
    expect(second.locator(".ml-navmark")).to_have_text("• (visited)")
    expect(first.locator(".ml-navmark")).to_have_count(0)
    pass_quiz(page, f"{mini_url}/{LESSON}")
    expect(first.locator(".ml-navmark")).to_have_text("✓ (quiz passed)")
    # the words are there for screen readers, the tick is hidden from them
    expect(first.locator(".ml-navmark .ml-sr-only")).to_have_text(" (quiz passed)")
    expect(first.locator(".ml-navmark [aria-hidden='true']")).to_have_text("✓")
    module = nav.locator("a.md-nav__link[href='index.html'] .ml-navmark")
    expect(module).to_have_text("• (started)")
    pass_quiz(page, f"{mini_url}/basics/second-lesson.html")
    expect(module).to_have_text("✓ (done)")
    expect(second.locator(".ml-navmark")).to_have_text("✓ (quiz passed)")


# ---------------------------------------------------------------- review


def test_a_missed_question_comes_back_in_review_and_moves_boxes(page: Page, mini_url: str) -> None:
    page.clock.set_fixed_time(T0)
    miss_first_question(page, f"{mini_url}/{LESSON}")
    assert review_items(page) == {
        "first-lesson/q1": {"box": 1, "due": int((T0 + timedelta(days=1)).timestamp() * 1000)}
    }
    page.goto(f"{mini_url}/review.html")
    expect(page.locator(".ml-review-item")).to_have_count(0)  # not due the same day
    expect(page.locator(".ml-review-list")).to_contain_text("next one comes back tomorrow")

    page.clock.set_fixed_time(T0 + timedelta(days=1, hours=1))
    page.goto(f"{mini_url}/index.html")
    expect(page.locator(".ml-review-due")).to_have_text("1 item due for review")
    page.goto(f"{mini_url}/review.html")
    item = page.locator(".ml-review-item[data-ref='first-lesson/q1']")
    expect(item).to_contain_text("Box 1 of 5")
    item.locator("input:not([data-correct])").first.check()  # wrong again
    item.get_by_role("button", name="Check").click()
    expect(item).to_contain_text("✗ Not quite.")
    expect(item.locator(".ml-review-right")).to_contain_text("Attend")  # the right answer
    expect(item).to_contain_text("Now in box 1: due tomorrow.")

    page.clock.set_fixed_time(T0 + timedelta(days=2, hours=2))
    page.goto(f"{mini_url}/review.html")
    item.get_by_label("Attend", exact=True).check()
    item.get_by_role("button", name="Check").click()
    expect(item).to_contain_text("✓ Correct.")
    expect(item).to_contain_text("Now in box 2: due in 3 days.")
    assert review_items(page)["first-lesson/q1"]["box"] == 2

    page.clock.set_fixed_time(T0 + timedelta(days=4))
    page.goto(f"{mini_url}/review.html")
    expect(page.locator(".ml-review-item")).to_have_count(0)
    page.clock.set_fixed_time(T0 + timedelta(days=5, hours=3))
    page.goto(f"{mini_url}/review.html")
    expect(page.locator(".ml-review-item")).to_have_count(1)


def test_the_final_assessment_never_feeds_review(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/final-assessment.html")
    form = page.locator("form.ml-quiz")
    form.locator("input:not([data-correct])").first.check()
    form.locator("li[data-qid='f2'] input").first.check()
    check_quiz(page)
    assert review_items(page) == {}


def test_review_data_holds_practice_questions_only(mini_build: BuildResult) -> None:
    text = (mini_build.site_dir / "assets/microlearn/review-data.js").read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.MicrolearnReviewData = ").rstrip(";\n"))
    quizzes = {q["ref"].split("/")[0] for q in data["questions"]}
    assert quizzes == {"first-lesson", "second-lesson"}
    assert {c["ref"] for c in data["cards"]} >= {"term:paraphrase", "takeaways:first-lesson"}


def test_flashcards_turn_over_and_are_scheduled(page: Page, mini_url: str) -> None:
    page.clock.set_fixed_time(T0)
    page.goto(f"{mini_url}/review.html")
    card = page.locator(".ml-flashcard[data-ref='term:paraphrase']")
    expect(card).to_contain_text("What does “Paraphrase” mean?")
    card.get_by_role("button", name="Turn over").click()
    expect(card).to_contain_text("in your own words")
    card.get_by_role("button", name="I knew it").click()
    expect(card).to_contain_text("Now in box 2: due in 3 days.")
    assert review_items(page)["term:paraphrase"]["box"] == 2


# ---------------------------------------------------------------- pre-test and certificate


def test_pre_test_score_is_compared_with_the_final(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/index.html")
    page.get_by_role("link", name="Check what you know first").click()
    expect(page).to_have_url(f"{mini_url}/pre-test.html")
    form = page.locator("form.ml-quiz")
    answer_all_correctly(form)
    form.locator("li[data-qid='w1'] input:not([data-correct])").check()
    check_quiz(page)
    page.goto(f"{mini_url}/index.html")
    expect(page.locator(".ml-growth")).to_be_hidden()  # no final yet
    pass_quiz(page, f"{mini_url}/final-assessment.html")
    page.goto(f"{mini_url}/index.html")
    expect(page.locator(".ml-growth")).to_have_text("Pre-test 50% → Final 100%")
    expect(page.locator(".ml-final-state")).to_have_text("passed with 100%")
    assert review_items(page) == {}  # the pre-test's misses are not practice


def test_certificate_appears_only_after_passing_and_prints_on_one_landscape_page(
    page: Page, mini_url: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    page.clock.set_fixed_time(T0)
    page.goto(f"{mini_url}/certificate.html")
    expect(page.locator(".ml-cert-locked")).to_be_visible()
    expect(page.locator(".ml-cert-form")).to_be_hidden()
    page.goto(f"{mini_url}/final-assessment.html")
    form = page.locator("form.ml-quiz")
    form.locator("li[data-qid='f1'] input:not([data-correct])").check()
    form.locator("li[data-qid='f2'] input:not([data-correct])").first.check()
    check_quiz(page)  # failed: still locked
    page.goto(f"{mini_url}/certificate.html")
    expect(page.locator(".ml-cert-form")).to_be_hidden()
    expect(page.locator(".ml-certificate")).to_be_hidden()

    pass_quiz(page, f"{mini_url}/final-assessment.html")
    page.goto(f"{mini_url}/index.html")
    expect(page.locator(".ml-cert-link")).to_be_visible()
    page.goto(f"{mini_url}/certificate.html")
    page.get_by_label("Your name").fill("  Ada   Lovelace ")
    page.get_by_role("button", name="Show my certificate").click()
    cert = page.locator(".ml-certificate")
    expect(cert.locator(".ml-cert-name")).to_have_text("Ada Lovelace")
    expect(cert.locator(".ml-cert-course")).to_have_text("Mini Course")
    expect(cert.locator(".ml-cert-score")).to_have_text("100%")
    expect(cert.locator(".ml-cert-date")).to_have_text("2026-03-02")
    code = cert.locator(".ml-cert-code").inner_text()
    expected = page.evaluate(
        "MicrolearnProgressCore.verificationCode('', 'Ada Lovelace', '2026-03-02')"
    )
    assert code == expected and len(code) == 9

    pdf = tmp_path / "certificate.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    pages = PdfReader(pdf).pages
    assert len(pages) == 1
    box = pages[0].mediabox
    assert box.width > box.height  # landscape
    text = pages[0].extract_text()
    assert "Ada Lovelace" in text and code in text and "Print or save" not in text


# ---------------------------------------------------------------- progress in a file


def some_progress(page: Page, mini_url: str) -> None:
    page.clock.set_fixed_time(T0)
    miss_first_question(page, f"{mini_url}/{LESSON}")
    page.locator("textarea[data-ml-note]").first.fill("My note")
    page.clock.set_fixed_time(T0 + timedelta(minutes=5))
    page.goto(f"{mini_url}/basics/second-lesson.html")
    page.goto(f"{mini_url}/index.html")


def test_export_clear_import_restores_the_same_state(
    page: Page, mini_url: str, tmp_path: Path
) -> None:
    some_progress(page, mini_url)
    before = course_entries(page)
    assert {k.split(":")[3] for k in before} == {"quiz", "visit", "note", "review"}
    with page.expect_download() as info:
        page.get_by_role("button", name="Save progress to a file").click()
    file = tmp_path / info.value.suggested_filename
    info.value.save_as(file)
    assert file.name == "mini-progress-2026-03-02.json"

    page.evaluate("localStorage.clear()")
    page.reload()
    expect(page.locator(".ml-start")).to_have_text("Start the course")
    page.locator(".ml-import").set_input_files(file)
    expect(page.locator(".ml-transfer-message")).to_contain_text("Loaded 5 progress entries")
    assert course_entries(page) == before
    expect(page.locator(".ml-start")).to_have_text("Continue: Second lesson")


@pytest.mark.parametrize(
    "content",
    [
        b"not json at all {",
        b'{"format": "something-else", "version": 1}',
        b'{"format": "microlearn-progress", "version": 1, "course": "other", "entries": {}}',
        b"\xff\xfe\x00garbage",
    ],
    ids=["not-json", "other-format", "other-course", "binary"],
)
def test_a_bad_file_shows_an_error_and_keeps_the_current_state(
    page: Page, mini_url: str, tmp_path: Path, content: bytes
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    some_progress(page, mini_url)
    before = course_entries(page)
    bad = tmp_path / "progress.json"
    bad.write_bytes(content)
    page.locator(".ml-import").set_input_files(bad)
    message = page.get_by_role("alert")
    expect(message).to_contain_text("Nothing was loaded")
    expect(message).to_contain_text("Your current progress is unchanged.")
    assert course_entries(page) == before
    assert errors == []


# ---------------------------------------------------------------- accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", ["index.html", LESSON, "review.html", "certificate.html"])
def test_no_accessibility_violations_best_practices_included(
    page: Page, mini_palette_url: str, which: str, scheme: Literal["light", "dark"]
) -> None:
    mini_url = mini_palette_url
    assert AXE.is_file(), "axe-core missing: run `make test` (npm ci installs it)"
    page.emulate_media(color_scheme=scheme)
    page.clock.set_fixed_time(T0)
    miss_first_question(page, f"{mini_url}/{LESSON}")  # a checked quiz, a marked nav
    pass_quiz(page, f"{mini_url}/final-assessment.html")
    page.clock.set_fixed_time(T0 + timedelta(days=2))  # a review item is due
    page.goto(f"{mini_url}/{which}")
    if which == "certificate.html":
        page.get_by_label("Your name").fill("Ada Lovelace")
        page.get_by_role("button", name="Show my certificate").click()
    if which == "review.html":
        expect(page.locator(".ml-review-item")).to_have_count(1)
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", "slate" if scheme == "dark" else "default"
    )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']})"
    )
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} ({len(v['nodes'])}x, e.g. "
        f"{v['nodes'][0]['target']})"
        for v in result["violations"]
    ]
    assert found == []


def luminance(rgb: str) -> float:
    parts = [int(x) / 255 for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_ring_stands_out_from_the_page(
    page: Page, mini_palette_url: str, scheme: Literal["light", "dark"]
) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{mini_palette_url}/index.html")
    page.locator(".ml-start").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    ring = page.locator(".ml-start").evaluate("e => getComputedStyle(e).outlineColor")
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert contrast(ring, bg) >= 3, (ring, bg)


def test_dark_scheme_links_in_cards_reach_4_5_to_1(page: Page, mini_palette_url: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(f"{mini_palette_url}/index.html")
    link = page.locator(".ml-module-card a").first
    color = link.evaluate("e => getComputedStyle(e).color")
    assert contrast(color, "rgb(41, 44, 52)") >= 4.5  # #292c34, a card on the slate page
