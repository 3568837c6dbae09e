"""The runtime cannot be wedged: damaged storage, two tabs, full or disabled storage.

Each test listens for uncaught errors (`pageerror`) and fails on any.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.conftest import answer_all_correctly

LESSON = "basics/first-lesson.html"
QUIZ = "first-lesson"

STORAGE_DISABLED = """
Object.defineProperty(window, 'localStorage', {
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }
});
"""
STORAGE_FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
};
"""
# A fixed random source, so each shuffle is known to differ from the one before.
SEEDED_RANDOM = """
(function () {
  var seed = 42;
  Math.random = function () { seed = (seed * 16807) % 2147483647; return (seed - 1) / 2147483646; };
})();
"""


def watch_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def quiz_key(page: Page) -> str:
    form = page.locator("form.ml-quiz")
    return f"microlearn:v1:{form.get_attribute('data-course')}:quiz:{QUIZ}"


def store(page: Page, key: str, value: object) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(value)])


def stored(page: Page, key: str) -> dict[str, object]:
    return json.loads(page.evaluate("k => localStorage.getItem(k)", key))  # type: ignore[no-any-return]


def answer_wrongly(questions: list[Locator]) -> None:
    """One wrong option in every choice question (ordering steps in place): a sure fail."""
    for question in questions:
        if question.get_attribute("data-type") == "ordering":
            for step in question.locator(".ml-step").all():
                step.locator("select").select_option(step.get_attribute("data-position"))
        else:
            question.locator("input:not([data-correct])").first.check()


def check(page: Page) -> None:
    page.locator("form.ml-quiz").get_by_role("button", name="Check answers").click()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.mark.parametrize(
    "damage",
    [
        {"order": None, "answers": {"q1": 5}, "checked": True},
        {
            "order": {"q1": "abc", "q2": [1, 2]},
            "answers": {"q4": ["1"], "q2": {"a": 3}},
            "score": "x",
        },
        {
            "order": {"q1": ["zz", "yy"]},
            "answers": None,
            "checked": True,
            "score": 100,
            "passed": 1,
        },
        "not an object",
    ],
)
def test_damaged_state_of_this_version_does_not_break_the_quiz(
    page: Page, mini_url: str, damage: object
) -> None:
    errors = watch_errors(page)
    page.goto(f"{mini_url}/{LESSON}")
    key = quiz_key(page)
    version = page.locator("form.ml-quiz").get_attribute("data-version")
    value = {**damage, "version": version} if isinstance(damage, dict) else damage
    store(page, key, value)
    page.reload()
    form = page.locator("form.ml-quiz")
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    answer_all_correctly(form)
    check(page)
    expect(form.locator(".ml-result")).to_contain_text("5 of 5")
    assert stored(page, key)["passed"] is True
    page.goto(f"{mini_url}/index.html")
    expect(page.locator(f".ml-status[data-quiz='{QUIZ}']").first).to_have_text("✓ Passed")
    assert errors == []


def test_home_never_shows_an_undefined_percent(page: Page, mini_url: str) -> None:
    errors = watch_errors(page)
    page.goto(f"{mini_url}/index.html")
    course = page.locator(".ml-progress").get_attribute("data-course")
    store(
        page,
        f"microlearn:v1:{course}:quiz:{QUIZ}",
        {"version": "x", "checked": True, "last": "failed"},
    )
    page.reload()
    status = page.locator(f".ml-status[data-quiz='{QUIZ}']").first
    expect(status).to_have_text("Tried: 0%")
    assert errors == []


def test_two_tabs_answering_one_quiz_keep_the_pass(context: BrowserContext, mini_url: str) -> None:
    first, second = context.new_page(), context.new_page()
    errors = watch_errors(first) + watch_errors(second)
    for tab in (first, second):
        tab.goto(f"{mini_url}/{LESSON}")
    # the second tab is midway through an attempt when the first one passes
    second.locator("li[data-qid='q1'] input:not([data-correct])").first.check()
    answer_all_correctly(first.locator("form.ml-quiz"))
    check(first)
    expect(first.locator(".ml-result")).to_contain_text("Passed")
    # the other tab's page follows: its progress mark updates, its answers stay
    expect(second.locator(f".ml-status[data-quiz='{QUIZ}']")).to_have_text("✓ Passed")
    expect(second.locator("li[data-qid='q1'] input:checked")).to_have_count(1)
    # it then fails; the pass stays
    form = second.locator("form.ml-quiz")
    answer_wrongly(form.locator("li.ml-question").all()[1:])
    check(second)
    expect(form.locator(".ml-result")).to_contain_text("Not passed yet")
    key = quiz_key(second)
    assert stored(second, key)["passed"] is True
    expect(first.locator(f".ml-status[data-quiz='{QUIZ}']")).to_have_text("✓ Passed")
    second.goto(f"{mini_url}/index.html")
    expect(second.locator(f".ml-status[data-quiz='{QUIZ}']").first).to_have_text("✓ Passed")
    assert errors == []


