"""An assessment-mode final (questions drawn per attempt, answers sealed) under scorm-again:
the LMS gets the result the runtime stored for this attempt, never one re-scored from the
page or carried over from an earlier LMS attempt."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from generator.build import build
from generator.outputs.lms import package_path
from generator.quizview import quiz_version
from generator.seal import seal_key, unseal
from tests.conftest import copy_project
from tests.scormlms import Learner, ScormLMS


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ScormLMS, str]]:
    result = build(copy_project("assessment-course", tmp_path_factory.mktemp("a")), handouts=False)
    final = result.curriculum.final_quiz()
    assert final is not None and final.assessment is not None
    package = zipfile.ZipFile(result.site_dir / package_path(result.curriculum))
    for lms in ScormLMS(package, tmp_path_factory.mktemp("lms")).serve():
        yield lms, quiz_version(final)


def answer(form: Locator, version: str, *, right: bool) -> None:
    """Answer the drawn questions, right or wrong, from their sealed keys."""
    drawn = [q for q in form.locator("li.ml-question").all() if q.is_visible()]
    assert drawn
    for q in drawn:
        qid = q.get_attribute("data-qid") or ""
        key = unseal(q.get_attribute("data-seal") or "", seal_key(version, qid))
        if "p" in key:  # ordering: {step key: position}
            steps = q.locator(".ml-step").all()
            for step in steps:
                place = key["p"][step.get_attribute("data-key")]
                step.locator("select").select_option(
                    str(place if right else place % len(steps) + 1)
                )
            continue
        inputs = q.locator("input").all()
        if right:
            for box in inputs:
                if box.get_attribute("value") in key["c"]:
                    box.check()
        else:
            next(b for b in inputs if b.get_attribute("value") not in key["c"]).check()


def percent(form: Locator) -> str:
    text = form.locator(".ml-result").inner_text()
    found = re.search(r"\((\d+)%\)", text)
    assert found, text
    return found.group(1)


def test_the_lms_gets_the_stored_result_of_this_attempt(
    page: Page, drawn: tuple[ScormLMS, str]
) -> None:
    lms, version = drawn
    learner = Learner("jo")
    course = lms.launch(page, learner)
    course.get_by_role("link", name="Final assessment").first.click()
    form = course.locator("form.ml-quiz.ml-js[data-quiz='final']")
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    answer(form, version, right=False)
    form.get_by_role("button", name="Check answers").click()
    expect(form.locator(".ml-result")).to_contain_text("Not passed")
    data = lms.wait_for(lambda d: d.get("cmi.core.lesson_status") == "failed")
    assert data["cmi.core.score.raw"] == percent(form)
    form.locator(".ml-retry").click()
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    answer(form, version, right=True)
    form.get_by_role("button", name="Check answers").click()
    expect(form.locator(".ml-result")).to_contain_text("Passed")
    data = lms.wait_for(lambda d: d.get("cmi.core.lesson_status") == "passed")
    assert data["cmi.core.score.raw"] == percent(form) == "100"
    lms.leave(page, learner)
    # the LMS starts a new attempt: the earlier pass does not count in it
    course = lms.launch(page, learner)
    course.get_by_role("link", name="Final assessment").first.click()
    form = course.locator("form.ml-quiz.ml-js[data-quiz='final']")
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    expect(form.locator(".ml-result")).to_have_text("")
    answer(form, version, right=False)
    form.get_by_role("button", name="Check answers").click()
    expect(form.locator(".ml-result")).to_contain_text("Not passed")
    data = lms.wait_for(lambda d: d.get("cmi.core.lesson_status") != "incomplete")
    assert data["cmi.core.lesson_status"] == "failed"
    assert data["cmi.core.score.raw"] == percent(form)
