"""The cmi5 package, unpacked and launched in Chromium by a stand-in cmi5 LMS and LRS
(tests/cmi5lms.py): what the LRS records is what the learner did, and every statement keeps
the cmi5 rules (`problems()` names any rule broken)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, FrameLocator, Locator, Page, expect

from generator.build import BuildResult
from generator.outputs.lms import package_path
from tests.cmi5lms import AU_VERBS, Cmi5LMS, Session, session_problems
from tests.conftest import answer_all_correctly
from tests.test_lms import answer_all_wrongly, check

FINAL = "final-assessment"


@pytest.fixture(scope="module")
def lms(mini_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cmi5LMS]:
    package = zipfile.ZipFile(mini_build.site_dir / package_path(mini_build.curriculum, "cmi5"))
    yield from Cmi5LMS(package, tmp_path_factory.mktemp("cmi5")).serve()


@pytest.fixture(autouse=True)
def rules_kept(lms: Cmi5LMS) -> Iterator[None]:
    yield
    assert lms.problems() == []


def visit(course: FrameLocator, title: str) -> None:
    course.get_by_role("link", name=title).first.click()
    expect(course.locator("h1")).to_contain_text(title)


def final_form(course: FrameLocator) -> Locator:
    form = course.locator("form.ml-quiz.ml-js[data-quiz='final']")
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    return form


def pass_final(lms: Cmi5LMS, page: Page, learner: str) -> None:
    """Launch the assessment's AU and pass it."""
    form = final_form(lms.launch(page, learner, FINAL))
    answer_all_correctly(form)
    check(form, "Passed")
    lms.wait_for(lambda s: "passed" in s.verbs())


def test_a_module_au_is_completed_once_its_lessons_are_opened(page: Page, lms: Cmi5LMS) -> None:
    course = lms.launch(page, "ann", "basics")
    expect(course.locator("h1")).to_contain_text("First lesson")  # the AU's first page
    session = lms.wait_for(lambda s: s.verbs() == ["initialized"])
    assert "completed" not in session.verbs()
    visit(course, "Second lesson")
    lms.wait_for(lambda s: "completed" in s.verbs())
    session = lms.leave(page)
    assert session.verbs() == ["initialized", "completed", "terminated"]
    assert session.last("completed")["result"]["completion"] is True
    assert session.last("terminated")["result"]["duration"].startswith("PT")
    saved = lms.progress(session)
    assert saved["visited"] == [0, 1] and saved["sent"]["completed"] is True


