"""Pedagogical lint: rules fire on real flaws, stay quiet on honest quizzes, and can be
switched off per file or per project. Each rule's positive case is a folder in tests/cases/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.build import validate as run_validate
from generator.cli import cli
from generator.lint import rules
from generator.lint.cues import ABSOLUTE, _absolute
from generator.lint.lesson import reading_words
from generator.lint.quiz import ABOVE, _above, _hidden_negative
from generator.models import WORD_RE, word_count

CASES = Path(__file__).resolve().parent / "cases"
ROOT = Path(__file__).resolve().parent.parent


def lint_lines(project: Path) -> list[str]:
    _, problems = run_validate(project)
    return [p.format() for p in problems]


def copy_case(case: str, tmp_path: Path) -> Path:
    return shutil.copytree(CASES / case, tmp_path / case)


def test_every_rule_has_a_case_folder_that_triggers_it() -> None:
    for rule in rules():
        case = CASES / f"lint-{rule.id}"
        assert case.is_dir(), f"no tests/cases/lint-{rule.id}"
        assert f"[{rule.id}]" in (case / "expected.txt").read_text()


def test_rule_ids_are_unique_kebab_case_with_one_line_summaries() -> None:
    ids = [r.id for r in rules()]
    assert len(ids) == len(set(ids))
    for rule in rules():
        assert rule.id == rule.id.lower() and " " not in rule.id
        assert rule.summary and "\n" not in rule.summary


def test_comment_switches_a_rule_off_for_that_file_only(tmp_path: Path) -> None:
    project = copy_case("lint-position-bias", tmp_path)
    quiz = project / "quizzes" / "first-steps.yaml"
    lines = quiz.read_text().splitlines(keepends=True)
    quiz.write_text(
        lines[0] + "# microlearn: disable=position-bias, longest-correct\n" + "".join(lines[1:])
    )
    assert lint_lines(project) == []


def test_comment_for_another_rule_does_not_hide_this_one(tmp_path: Path) -> None:
    project = copy_case("lint-position-bias", tmp_path)
    quiz = project / "quizzes" / "first-steps.yaml"
    quiz.write_text("# microlearn: disable=longest-correct\n" + quiz.read_text())
    assert [line.split(" [")[-1] for line in lint_lines(project)] == ["position-bias]"]


def test_project_config_switches_a_rule_off_everywhere(tmp_path: Path) -> None:
    project = copy_case("lint-option-feedback", tmp_path)
    (project / "microlearn.yaml").write_text("lint:\n  disable: [option-feedback]\n")
    assert lint_lines(project) == []


def test_strict_makes_a_lint_warning_fail_validation(tmp_path: Path) -> None:
    relaxed = CliRunner().invoke(cli, ["validate", "-C", str(CASES / "lint-all-of-above")])
    strict = CliRunner().invoke(
        cli, ["validate", "--strict", "-C", str(CASES / "lint-all-of-above")]
    )
    assert relaxed.exit_code == 0 and ": warning: " in relaxed.stdout
    assert strict.exit_code == 1 and ": error: " in strict.stdout


TOPICS = {"q3": "greeting", "q4": "closing", "q5": "spelling", "q6": "pronouncing"}
EVEN = ["choice a", "choice b", "choice c", "choice d"]  # equal length: no length cue


def _single(qid: str, correct: int, texts: list[str]) -> str:
    """A single-answer question about its own topic (so questions are not near-duplicates)."""
    topic = TOPICS[qid]
    out = (
        f"  - id: {qid}\n    type: single\n    objective: greet\n    prompt: What about "
        f"{topic}?\n    options:\n"
    )
    for i, text in enumerate(texts):
        out += f"      - text: {text} {topic} {qid}\n" + (
            "        correct: true\n" if i == correct else ""
        )
        out += f"        feedback: Here is why option {i + 1} fits or does not fit.\n"
    return out


def _quiz_project(tmp_path: Path, questions: str) -> Path:
    project = shutil.copytree(CASES / "_base", tmp_path / "quiz")
    quiz = project / "quizzes" / "first-steps.yaml"
    quiz.write_text(quiz.read_text() + questions)
    return project


def test_honest_spread_of_positions_is_not_flagged(tmp_path: Path) -> None:
    # 3 of 5 at A can happen by chance (about 1 quiz in 3), so it must not warn...
    project = _quiz_project(
        tmp_path,
        _single("q3", 0, EVEN)
        + _single("q4", 1, EVEN)
        + _single("q5", 2, EVEN)
        + _single("q6", 0, EVEN),
    )
    assert lint_lines(project) == []


def test_four_of_five_on_one_letter_is_flagged(tmp_path: Path) -> None:
    # ...but 4 of 5 (q1 + three more at A, one at C) is a pile-up.
    project = _quiz_project(
        tmp_path,
        _single("q3", 0, EVEN)
        + _single("q4", 0, EVEN)
        + _single("q5", 2, EVEN)
        + _single("q6", 0, EVEN),
    )
    assert [line.split(" [")[-1] for line in lint_lines(project)] == ["position-bias]"]


def test_correct_longest_in_half_the_questions_is_not_flagged(tmp_path: Path) -> None:
    project = _quiz_project(
        tmp_path,
        _single("q3", 1, ["Short", "The long right one", "Mid"])
        + _single("q4", 2, ["Short", "Mid one", "Tiny"])
        + _single("q5", 0, ["Much longer right one", "Mid", "Nah"])
        + _single("q6", 1, ["A longer wrong option", "Right", "Nah"]),
    )
    assert lint_lines(project) == []


@pytest.mark.parametrize(
    "prompt",
    [
        "Which reply shows the agent is listening, not just hearing?",
        'A customer says: "You clearly don\'t care." Which part is a conclusion?',
        "What should you do when the customer is not ready to talk?",
        "The record shows the task was never completed. What is the best response?",
        "Why can't a sentiment tag replace listening?",
        "Which of these is **NOT** a closed question?",
        "Which of these is NOT a closed question?",
        "Which of these is **not** a closed question?",
        "Which step is __never__ first?",
    ],
)
def test_negative_stem_rule_ignores_positive_questions_and_emphasised_negatives(
    prompt: str,
) -> None:
    assert _hidden_negative(prompt) is None


@pytest.mark.parametrize(
    ("prompt", "word"),
    [
        ("Which of these is not a closed question?", "not"),
        ("Which step would you never skip?", "never"),
        ("All of these help EXCEPT which one? Which is least useful?", "least"),
        ("Which reply doesn't interrupt the customer?", "doesn't"),
        ("Which of these is **not a closed question?", "not"),  # bold never closed
        ('The customer said "fine". Which reply is not rushed?', "not"),
    ],
)
def test_negative_stem_rule_finds_hidden_negatives(prompt: str, word: str) -> None:
    assert _hidden_negative(prompt) == word


def test_shipped_course_validates_strict_with_no_warnings() -> None:
    result = CliRunner().invoke(cli, ["validate", "--strict", "-C", str(ROOT)])
    assert result.stdout == ""
    assert result.exit_code == 0


def test_readme_documents_every_rule() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in rules():
        assert f"`{rule.id}`" in text, rule.id


def _rules_fired(project: Path) -> list[str]:
    return [line.split(" [")[-1].rstrip("]") for line in lint_lines(project)]


def _lesson_of_words(tmp_path: Path, words: int, lint: str, duration: int = 1) -> Path:
    """The base project with its lesson padded to exactly `words` words of reading."""
    project = shutil.copytree(CASES / "_base", tmp_path / f"w{words}-{duration}-{len(lint)}")
    lesson = project / "content" / "basics" / "first-steps.yaml"
    text = lesson.read_text(encoding="utf-8").replace("duration: 1", f"duration: {duration}")
    cur, _ = run_validate(project)
    assert cur is not None
    base = reading_words(cur.lessons["first-steps"])
    intro = "Every contact starts with a greeting."
    padded = intro + " word" * (words - base)
    lesson.write_text(text.replace(f"intro: {intro}", f"intro: {padded}"), encoding="utf-8")
    (project / "microlearn.yaml").write_text(f"lint:\n{lint}", encoding="utf-8")
    cur, _ = run_validate(project)
    assert cur is not None and reading_words(cur.lessons["first-steps"]) == words
    return project


@pytest.mark.parametrize(("words", "fires"), [(100, False), (101, True)])
def test_reading_budget_fires_one_word_past_the_budget(
    tmp_path: Path, words: int, fires: bool
) -> None:
    project = _lesson_of_words(
        tmp_path,
        words,
        "  words_per_minute: 100\n  reading_budget: 1\n  disable: [duration-mismatch]\n",
    )
    assert ("reading-budget" in _rules_fired(project)) is fires


@pytest.mark.parametrize(("tolerance", "fires"), [(3, False), (2, True)])
def test_duration_mismatch_fires_past_the_tolerance(
    tmp_path: Path, tolerance: int, fires: bool
) -> None:
    # 100 words at 100 words per minute is 1 minute; the lesson says 4: 3 minutes off.
    project = _lesson_of_words(
        tmp_path, 100, f"  words_per_minute: 100\n  duration_tolerance: {tolerance}\n", duration=4
    )
    assert ("duration-mismatch" in _rules_fired(project)) is fires


@pytest.mark.parametrize(
    ("feedback", "fires"), [("Early use builds rapport.", False), ("Early use helps.", True)]
)
def test_option_feedback_needs_four_words(tmp_path: Path, feedback: str, fires: bool) -> None:
    project = shutil.copytree(CASES / "_base", tmp_path / "quiz")
    quiz = project / "quizzes" / "first-steps.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace(
            "Early use shows you noticed them from the beginning.", feedback
        ),
        encoding="utf-8",
    )
    assert _rules_fired(project) == (["option-feedback"] if fires else [])


WORDY = [
    "",
    "Don't  rush: greet 3 customers, then 12.",
    "naïve café — ŉ ﬁne İstanbul K 𝐀bc it's",
    "tab\tnew\nline\x0bvt\x1cfs\x85nel\u00a0nbsp\u2028ls",
    "emoji🙂between 'quoted' '' '",
    "lone \ud800 surrogate",
]


@pytest.mark.parametrize("text", WORDY)
def test_word_count_counts_what_the_word_pattern_finds(text: str) -> None:
    assert word_count(text) == len(WORD_RE.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_word_count_agrees_with_the_word_pattern_on_any_text(text: str) -> None:
    assert word_count(text) == len(WORD_RE.findall(text))


# Words and letters the cue patterns look for, in odd cases and look-alikes (ı, İ, ſ match
# i and s when case is ignored).
CUE_PIECES = ["all", "ALL", "none", "Both", "neither", "NEİTHER", "neıther", "above", "theſe"]
CUE_PIECES += ["of", "the", "those", "choices", "always", "Never", "everyone", "al", "ever"]
cue_text = st.lists(
    st.one_of(
        st.sampled_from(CUE_PIECES), st.sampled_from(" -.,'İıſ\u212a\n"), st.text(max_size=3)
    ),
    max_size=12,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(cue_text)
@example("NEİTHER of the above")
@example("neıther of theſe")
@example("None of theſe, always")
@example("EVERYONE is wrong; ALL are")
def test_cue_pattern_shortcuts_find_what_the_patterns_find(text: str) -> None:
    found = _above(text)
    expected = ABOVE.search(text)
    assert (found and found.span()) == (expected and expected.span())
    assert _absolute(text) == bool(ABSOLUTE.search(text))
