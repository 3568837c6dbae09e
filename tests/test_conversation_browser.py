"""Conversations and written replies as a learner uses them, in Debian's Chromium.

The fixture course (tests/fixtures/conversation-course) is built once and served on
127.0.0.1; every test starts with empty storage. 'double-charge' gives feedback after each
choice and has three endings; 'wrong-size' gives feedback only at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from generator.build import BuildResult, build
from generator.convmodels import Conversation
from tests.conftest import copy_project, serve_folder

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Replies by their index at each step, to every ending of 'double-charge'.
PATHS = {"resolved": [0, 0], "escalated": [0, 1], "lost": [1, 1]}
OUTCOMES = {"resolved": "Resolved", "escalated": "Escalated", "lost": "Customer lost"}


@pytest.fixture(scope="module")
def conv_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = copy_project("conversation-course", tmp_path_factory.mktemp("convweb"))
    return build(project, handouts=False)


@pytest.fixture(scope="module")
def conv_url(conv_build: BuildResult) -> Iterator[str]:
    yield from serve_folder(conv_build.site_dir)


@pytest.fixture(scope="module")
def charge(conv_build: BuildResult) -> Conversation:
    return conv_build.curriculum.conversations["double-charge"]


def open_charge(page: Page, conv_url: str) -> Locator:
    page.goto(f"{conv_url}/practice/double-charge.html")
    return page.locator("section.ml-conversation")


def reply_texts(conv: Conversation, path: list[int]) -> list[str]:
    """The reply texts a path picks, step by step."""
    nodes = conv.node_map()
    at, texts = conv.start_id, []
    for index in path:
        choice = nodes[at].choices[index]
        texts.append(choice.text)
        at = choice.next
    return texts


@pytest.mark.parametrize("ending", list(PATHS))
def test_mouse_reaches_each_ending_with_outcome_transcript_and_scores(
    page: Page, conv_url: str, charge: Conversation, ending: str
) -> None:
    section = open_charge(page, conv_url)
    expect(section.locator(".ml-conv-script")).to_be_hidden()
    texts = reply_texts(charge, PATHS[ending])
    for text in texts:
        section.get_by_role("button", name=text, exact=True).click()
    end = section.locator(".ml-conv-end")
    expect(end.locator(".ml-conv-result")).to_have_text(f"Outcome: {OUTCOMES[ending]}")
    expect(end.locator(".ml-conv-result")).to_be_focused()
    debrief = next(n.debrief for n in charge.nodes if n.outcome == ending)
    assert debrief is not None
    expect(end).to_contain_text(debrief)
    transcript = end.locator(".ml-conv-transcript")
    transcript.locator("summary").click()
    for text in texts:
        expect(transcript).to_contain_text(text)
    expect(transcript.locator(".ml-conv-fb")).to_have_count(len(texts))
    expect(end.locator("table.ml-conv-scores")).to_contain_text("Acknowledging feelings")
    expect(section.locator(".ml-conv-turn")).to_be_hidden()


def test_scores_and_feedback_follow_the_path(
    page: Page, conv_url: str, charge: Conversation
) -> None:
    section = open_charge(page, conv_url)
    first = charge.nodes[0].choices[1]
    section.get_by_role("button", name=first.text, exact=True).click()
    expect(section.locator(".ml-conv-live")).to_have_attribute("role", "log")
    log = section.locator(".ml-conv-live .ml-conv-log")
    expect(log.locator(".ml-conv-fb")).to_contain_text(first.feedback)
    expect(log.locator(".ml-conv-fb")).to_contain_text("Hurt:")
    expect(log.locator(".ml-conv-customer").last).to_contain_text("It's 5521")
    for text in reply_texts(charge, [1, 0, 0])[1:]:
        section.get_by_role("button", name=text, exact=True).click()
    rows = section.locator("table.ml-conv-scores tr")
    expect(rows.filter(has_text="Acknowledging feelings")).to_contain_text("1 of 2")
    expect(rows.filter(has_text="Acknowledging feelings")).to_contain_text("50%")
    expect(rows.filter(has_text="Taking ownership")).to_contain_text("100%")


def test_keyboard_alone_plays_every_ending(page: Page, conv_url: str, charge: Conversation) -> None:
    section = open_charge(page, conv_url)
    section.locator(".ml-conv-option").first.focus()
    for ending, path in PATHS.items():
        for index in path:
            for _ in range(index):
                page.keyboard.press("Tab")
            page.keyboard.press("Enter" if index == 0 else "Space")
        outcome = section.locator(".ml-conv-result")
        expect(outcome).to_have_text(f"Outcome: {OUTCOMES[ending]}")
        expect(outcome).to_be_focused()
        again = section.get_by_role("button", name="Try a different path")
        for _ in range(20):
            if again.evaluate("b => b === document.activeElement"):
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(section.locator(".ml-conv-option").first).to_be_focused()
    expect(section.locator(".ml-conv-progress")).to_contain_text("Best outcome so far: Resolved")
    expect(section.locator(".ml-conv-progress")).to_contain_text("3 of 3 endings found")


def test_a_half_played_and_a_finished_conversation_survive_reload(
    page: Page, conv_url: str, charge: Conversation
) -> None:
    section = open_charge(page, conv_url)
    texts = reply_texts(charge, PATHS["escalated"])
    section.get_by_role("button", name=texts[0], exact=True).click()
    page.reload()
    expect(section.locator(".ml-conv-agent")).to_contain_text(texts[0])
    expect(section.get_by_role("button", name=texts[1], exact=True)).to_be_visible()
    section.get_by_role("button", name=texts[1], exact=True).click()
    page.reload()
    expect(section.locator(".ml-conv-result")).to_have_text("Outcome: Escalated")
    expect(section.locator(".ml-conv-progress")).to_contain_text("Escalated · 1 of 3")
    section.get_by_role("button", name="Try a different path").click()
    for text in reply_texts(charge, PATHS["lost"]):
        section.get_by_role("button", name=text, exact=True).click()
    page.reload()
    # the best outcome so far counts, not the last one
    expect(section.locator(".ml-conv-progress")).to_contain_text("Best outcome so far: Escalated")


def test_feedback_at_the_end_stays_hidden_until_the_end(page: Page, conv_url: str) -> None:
    page.goto(f"{conv_url}/practice/wrong-size.html")
    section = page.locator("section.ml-conversation")
    section.get_by_role("button", name="You can return them within 30 days.").click()
    expect(section.locator(".ml-conv-log").first.locator(".ml-conv-fb")).to_have_count(0)
    transcript = section.locator(".ml-conv-transcript")
    expect(transcript.locator(".ml-conv-fb")).to_contain_text("Answers the policy question")
    expect(transcript.locator(".ml-conv-fb")).to_be_visible()


def test_without_javascript_the_graph_reads_as_a_script(browser: object, conv_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{conv_url}/practice/double-charge.html")
    script = page.locator(".ml-conv-script")
    expect(script).to_be_visible()
    expect(script.locator("li.ml-conv-node")).to_have_count(6)
    first = script.locator("li.ml-conv-node").first
    expect(first.locator(".ml-conv-goto").first).to_have_text("go to 2")
    first.locator(".ml-conv-goto").nth(1).click()
    expect(page).to_have_url(f"{conv_url}/practice/double-charge.html#ml-conv-double-charge-cold")
    expect(page.locator(".ml-reply-model summary").first).to_be_visible()
    context.close()


@pytest.mark.parametrize("state", ["start", "end"])
def test_no_accessibility_violations_on_a_conversation_page(
    page: Page, conv_url: str, charge: Conversation, state: str
) -> None:
    assert AXE.is_file(), "axe-core missing: run `make test` (npm ci installs it)"
    section = open_charge(page, conv_url)
    if state == "end":
        for text in reply_texts(charge, PATHS["resolved"]):
            section.get_by_role("button", name=text, exact=True).click()
        section.locator(".ml-conv-transcript summary").click()
        page.get_by_role("button", name="Compare with a model answer").first.click()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']})")
    assert [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]] == []


def test_reply_is_written_compared_ticked_and_kept(page: Page, conv_url: str) -> None:
    page.goto(f"{conv_url}/practice/double-charge.html")
    reply = page.locator(".ml-reply").first
    model = reply.locator(".ml-reply-model")
    expect(model).to_be_hidden()
    reply.get_by_label("Your reply").fill("Two weeks is too long. I'll chase the refund today.")
    reply.get_by_role("button", name="Compare with a model answer").click()
    expect(model).to_contain_text("Two weeks and still no refund")
    expect(model.locator("summary")).to_be_focused()
    reply.get_by_label("Did you say what you will do next?").check()
    expect(reply.locator(".ml-reply-status")).to_have_text("1 of 3 checks ticked.")
    page.reload()
    expect(reply.get_by_label("Your reply")).to_have_value(
        "Two weeks is too long. I'll chase the refund today."
    )
    expect(model).to_be_visible()
    expect(reply.get_by_label("Did you say what you will do next?")).to_be_checked()
    expect(reply.get_by_label("Did you name how long the customer has waited?")).not_to_be_checked()


def test_a_reply_in_a_quiz_is_practice_not_a_question(page: Page, conv_url: str) -> None:
    page.goto(f"{conv_url}/practice/double-charge.html")
    form = page.locator("form.ml-quiz")
    expect(form.locator(".ml-quiz-meta")).to_contain_text("1 questions")
    form.get_by_label("Naming the problem the customer described").check()
    form.get_by_role("button", name="Check answers").click()
    expect(form.locator(".ml-result")).to_contain_text("1 of 1")
    expect(form.locator(".ml-result")).to_contain_text("Passed")


def paths_to_endings(conv: Conversation) -> dict[str, list[int]]:
    """For every ending, the shortest list of reply indexes that reaches it from the start."""
    nodes = conv.node_map()
    found: dict[str, list[int]] = {conv.start_id: []}
    queue = [conv.start_id]
    while queue:
        here = queue.pop(0)
        for index, choice in enumerate(nodes[here].choices):
            if choice.next not in found:
                found[choice.next] = [*found[here], index]
                queue.append(choice.next)
    return {n.id: found[n.id] for n in conv.nodes if n.outcome}


def play_by_keyboard(page: Page, section: Locator, path: list[int]) -> None:
    """From focus on the first reply, pick each reply by Tab and Enter."""
    for index in path:
        expect(section.locator(".ml-conv-option").first).to_be_focused()
        for _ in range(index):
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")


def test_every_shipped_conversation_reaches_every_ending_by_keyboard(
    page: Page, course_url: str, course_build: BuildResult
) -> None:
    cur = course_build.curriculum
    for lesson_id, lesson in cur.lessons.items():
        for block in lesson.blocks:
            if block.type != "conversation":
                continue
            conv = cur.conversations[block.conversation]
            page.goto(f"{course_url}/{cur.module_of[lesson_id]}/{lesson_id}.html")
            section = page.locator(f"section[data-conversation='{conv.id}']")
            section.locator(".ml-conv-option").first.focus()
            endings = paths_to_endings(conv)
            assert len(endings) >= 3, conv.id
            for ending, path in endings.items():
                play_by_keyboard(page, section, path)
                outcome = next(n.outcome for n in conv.nodes if n.id == ending)
                result = section.locator(".ml-conv-result")
                expect(result).to_have_text(f"Outcome: {OUTCOMES[outcome or '']}")
                expect(result).to_be_focused()
                section.get_by_role("button", name="Try a different path").focus()
                page.keyboard.press("Enter")
            expect(section.locator(".ml-conv-progress")).to_contain_text(
                f"{len(endings)} of {len(endings)} endings found"
            )


def test_no_accessibility_violations_on_a_shipped_conversation_in_dark_mode(
    page: Page, course_url: str, course_build: BuildResult
) -> None:
    conv = course_build.curriculum.conversations["room-twelve"]
    page.emulate_media(color_scheme="dark")
    page.goto(f"{course_url}/trust-rapport/first-thirty-seconds.html")
    section = page.locator("section[data-conversation='room-twelve']")
    path = paths_to_endings(conv)["settled"]
    for text in reply_texts(conv, path):
        section.get_by_role("button", name=text, exact=True).click()
    expect(section.locator(".ml-conv-transcript")).to_have_attribute("open", "")  # feedback: end
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']})")
    assert [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]] == []


def test_home_counts_a_resolved_conversation_towards_progress(
    page: Page, conv_url: str, charge: Conversation
) -> None:
    section = open_charge(page, conv_url)
    for text in reply_texts(charge, PATHS["escalated"]):
        section.get_by_role("button", name=text, exact=True).click()
    page.goto(f"{conv_url}/index.html")
    status = page.locator(".ml-status[data-conversation='double-charge']")
    expect(status).to_have_text("Conversation: Escalated")
    expect(page.locator(".ml-progress-text")).to_have_text(
        "0 of 4 quizzes passed and conversations resolved."
    )
    section = open_charge(page, conv_url)
    section.get_by_role("button", name="Try a different path").click()
    for text in reply_texts(charge, PATHS["resolved"]):
        section.get_by_role("button", name=text, exact=True).click()
    page.goto(f"{conv_url}/index.html")
    expect(status).to_have_text("Conversation: ✓ Resolved")
    expect(page.locator(".ml-progress-text")).to_have_text(
        "1 of 4 quizzes passed and conversations resolved."
    )


def test_printing_the_page_shows_the_script_not_the_chat(page: Page, conv_url: str) -> None:
    section = open_charge(page, conv_url)
    expect(section.locator(".ml-conv-script")).to_be_hidden()
    page.emulate_media(media="print")
    expect(section.locator(".ml-conv-script")).to_be_visible()
    expect(section.locator(".ml-conv-play")).to_be_hidden()