def test_the_assessment_au_is_passed_with_its_score(page: Page, lms: Cmi5LMS) -> None:
    pass_final(lms, page, "bob")
    passed = lms.session().last("passed")
    assert passed["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100}
    assert passed["result"]["success"] is True
    session = lms.leave(page)
    assert session.verbs() == ["initialized", "completed", "passed", "terminated"]


def test_a_failure_is_sent_when_the_session_ends_and_a_retry_can_still_pass(
    page: Page, lms: Cmi5LMS
) -> None:
    course = lms.launch(page, "cat", FINAL)
    form = final_form(course)
    answer_all_wrongly(form)
    check(form, "Not passed")
    lms.wait_for(lambda s: "completed" in s.verbs())
    session = lms.leave(page)
    assert session.verbs() == ["initialized", "completed", "failed", "terminated"]
    failed = session.last("failed")
    assert failed["result"]["success"] is False and failed["result"]["score"]["scaled"] == 0
    # the next launch, same registration: the learner passes; nothing is completed twice
    course = lms.launch(page, "cat", FINAL)
    form = course.locator("form.ml-quiz.ml-js[data-quiz='final']")
    expect(form.locator(".ml-result")).to_contain_text("Not passed")  # from the LRS
    form.locator(".ml-retry").click()
    answer_all_correctly(form)
    check(form, "Passed")
    lms.wait_for(lambda s: "passed" in s.verbs())
    assert lms.leave(page).verbs() == ["initialized", "passed", "terminated"]


def test_a_relaunch_resumes_from_the_lrs_in_another_browser(
    page: Page, browser: Browser, lms: Cmi5LMS
) -> None:
    course = lms.launch(page, "dan", "basics")
    expect(course.locator("h1")).to_contain_text("First lesson")
    lms.wait_for(lambda s: (lms.progress(s) or {}).get("visited") == [0])
    assert lms.leave(page).verbs() == ["initialized", "terminated"]
    other = browser.new_context()  # nothing in its storage: the progress comes from the LRS
    try:
        second = other.new_page()
        course = lms.launch(second, "dan", "basics")
        expect(course.locator("h1")).to_contain_text("First lesson")  # the bookmark
        visit(course, "Second lesson")  # the last lesson not yet opened
        lms.wait_for(lambda s: "completed" in s.verbs())
        assert lms.leave(second).verbs() == ["initialized", "completed", "terminated"]
    finally:
        other.close()


def test_a_pass_shows_on_relaunch_and_is_never_sent_twice(
    page: Page, browser: Browser, lms: Cmi5LMS
) -> None:
    pass_final(lms, page, "eve")
    lms.leave(page)
    other = browser.new_context()
    try:
        second = other.new_page()
        course = lms.launch(second, "eve", FINAL)
        expect(course.locator("h1")).to_contain_text("Final check")
        course.get_by_role("link", name="Mini Course Site").first.click()
        expect(course.locator(".ml-status[data-quiz='final']").first).to_have_text("✓ Passed")
        assert lms.leave(second).verbs() == ["initialized", "terminated"]
    finally:
        other.close()


def test_exit_terminates_and_returns_to_the_lms(page: Page, lms: Cmi5LMS) -> None:
    course = lms.launch(page, "fay", "basics", returning=True)
    expect(course.locator("h1")).to_contain_text("First lesson")
    page.get_by_role("button", name="Exit").click()
    expect(page.get_by_role("heading", name="Back in the LMS")).to_be_visible()
    session = lms.wait_for(lambda s: "terminated" in s.verbs())
    assert session.verbs() == ["initialized", "terminated"]


def test_browse_mode_records_no_completion(page: Page, lms: Cmi5LMS) -> None:
    course = lms.launch(page, "gus", "basics", mode="Browse")
    expect(course.locator("h1")).to_contain_text("First lesson")
    visit(course, "Second lesson")
    lms.wait_for(lambda s: (lms.progress(s) or {}).get("visited") == [0, 1])
    assert lms.leave(page).verbs() == ["initialized", "terminated"]


def test_a_token_already_handed_out_is_told_and_nothing_is_sent(page: Page, lms: Cmi5LMS) -> None:
    course = lms.launch(page, "hal", "basics", fetch_error=True)
    notice = page.get_by_role("alert")
    expect(notice).to_contain_text("did not let this course record your progress")
    expect(notice).to_contain_text("error 1, The authorization token has already been returned.")
    expect(course.locator("h1")).to_contain_text("First lesson")  # the course still opens
    page.goto("about:blank")
    assert lms.session().statements == []


def test_an_au_the_package_does_not_have_is_told(page: Page, lms: Cmi5LMS) -> None:
    course = lms.launch(page, "ida", "basics", url="cmi5.html?au=no-such-module")
    expect(page.get_by_role("alert")).to_contain_text('This package has no unit "no-such-module"')
    expect(course.locator("h1")).to_contain_text("Mini Course")
    assert lms.session().statements == []


def test_the_learner_is_told_when_the_lrs_refuses_statements(page: Page, lms: Cmi5LMS) -> None:
    lms.full = True
    try:
        course = lms.launch(page, "kim", "basics")
        expect(course.locator("h1")).to_contain_text("First lesson")
        notice = page.get_by_role("alert")
        expect(notice).to_contain_text("did not save your progress")
        expect(notice).to_contain_text("statements: HTTP 503")
    finally:
        lms.full = False
    assert lms.leave(page).verbs() == ["initialized", "terminated"]  # nothing lost


def test_launch_data_the_package_cannot_use_is_told(page: Page, lms: Cmi5LMS) -> None:
    course = lms.launch(page, "jo", "basics", launch_data={"launchMode": "Play"})
    notice = page.get_by_role("alert")
    expect(notice).to_contain_text('launch data: launchMode "Play"')
    expect(notice).to_contain_text("Your progress is not recorded.")
    expect(course.locator("h1")).to_contain_text("First lesson")
    page.goto("about:blank")
    assert lms.session().statements == []


# ---------------------------------------------------------------- the checker itself


def test_the_checker_names_each_rule_a_statement_breaks(lms: Cmi5LMS) -> None:
    """The rules above could pass by never looking: a session with broken statements must
    fail each rule by name."""
    au = lms.aus[FINAL]
    session = Session(au, "zed", "00000000-0000-4000-8000-000000000000", "act", "Normal", "t")
    verb = {v: k for k, v in AU_VERBS.items()}
    good = {
        "id": "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed",
        "timestamp": "2026-01-01T00:00:00Z",
        "actor": session.actor,
        "object": {"id": "act"},
        "context": {
            "registration": session.registration,
            "contextActivities": {"category": [{"id": "x"}], "grouping": [{"id": au.id}]},
            "extensions": {},
        },
    }
    session.statements = [
        {
            **good,
            "verb": {"id": verb["passed"]},
            "result": {"score": {"scaled": 0.2}, "success": True},
        },
        {**good, "verb": {"id": verb["completed"]}, "result": {"success": True}},
        {**good, "verb": {"id": verb["terminated"]}, "actor": {"name": "x"}, "object": {"id": "y"}},
        {**good, "verb": {"id": "http://example.com/verbs/liked"}},
    ]
    found = "\n".join(session_problems(session))
    for rule in (
        "7.1.1 initialized first",
        "7.1.2 terminated last",
        "9.2 actor equals the launch actor",
        "9.3 verb IRI from the cmi5 list",
        "9.4 object id is the activityId",
        "9.6.2.1 cmi5 category activity",
        "9.6.2.2 moveOn category",
        "9.6.3.1 session id extension",
        "9.5.4 result.duration",
        "completed: 9.5.2 success",
        "completed: 9.5.3 completion",
        "agrees with masteryScore 0.5",
        "9.6.3.2 masteryScore extension",
    ):
        assert rule in found, rule