def test_a_checked_attempt_in_one_tab_shows_in_the_other(
    context: BrowserContext, mini_url: str
) -> None:
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(f"{mini_url}/{LESSON}")
    answer_all_correctly(first.locator("form.ml-quiz"))
    check(first)
    expect(second.locator("form.ml-quiz .ml-result")).to_contain_text("5 of 5")
    expect(second.get_by_role("button", name="Try again")).to_be_visible()


def open_lesson(context: BrowserContext, url: str, script: str) -> tuple[Page, list[str]]:
    """The lesson in a new tab whose pages all run `script` first, and its uncaught errors."""
    context.add_init_script(script)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto(f"{url}/{LESSON}")
    return page, errors


def test_storage_disabled_gives_no_uncaught_error(context: BrowserContext, mini_url: str) -> None:
    page, errors = open_lesson(context, mini_url, STORAGE_DISABLED)
    form = page.locator("form.ml-quiz")
    answer_all_correctly(form)
    check(page)
    expect(form.locator(".ml-result")).to_contain_text("5 of 5")
    expect(page.locator(".ml-storage-notice")).to_contain_text("does not let the course save")
    form.get_by_role("button", name="Try again").click()
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    page.goto(f"{mini_url}/index.html")
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset my progress").click()
    expect(page.locator(".ml-progress-text")).to_contain_text("0 of ")
    assert errors == []


def test_a_full_storage_tells_the_learner(context: BrowserContext, mini_url: str) -> None:
    page, errors = open_lesson(context, mini_url, STORAGE_FULL)
    notice = page.locator(".ml-storage-notice")  # opening the lesson already saves a visit
    page.locator("li[data-qid='q1'] input").first.check()
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("storage for this site is full")
    expect(notice).to_have_attribute("role", "status")
    expect(page.locator(".ml-storage-notice")).to_have_count(1)
    page.locator("li[data-qid='q2'] input").first.check()
    expect(page.locator(".ml-storage-notice")).to_have_count(1)
    assert errors == []


def test_try_again_reshuffles(context: BrowserContext, mini_url: str) -> None:
    page, errors = open_lesson(context, mini_url, SEEDED_RANDOM)
    form = page.locator("form.ml-quiz")

    def order() -> list[list[str]]:
        found: list[list[str]] = form.locator("li.ml-question").evaluate_all(
            "qs => qs.map(q => [...q.querySelectorAll('.ml-option input, .ml-step')]"
            ".map(e => e.value || e.dataset.key))"
        )
        return found

    answer_all_correctly(form)
    check(page)
    before = order()
    form.get_by_role("button", name="Try again").click()
    assert order() != before
    page.reload()
    after_reload = order()
    form.get_by_role("button", name="Check answers").wait_for()
    assert after_reload == order()
    assert errors == []


def test_a_pass_saved_without_a_storage_event_is_kept(page: Page, mini_url: str) -> None:
    # a storage event can be missed (the page was loading, another window of the browser):
    # saving merges with what is stored instead of overwriting it
    page.goto(f"{mini_url}/{LESSON}")
    key = quiz_key(page)
    version = page.locator("form.ml-quiz").get_attribute("data-version")
    store(page, key, {"version": version, "passed": True, "best": 100, "last": "passed"})
    form = page.locator("form.ml-quiz")
    answer_wrongly(form.locator("li.ml-question").all())
    check(page)
    expect(form.locator(".ml-result")).to_contain_text("Not passed yet")
    assert stored(page, key)["passed"] is True
    assert stored(page, key)["best"] == 100
