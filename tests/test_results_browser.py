"""A learner downloads their results from the course home in Chromium, and the trainer's
merge reads the very file the browser saved."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from playwright.sync_api import Page, expect

from generator.build import BuildResult
from generator.cli import cli
from tests.conftest import answer_all_correctly


def test_download_my_results_then_merge(
    page: Page, mini_url: str, mini_build: BuildResult, tmp_path: Path
) -> None:
    page.goto(f"{mini_url}/basics/first-lesson.html")
    form = page.locator("form.ml-quiz")
    answer_all_correctly(form)
    form.locator(".ml-check").click()
    expect(form.locator(".ml-result")).to_contain_text("Passed")

    page.goto(f"{mini_url}/index.html")
    box = page.locator(".ml-results")
    expect(box).to_be_visible()
    box.get_by_role("button", name="Download my results").click()
    expect(box.locator(".ml-results-note")).to_contain_text("type your name")
    expect(box.get_by_label("Your name")).to_be_focused()

    box.get_by_label("Your name").fill("Ada Lovelace")
    inbox = tmp_path / "inbox"
    with page.expect_download() as json_download:
        box.get_by_role("button", name="Download my results").click()
    assert json_download.value.suggested_filename == "mini-results-ada-lovelace.json"
    json_download.value.save_as(inbox / "ada.json")
    with page.expect_download() as csv_download:
        box.get_by_role("button", name="Download as a spreadsheet (CSV)").click()
    csv_download.value.save_as(inbox / "ada.csv")

    data = json.loads((inbox / "ada.json").read_text())
    cur = mini_build.curriculum
    assert data["course"] == {"id": "mini", "title": cur.course.title, "version": None}
    assert data["learner"] == {"name": "Ada Lovelace"}
    assert [(q["id"], q["status"], q["score"]) for q in data["quizzes"]] == [
        ("first-lesson", "passed", 100),
        ("second-lesson", "not attempted", None),
        ("final", "not attempted", None),
    ]

    merged = CliRunner().invoke(
        cli, ["results", "merge", str(inbox), "-o", str(tmp_path / "results.csv")]
    )
    assert merged.exit_code == 0, merged.output
    assert "1 learner(s), 3 row(s)" in merged.output
