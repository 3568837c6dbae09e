"""GIFT exports read back by an independent parser (npm gift-pegjs) and compared with the
YAML: question counts, categories, types, keys and every piece of feedback."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.models import Curriculum, Quiz
from generator.outputs.exports import export
from generator.outputs.exports.gift import category_path
from tests.exports_support import (
    ROOT,
    Expected,
    expected_questions,
    gift_parse,
    load_course,
    md_plain,
    plain,
)

NASTY = r"Braces {x}, tilde ~, equals =, hash #, colon: back\slash, arrow -> and // slashes"


@pytest.fixture(scope="module")
def course() -> Curriculum:
    return load_course(ROOT)


@pytest.fixture(scope="module")
def parsed(course: Curriculum, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return gift_parse(export(course, "gift", tmp_path_factory.mktemp("gift")))


def _by_id(parsed: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {q["id"]: q for q in parsed if q["type"] != "Category"}


def test_every_question_in_its_category(course: Curriculum, parsed: list[dict[str, Any]]) -> None:
    expected = expected_questions(course)
    seen: list[tuple[str, str]] = []
    category = ""
    for q in parsed:
        if q["type"] == "Category":
            category = q["title"]
        else:
            seen.append((category, q["id"]))
    assert seen == [(category_path(e.category), e.ident) for e in expected]
    assert len(seen) == sum(len(q.questions) for q in course.quizzes.values())


def test_types_keys_and_feedback_match_the_yaml(
    course: Curriculum, parsed: list[dict[str, Any]]
) -> None:
    questions = _by_id(parsed)
    for e in expected_questions(course):
        check_question(e, questions[e.ident])


def check_question(e: Expected, got: dict[str, Any]) -> None:
    q = e.question
    where = e.ident
    assert got["stem"]["format"] == "html", where
    assert md_plain(q.prompt) in plain(got["stem"]["text"]), where
    assert md_plain(q.explanation) in plain((got["globalFeedback"] or {}).get("text")), where
    assert got["tags"] == [q.objective, q.type], where
    if q.type in ("single", "scenario", "multiple"):
        assert got["type"] == "MC", where
        assert [plain(c["text"]["text"]) for c in got["choices"]] == [o.text for o in q.options]
        assert [plain(c["feedback"]["text"]) for c in got["choices"]] == [
            md_plain(o.feedback) for o in q.options
        ], where
        if q.type == "multiple":
            weights = [c["weight"] for c in got["choices"]]
            assert all((w > 0) == o.correct for w, o in zip(weights, q.options, strict=True))
            assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=1e-3), where
            assert sum(w for w in weights if w < 0) == pytest.approx(-100, abs=1e-3), where
        else:
            assert [c["isCorrect"] for c in got["choices"]] == [o.correct for o in q.options]
        if q.type == "scenario":
            assert q.customer in plain(got["stem"]["text"]), where
    elif q.type == "true_false":
        assert got["type"] == "TF" and got["isTrue"] is q.answer, where
        # Moodle's order: first the feedback for a wrong answer, then for the right one.
        wrong, right = (q.if_false, q.if_true) if q.answer else (q.if_true, q.if_false)
        assert plain(got["trueFeedback"]["text"]) == md_plain(wrong), where
        assert plain(got["falseFeedback"]["text"]) == md_plain(right), where
    elif q.type == "ordering":
        assert got["type"] == "Matching", where
        assert [(plain(p["subquestion"]["text"]), p["subanswer"]) for p in got["matchPairs"]] == [
            (s.text, str(n)) for n, s in enumerate(q.steps, 1)
        ], where
        feedback = plain(got["globalFeedback"]["text"])
        assert all(md_plain(s.feedback) in feedback for s in q.steps), where
    else:
        raise AssertionError(f"{where}: no check for type {q.type}")


def _nasty_course(tmp: Path) -> Curriculum:
    cur = load_course(ROOT / "tests" / "fixtures" / "mini-course")
    option = {"text": NASTY, "feedback": f"**Why:** {NASTY}", "correct": True}
    quiz = Quiz.model_validate(
        {
            "id": "first-lesson",
            "title": f"Nasty {NASTY}",
            "questions": [
                {
                    "id": "q1",
                    "type": "single",
                    "objective": "name-steps",
                    "prompt": NASTY,
                    "explanation": f"First paragraph {NASTY}\n\nSecond paragraph.",
                    "options": [option, {"text": "Plain", "feedback": "Plain."}],
                },
                {
                    "id": "q2",
                    "type": "true_false",
                    "objective": "name-steps",
                    "prompt": NASTY,
                    "answer": True,
                    "if_true": f"Right {NASTY}",
                    "if_false": f"Wrong {NASTY}",
                },
                {
                    "id": "q3",
                    "type": "ordering",
                    "objective": "name-steps",
                    "prompt": NASTY,
                    "steps": [
                        {"text": f"{NASTY} {n}", "feedback": f"{NASTY} {n}"} for n in range(3)
                    ],
                },
                {
                    "id": "q4",
                    "type": "scenario",
                    "objective": "name-steps",
                    "customer": NASTY,
                    "setting": NASTY,
                    "options": [option, {"text": "Plain", "feedback": "Plain."}],
                },
            ],
        }
    )
    cur.quizzes["first-lesson"] = quiz
    return cur


def test_special_characters_survive_the_round_trip(tmp_path: Path) -> None:
    cur = _nasty_course(tmp_path)
    parsed = _by_id(gift_parse(export(cur, "gift", tmp_path)))
    for e in expected_questions(cur):
        check_question(e, parsed[e.ident])
    q1 = parsed["first-lesson-q1"]
    assert plain(q1["stem"]["text"]) == NASTY
    assert plain(q1["globalFeedback"]["text"]) == f"First paragraph {NASTY} Second paragraph."
    assert q1["title"] == f"Nasty {NASTY}: q1"


SPECIALS = st.text(
    alphabet=st.sampled_from(list("~=#{}:\\/-><[]%*_`'\" \nabcXYZ019")), min_size=1, max_size=40
).filter(lambda s: s.strip() != "")


@settings(
    max_examples=int(os.environ.get("MICROLEARN_FUZZ_EXAMPLES", "0")) or 12,
    derandomize="MICROLEARN_FUZZ_EXAMPLES" not in os.environ,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(texts=st.lists(SPECIALS, min_size=6, max_size=6))
def test_any_text_survives_the_round_trip(tmp_path: Path, texts: list[str]) -> None:
    """Random text made of GIFT's reserved characters, in every slot, reads back the same."""
    cur = load_course(ROOT / "tests" / "fixtures" / "mini-course")
    questions = []
    for n, text in enumerate(texts):
        questions.append(
            {
                "id": f"q{n}",
                "type": "single",
                "objective": "name-steps",
                "prompt": text,
                "explanation": text,
                "options": [
                    {"text": " ".join(text.split()), "feedback": text, "correct": True},
                    {"text": f"other {n}", "feedback": text},
                ],
            }
        )
    cur.quizzes["first-lesson"] = Quiz.model_validate(
        {"id": "first-lesson", "title": texts[0].replace("\n", " "), "questions": questions}
    )
    parsed = _by_id(gift_parse(export(cur, "gift", tmp_path)))
    for e in expected_questions(cur):
        check_question(e, parsed[e.ident])
