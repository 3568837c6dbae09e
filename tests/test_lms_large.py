"""A generated course of 300 lessons, each with a quiz, run under scorm-again: every lesson
visited and every quiz answered keeps the learner's progress within SCORM 1.2's 4,096
characters of suspend_data, and visiting every lesson completes a course without a final."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from generator.build import BuildResult, build
from generator.outputs.lms import package_path, suspend
from tests.scormlms import Learner, ScormLMS

LESSONS = 300
PER_MODULE = 30

COURSE = """id: large
title: Large Course
language: en
audience: Test readers.
description: A generated course with one quiz per lesson.
modules: [{modules}]
"""
MODULE = """id: {id}
title: Module {n}
summary: Generated lessons.
lessons: [{lessons}]
"""
LESSON = """id: {id}
title: Lesson {n}
duration: 2
objectives:
  - id: explain
    text: Explain point {n}.
intro: Point {n} of the course.
blocks:
  - type: text
    body: Point {n} is explained here in a few words.
takeaways: [One., Two., Three.]
trainer_notes:
  timing: 5
quiz: {id}
"""
QUIZ = """id: {id}
title: "Check {n}"
pass_mark: 50
questions:
  - id: q1
    type: single
    objective: explain
    prompt: Which answer is right for point {n}?
    options:
      - text: The right one
        correct: true
        feedback: Yes.
      - text: The wrong one
        feedback: No.
"""


def generate(root: Path) -> Path:
    modules = [f"m{m:02d}" for m in range(LESSONS // PER_MODULE)]
    (root / "quizzes").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "content" / "course.yaml").write_text(COURSE.format(modules=", ".join(modules)))
    for m, module in enumerate(modules):
        ids = [f"l{m * PER_MODULE + i:03d}" for i in range(PER_MODULE)]
        folder = root / "content" / module
        folder.mkdir()
        (folder / "module.yaml").write_text(
            MODULE.format(id=module, n=m + 1, lessons=", ".join(ids))
        )
        for lesson in ids:
            n = int(lesson[1:]) + 1
            (folder / f"{lesson}.yaml").write_text(LESSON.format(id=lesson, n=n))
            (root / "quizzes" / f"{lesson}.yaml").write_text(QUIZ.format(id=lesson, n=n))
    (root / "mkdocs.yml").write_text(  # no search: 300 lesson loads stay quick
        "site_name: Large\ntheme:\n  name: material\n  font: false\nplugins: []\n"
    )
    return root


@pytest.fixture(scope="module")
def large_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(generate(tmp_path_factory.mktemp("large") / "course"), handouts=False)


@pytest.fixture(scope="module")
def lms(large_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScormLMS]:
    package = zipfile.ZipFile(large_build.site_dir / package_path(large_build.curriculum))
    yield from ScormLMS(package, tmp_path_factory.mktemp("lms")).serve()


# Inside the launch page: load every lesson in the course frame and answer its quiz, even
# lessons right and odd ones wrong (both are recorded), as a learner's clicks would.
ANSWER_EVERY_QUIZ = """async (pages) => {
  const frame = document.getElementById("ml-course");
  for (let i = 0; i < pages.length; i++) {
    await new Promise((done) => {
      frame.addEventListener("load", done, { once: true });
      frame.src = pages[i];
    });
    const form = frame.contentDocument.querySelector("form.ml-quiz.ml-js");
    form.querySelector(i % 2 ? "input:not([data-correct])" : "input[data-correct]").checked = true;
    form.querySelector(".ml-check").click();
    if (!/pass mark/.test(form.querySelector(".ml-result").textContent)) throw new Error(pages[i]);
  }
}"""


def test_every_quiz_of_300_answered_fits_suspend_data(
    page: Page, lms: ScormLMS, large_build: BuildResult
) -> None:
    cur = large_build.curriculum
    pages = [f"{r.module.id}/{r.lesson.id}.html" for r in cur.ordered_lessons()]
    assert len(pages) == LESSONS
    lms.launch(page, Learner("quinn"))
    launch = page.frame(url=re.compile(r"/package/scorm\.html"))
    assert launch is not None
    launch.wait_for_function("document.getElementById('ml-course').src !== ''")
    assert lms.wait_for(lambda d: "cmi.suspend_data" in d)["cmi.core.lesson_status"] == (
        "incomplete"
    )
    launch.evaluate(ANSWER_EVERY_QUIZ, pages)
    data = lms.wait_for(lambda d: d["cmi.suspend_data"].count(";") == 2 + LESSONS)
    text = data["cmi.suspend_data"]
    assert len(text) == suspend.worst_case(LESSONS, LESSONS) == 3368
    assert len(text) <= 4096
    assert data["cmi.core.lesson_status"] == "completed"  # every lesson visited, no final
    assert data["cmi.core.exit"] == ""
    assert "cmi.core.score.raw" not in data or data["cmi.core.score.raw"] == ""
