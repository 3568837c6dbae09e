"""Moodle XML read back with lxml and checked against the structure Moodle documents for
its question XML (Moodle publishes no schema), then compared with the YAML."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from lxml import etree

from generator.models import Curriculum
from generator.outputs.exports import export
from generator.outputs.exports.bank import MOODLE_FRACTIONS
from generator.outputs.exports.gift import category_path
from tests.exports_support import ROOT, expected_questions, load_course, md_plain, plain

COMMON = [
    "name/text",
    "questiontext/text",
    "generalfeedback/text",
    "defaultgrade",
    "penalty",
    "hidden",
    "idnumber",
]
REQUIRED = {
    "multichoice": [
        "single",
        "shuffleanswers",
        "answernumbering",
        "correctfeedback/text",
        "partiallycorrectfeedback/text",
        "incorrectfeedback/text",
        "answer",
    ],
    "truefalse": ["answer"],
    "ordering": [
        "layouttype",
        "selecttype",
        "selectcount",
        "gradingtype",
        "showgrading",
        "numberingstyle",
        "correctfeedback/text",
        "answer",
    ],
    "essay": [
        "responseformat",
        "responserequired",
        "responsefieldlines",
        "attachments",
        "graderinfo/text",
        "responsetemplate/text",
    ],
}
ALLOWED = {0.0, *MOODLE_FRACTIONS, *(-f for f in MOODLE_FRACTIONS)}


@pytest.fixture(scope="module")
def course() -> Curriculum:
    return load_course(ROOT)


@pytest.fixture(scope="module")
def quiz_xml(course: Curriculum, tmp_path_factory: pytest.TempPathFactory) -> etree._Element:
    path = export(course, "moodle-xml", tmp_path_factory.mktemp("moodle"))
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False)).getroot()


def check_structure(root: etree._Element) -> None:
    """The documented shape: <quiz> of <question type=...>, each with its fields."""
    assert root.tag == "quiz"
    for q in root.iterchildren("question"):
        kind = q.get("type")
        if kind == "category":
            assert q.findtext("category/text", "").startswith("$course$/top/")
            continue
        name = q.findtext("idnumber")
        assert kind in REQUIRED, name
        for path in [*COMMON, *REQUIRED[kind]]:
            assert q.find(path) is not None, f"{name}: <{path}> missing in {kind}"
        for tag in ("questiontext", "generalfeedback"):
            assert q.find(tag).get("format") == "html", name
        for answer in q.iterchildren("answer"):
            assert answer.find("text") is not None, name
            if kind in ("multichoice", "truefalse"):
                assert float(answer.get("fraction")) in ALLOWED, f"{name}: grade not importable"


def test_structure_is_what_moodle_imports(quiz_xml: etree._Element) -> None:
    check_structure(quiz_xml)


def test_categories_keys_and_feedback_match_the_yaml(
    course: Curriculum, quiz_xml: etree._Element
) -> None:
    category = ""
    seen: list[tuple[str, str]] = []
    questions = {}
    for q in quiz_xml.iterchildren("question"):
        if q.get("type") == "category":
            category = q.findtext("category/text")
        else:
            seen.append((category, q.findtext("idnumber")))
            questions[q.findtext("idnumber")] = q
    expected = expected_questions(course)
    assert seen == [(category_path(e.category), e.ident) for e in expected]
    for e in expected:
        got, q = questions[e.ident], e.question
        answers = got.findall("answer")
        feedback = [plain(a.findtext("feedback/text")) for a in answers]
        texts = [plain(a.findtext("text")) for a in answers]
        fractions = [float(a.get("fraction")) for a in answers]
        assert md_plain(q.prompt) in plain(got.findtext("questiontext/text")), e.ident
        assert md_plain(q.explanation) in plain(got.findtext("generalfeedback/text")), e.ident
        if q.type in ("single", "scenario", "multiple"):
            assert got.get("type") == "multichoice"
            assert got.findtext("single") == ("false" if q.type == "multiple" else "true")
            assert texts == [o.text for o in q.options], e.ident
            assert feedback == [md_plain(o.feedback) for o in q.options], e.ident
            assert [f > 0 for f in fractions] == [o.correct for o in q.options], e.ident
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-3)
        elif q.type == "true_false":
            assert got.get("type") == "truefalse"
            assert texts == ["true", "false"]
            assert fractions == ([100, 0] if q.answer else [0, 100]), e.ident
            assert feedback == [md_plain(q.if_true), md_plain(q.if_false)], e.ident
        elif q.type == "ordering":
            assert got.get("type") == "ordering"
            assert texts == [s.text for s in q.steps], e.ident
            assert fractions == list(range(1, len(q.steps) + 1)), e.ident
            general = plain(got.findtext("generalfeedback/text"))
            assert all(md_plain(s.feedback) in general for s in q.steps), e.ident
        assert html.unescape(got.findtext("name/text")) == f"{e.quiz.title}: {q.id}"


def test_a_missing_field_is_caught(quiz_xml: etree._Element, tmp_path: Path) -> None:
    """The structure check can fail: drop one answer's text and it does."""
    broken = etree.fromstring(etree.tostring(quiz_xml))
    answer = broken.find("question[@type='truefalse']/answer")
    answer.remove(answer.find("text"))
    with pytest.raises(AssertionError):
        check_structure(broken)
