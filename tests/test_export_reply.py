"""A written reply becomes an ungraded essay in every question-bank format, with the model
answer where a grader (or, in GIFT, the learner after answering) finds it. Tested on a
hand-made reply question, so the mapping is ready before the course uses the type."""

from __future__ import annotations

import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from lxml import etree
from pyslet.qtiv2 import variables as v

from generator.models import Curriculum, Quiz
from generator.outputs.exports import export
from generator.outputs.exports.bank import items
from tests.exports_support import ROOT, gift_parse, load_course, plain
from tests.test_export_moodle import check_structure
from tests.test_export_qti import NS, check_package
from tests.test_export_qti_pyslet import read, session, shown

REPLY = SimpleNamespace(
    id="q9",
    type="reply",
    objective="explain",
    setting="Broadband provider, live chat",
    customer="I've restarted the router {three} times: still drops #every evening.",
    prompt="Write a reply that paraphrases the problem first.",
    model_answer="So it **still drops** every evening, even after three restarts?",
    checklist=["Did you restate the problem?", "Did you hold back the fix?"],
    lines=7,
    explanation=None,
)
MODEL = "So it still drops every evening, even after three restarts?"


def course_with_reply() -> Curriculum:
    cur = load_course(ROOT / "tests" / "fixtures" / "mini-course")
    quiz = cur.quizzes["second-lesson"]
    cur.quizzes["second-lesson"] = Quiz.model_construct(
        **{**dict(quiz), "questions": [*quiz.questions, REPLY]}
    )
    return cur


def test_reply_maps_to_an_ungraded_essay() -> None:
    (item,) = [i for i in items(course_with_reply()) if i.source_type == "reply"]
    assert item.kind == "essay" and not item.graded and item.lines == 7
    assert REPLY.setting in plain(item.stem)
    assert "Customer: “I've restarted the router {three} times" in plain(item.stem)
    assert MODEL in plain(item.grader_info)
    assert all(c in plain(item.grader_info) for c in REPLY.checklist)


def test_reply_in_gift(tmp_path: Path) -> None:
    parsed = gift_parse(export(course_with_reply(), "gift", tmp_path))
    (essay,) = [q for q in parsed if q.get("id") == "second-lesson-q9"]
    assert essay["type"] == "Essay"
    assert REPLY.customer in plain(essay["stem"]["text"])
    assert MODEL in plain(essay["globalFeedback"]["text"])


def test_reply_in_moodle_xml(tmp_path: Path) -> None:
    root = etree.parse(str(export(course_with_reply(), "moodle-xml", tmp_path))).getroot()
    check_structure(root)
    (essay,) = root.findall("question[@type='essay']")
    assert essay.findtext("defaultgrade") == "0"
    assert MODEL in plain(essay.findtext("generalfeedback/text"))
    assert essay.findtext("responsefieldlines") == "7"
    assert MODEL in plain(essay.findtext("graderinfo/text"))


@pytest.mark.filterwarnings("ignore::DeprecationWarning:pyslet")
def test_reply_in_qti(tmp_path: Path) -> None:
    with zipfile.ZipFile(export(course_with_reply(), "qti", tmp_path)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    item = check_package(files)["second-lesson-q9"]
    assert item.find(".//q:extendedTextInteraction", NS).get("expectedLines") == "7"
    rubric = item.find(".//q:rubricBlock", NS)
    assert rubric.get("view") == "scorer"
    assert MODEL in plain(etree.tostring(rubric, encoding="unicode"))
    maxscore = item.find("q:outcomeDeclaration[@identifier='MAXSCORE']//q:value", NS)
    assert maxscore.text == "0"
    # An independent QTI implementation: any reply scores 0 and shows the model answer.
    parsed = read(files["items/second-lesson-q9.xml"])
    reply = v.StringValue()
    reply.set_value("So the router drops every evening?")
    state = session(parsed, reply)
    assert state["SCORE"].value == 0 and state["MAXSCORE"].value == 0
    assert shown(state) == {"GENERAL"}
