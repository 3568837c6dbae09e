"""The Review page's practice questions: made once with the lesson page when they read the
same from anywhere, made again from the Review page when a text of theirs links."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator import urls
from generator.build import validate
from generator.learner import review_data
from generator.markup import MarkupRenderer
from generator.render import render_site, resolver
from tests.conftest import copy_project, replace_in


def _review_data(text: str) -> Any:
    body = text.removeprefix("window.MicrolearnReviewData = ").removesuffix(";\n")
    return json.loads(body.replace("\\u003c", "<"))


def test_review_questions_link_from_the_review_page(tmp_path: Path) -> None:
    project = copy_project("mini-course", tmp_path)
    replace_in(
        project / "quizzes" / "second-lesson.yaml",
        "feedback: Length is not the goal.",
        "feedback: See [the first lesson](lesson:first-lesson).",
    )
    cur, problems = validate(project)
    assert cur is not None, [p.format() for p in problems]
    site = render_site(cur)
    data = _review_data(site.pages[urls.REVIEW_DATA])

    feedback = {
        q["ref"] + "/" + o["key"]: o["feedback"] for q in data["questions"] for o in q["options"]
    }
    # The lesson page (basics/second-lesson.md) links to "first-lesson.html"; the Review page
    # sits at the top, so its copy of the question must link into the module's folder.
    assert feedback["second-lesson/q1/o2"] == (
        'See <a href="basics/first-lesson.html">the first lesson</a>.'
    )
    assert 'href="first-lesson.html"' in site.pages["basics/second-lesson.md"]
    # Every question, shared or made again, is what the Review page alone would make.
    alone = review_data(cur, MarkupRenderer(resolver(cur)), {})
    assert data == json.loads(json.dumps(alone))
    assert {q["ref"] for q in data["questions"]} >= {"first-lesson/q1", "second-lesson/q1"}
