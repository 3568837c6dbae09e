"""Conversations and written replies on paper: the fixture course built with PDFs, parsed
back with pypdf. Learner files hold the script and the tasks, never feedback, debriefs or
model answers; trainer files hold all three."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.build import BuildResult, build
from generator.convmodels import Conversation
from generator.models import ReplyBlock, ReplyQuestion
from tests.conftest import copy_project

SCRIPT = "handouts/practice/double-charge-double-charge-script.pdf"
HANDOUT = "handouts/practice/double-charge-handout.pdf"
WORKSHEET = "handouts/practice/double-charge-worksheet.pdf"
WORKBOOK = "handouts/convo-fixture-workbook.pdf"
KEY = "handouts/trainer/practice/double-charge-answer-key.pdf"
GUIDE = "handouts/trainer/convo-fixture-facilitator-guide.pdf"


def trainer(result: BuildResult) -> Path:
    """Trainer files are their own output, next to the site."""
    assert result.trainer_dir is not None
    return result.trainer_dir


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    return squash("".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = copy_project("conversation-course", tmp_path_factory.mktemp("convprint"))
    return build(project)


@pytest.fixture(scope="module")
def conv(printed: BuildResult) -> Conversation:
    return printed.curriculum.conversations["double-charge"]


def secrets(conv: Conversation) -> list[str]:
    """Feedback and debriefs: what a learner finds out by playing, not from the script."""
    out = [c.feedback for n in conv.nodes for c in n.choices]
    return out + [n.debrief for n in conv.nodes if n.debrief]


def test_script_prints_every_line_and_choice_with_the_step_it_leads_to(
    printed: BuildResult, conv: Conversation
) -> None:
    text = pdf_text(printed.site_dir / SCRIPT)
    assert squash("Role-play script: A double charge") in text
    assert "Wiśniewska" in text
    number = {"opening": 1, "checks": 2, "cold": 3, "resolved-ending": 4}
    number |= {"escalated-ending": 5, "lost-ending": 6}
    for node in conv.nodes:
        if node.customer:
            assert squash(node.customer) in text
        for choice in node.choices:
            assert squash(f"{choice.text} → go to {number[choice.next]}") in text
    assert squash("End of the conversation: Customer lost") in text
    for secret in secrets(conv):
        assert squash(secret) not in text


def test_workbook_carries_the_script_and_the_handout_stays_short(printed: BuildResult) -> None:
    workbook = pdf_text(printed.site_dir / WORKBOOK)
    assert squash("Role-play script: A double charge") in workbook
    assert squash("Role-play script: The wrong size") in workbook
    assert len(PdfReader(printed.site_dir / HANDOUT).pages) <= 2


def test_guide_maps_each_conversation_with_its_debriefs(
    printed: BuildResult, conv: Conversation
) -> None:
    text = pdf_text(trainer(printed) / GUIDE)
    assert squash("Conversation map: A double charge") in text
    assert squash("Conversation map: The wrong size") in text
    assert squash("(b) It's 5521. Can you just sort it out, please?") in text
    assert squash("(see above)") in text  # 'checks' is reached twice; listed in full once
    for node in conv.nodes:
        if node.debrief:
            assert squash(node.debrief) in text


def test_replies_print_with_checklist_and_only_trainers_get_the_model_answer(
    printed: BuildResult,
) -> None:
    cur = printed.curriculum
    block = next(b for b in cur.lessons["double-charge"].blocks if isinstance(b, ReplyBlock))
    question = next(q for q in cur.quizzes["double-charge"].questions if q.type == "reply")
    assert isinstance(question, ReplyQuestion)
    handout = pdf_text(printed.site_dir / HANDOUT)
    worksheet = pdf_text(printed.site_dir / WORKSHEET)
    for text, item in ((handout, block), (worksheet, question)):
        assert squash(item.customer) in text
        assert all(squash(check) in text for check in item.checklist)
        assert squash(item.model_answer) not in text
    assert squash("/ 1") in worksheet  # the score counts the graded question only
    assert squash(question.model_answer) in pdf_text(trainer(printed) / KEY)
    assert squash(block.model_answer) in pdf_text(trainer(printed) / GUIDE)
