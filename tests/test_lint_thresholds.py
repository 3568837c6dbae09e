"""Each quiz lint rule one step on either side of its threshold, with the exact line an
author reads. The quizzes are built question by question on top of tests/cases/_base, whose
own questions (q1 single at option A with two options, q2 true/false) are clean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import validate as run_validate
from generator.lint.lesson import reading_words
from generator.lint.quiz import _pile_up_chance
from tests.test_lint import _lesson_of_words, lint_lines

CASES = Path(__file__).resolve().parent / "cases"
TOPICS = ["greeting", "closing", "spelling", "pronouncing", "holding", "transferring"]
QUIZ = "quizzes/first-steps.yaml"


def single(qid: str, correct: int, texts: list[str], kind: str = "single") -> str:
    """A question with its own topic words (so no two questions are near-duplicates)."""
    topic = TOPICS[int(qid[1:]) - 3]
    out = (
        f"  - id: {qid}\n    type: {kind}\n    objective: greet\n"
        f"    prompt: What about {topic}?\n    options:\n"
    )
    for i, text in enumerate(texts):
        out += f"      - text: {text} {topic}\n"
        out += "        correct: true\n" if i == correct else ""
        out += f"        feedback: Here is why option {i + 1} fits {topic} or not.\n"
    return out


def lint(tmp_path: Path, questions: str, config: str = "") -> list[str]:
    """Every problem `validate` reports for the base project with `questions` appended."""
    project = shutil.copytree(CASES / "_base", tmp_path / "p")
    quiz = project / QUIZ
    quiz.write_text(quiz.read_text(encoding="utf-8") + questions, encoding="utf-8")
    if config:
        (project / "microlearn.yaml").write_text(config, encoding="utf-8")
    return [p.format() for p in run_validate(project)[1]]


LETTERS4 = ["A", "B", "C", "D"]  # one-letter options share no counted word
SHORT, MID, LONG = "No", "Maybe so", "Certainly, and here is why"


# ------------------------------------------------------------------------- longest-correct


def test_longest_correct_fires_at_three_of_five(tmp_path: Path) -> None:
    lines = lint(
        tmp_path,
        single("q3", 1, [SHORT, LONG, MID])
        + single("q4", 2, [MID, SHORT, LONG])
        + single("q5", 0, [LONG, MID, SHORT])
        + single("q6", 1, [LONG, SHORT, MID])
        + single("q7", 2, [MID, LONG, SHORT]),
    )
    assert lines == [
        f"{QUIZ}:4:1: warning: quiz 'first-steps': expected the correct option to be the "
        "longest in at most half of the questions, found 3 of 5 (q3, q4, q5); learners can "
        "guess by length, so make distractors as long and specific [longest-correct]"
    ]


def test_longest_correct_is_quiet_at_exactly_half(tmp_path: Path) -> None:
    lines = lint(
        tmp_path,
        single("q3", 1, [SHORT, LONG, MID])
        + single("q4", 2, [MID, SHORT, LONG])
        + single("q5", 0, [LONG, MID, SHORT])
        + single("q6", 1, [LONG, SHORT, MID])
        + single("q7", 2, [MID, LONG, SHORT])
        + single("q8", 0, [SHORT, LONG, MID]),
    )
    assert lines == []


def test_longest_correct_needs_three_questions(tmp_path: Path) -> None:
    lines = lint(
        tmp_path, single("q3", 1, [SHORT, LONG, MID]) + single("q4", 2, [MID, SHORT, LONG])
    )
    assert lines == []


def test_longest_correct_ignores_ties_and_two_option_questions(tmp_path: Path) -> None:
    # q3, q4 longest; q5 ties with a distractor; q6 is longest but has only two options;
    # q7 has one correct answer among multiple-answer options, so it counts like a single.
    lines = lint(
        tmp_path,
        single("q3", 1, [SHORT, LONG, MID])
        + single("q4", 2, [MID, SHORT, LONG])
        + single("q5", 0, ["Same length", "Same-length", SHORT])
        + single("q6", 1, [SHORT, LONG])
        + single("q7", 0, [MID, LONG, SHORT], kind="multiple"),
    )
    assert lines == []


def test_longest_correct_counts_a_multiple_answer_question_with_one_right(
    tmp_path: Path,
) -> None:
    lines = lint(
        tmp_path,
        single("q3", 1, [SHORT, LONG, MID])
        + single("q4", 2, [MID, SHORT, LONG])
        + single("q5", 0, [LONG, MID, SHORT], kind="multiple"),
    )
    assert [line.rsplit("[", 1)[1] for line in lines] == ["longest-correct]"]
    assert "found 3 of 3 (q3, q4, q5)" in lines[0]


# ------------------------------------------------------------------------- position-bias


def test_pile_up_chance_is_the_union_bound_of_exact_binomials() -> None:
    assert _pile_up_chance([2, 2], 2) == pytest.approx(0.5)  # each letter: 1/4
    assert _pile_up_chance([2, 4, 4], 3) == pytest.approx(2 / 32)
    # five 4-option questions, 4 or more at one letter: 4 * (5 * 3/4**5 + 1/4**5)
    assert _pile_up_chance([4] * 5, 4) == pytest.approx(4 * 16 / 1024)
    assert _pile_up_chance([3, 4], 1) == pytest.approx(3 * (1 - 2 / 3 * 3 / 4) + 1 / 4)
    assert _pile_up_chance([4, 4], 0) == pytest.approx(4.0)


def test_position_bias_fires_at_three_of_three_with_four_options(tmp_path: Path) -> None:
    # q1 (two options) and two 4-option questions all at A: chance 1/16, under 1 in 10.
    lines = lint(
        tmp_path,
        single("q3", 0, LETTERS4) + single("q4", 0, LETTERS4),
    )
    assert lines == [
        f"{QUIZ}:4:1: warning: quiz 'first-steps': expected correct answers spread across "
        "positions, found 3 of 3 at option A (q1, q3, q4) [position-bias]"
    ]


def test_position_bias_is_quiet_when_chance_explains_it(tmp_path: Path) -> None:
    # Three at A with three options each after q1: chance 1/18 per letter... but q3 at C
    # leaves 2 of 3 at A, which happens in most quizzes.
    lines = lint(
        tmp_path,
        single("q3", 2, LETTERS4) + single("q4", 0, LETTERS4),
    )
    assert lines == []


def test_position_bias_names_the_letter_that_piles_up(tmp_path: Path) -> None:
    opts = ["A", "B", "C", "D", "E"]
    lines = lint(
        tmp_path,
        single("q3", 1, opts)
        + single("q4", 1, opts)
        + single("q5", 1, opts)
        + single("q6", 1, opts),
    )
    assert lines == [
        f"{QUIZ}:4:1: warning: quiz 'first-steps': expected correct answers spread across "
        "positions, found 4 of 5 at option B (q3, q4, q5, q6) [position-bias]"
    ]


# ------------------------------------------------------------------------- option-feedback


def test_true_false_and_ordering_feedback_are_held_to_the_same_bar(tmp_path: Path) -> None:
    questions = (
        "  - id: q3\n    type: true_false\n    objective: greet\n"
        "    prompt: A greeting can wait until the customer has finished.\n    answer: false\n"
        "    if_true: Correct.\n"
        "    if_false: Wrong.\n"
        "  - id: q4\n    type: ordering\n    objective: greet\n"
        "    prompt: Put the opening of the contact in order.\n    steps:\n"
        "      - text: Say hello\n        feedback: A greeting comes before anything else.\n"
        "      - text: Give your name\n        feedback: A greeting comes before anything else!\n"
        "      - text: Ask how to help\n        feedback: Only then does the customer explain.\n"
    )
    assert lint(tmp_path, questions) == [
        f"{QUIZ}:27:14: warning: quiz 'first-steps' question 'q3': expected feedback that "
        "says why, found only 'Correct.' [option-feedback]",
        f"{QUIZ}:28:15: warning: quiz 'first-steps' question 'q3': expected feedback that "
        "says why, found only 'Wrong.' [option-feedback]",
        f"{QUIZ}:37:19: warning: quiz 'first-steps' question 'q4': expected feedback "
        "specific to each choice, found the same text as steps[0].feedback [option-feedback]",
    ]


@pytest.mark.parametrize(
    ("feedback", "shown"),
    [
        ("Incorrect, try again later today.", None),  # four words: long enough
        ("Not quite!", "Not quite!"),
        (
            "Supercalifragilisticexpialidocious antidisestablishment",
            "Supercalifragilisticexpialidocious an...",
        ),
        ("Abcdefghijklmn abcdefghijklmn abcdefghij", "Abcdefghijklmn abcdefghijklmn abcdefghij"),
    ],
)
def test_bare_feedback_is_quoted_on_one_short_line(
    tmp_path: Path, feedback: str, shown: str | None
) -> None:
    project_quiz = single("q3", 1, ["A", "B", "C"]).replace(
        "Here is why option 1 fits greeting or not.", feedback
    )
    lines = [line for line in lint(tmp_path, project_quiz) if "option-feedback" in line]
    assert lines == (
        []
        if shown is None
        else [
            f"{QUIZ}:28:19: warning: quiz 'first-steps' question 'q3': expected feedback that "
            f"says why, found only '{shown}' [option-feedback]"
        ]
    )


# ------------------------------------------------------------------------- negative-stem


def test_negative_stem_skips_statements_and_sequences(tmp_path: Path) -> None:
    questions = (
        "  - id: q3\n    type: true_false\n    objective: greet\n"
        "    prompt: Which greeting is not polite? A rushed one.\n    answer: true\n"
        "    if_true: A rushed greeting tells the customer they are a chore.\n"
        "    if_false: A rushed greeting tells the customer they are a burden.\n"
        "  - id: q4\n    type: ordering\n    objective: greet\n"
        "    prompt: Which step is never first? Order them.\n    steps:\n"
        "      - text: Say hello\n        feedback: A greeting comes before anything else.\n"
        "      - text: Give your name\n        feedback: Your name follows, so they can use it.\n"
        "      - text: Ask how to help\n        feedback: Only then does the customer explain.\n"
    )
    assert lint(tmp_path, questions) == []


def test_negative_stem_shows_the_word_in_capitals(tmp_path: Path) -> None:
    # q3 comes after the base quiz's true/false question, which the rule skips.
    lines = lint(
        tmp_path,
        single("q3", 1, ["A", "B", "C"]).replace(
            "What about greeting?", "Which greeting is not polite?"
        ),
    )
    assert lines == [
        f"{QUIZ}:25:13: warning: quiz 'first-steps' question 'q3': negative stem 'not' is "
        "easy to misread; rephrase positively or write it as **NOT** [negative-stem]"
    ]


# ------------------------------------------------------------------------- near-duplicate


def true_false(qid: str, prompt: str) -> str:
    return (
        f"  - id: {qid}\n    type: true_false\n    objective: greet\n    prompt: {prompt}\n"
        f"    answer: true\n    if_true: This is the reason {qid} holds in a real contact.\n"
        f"    if_false: This is the reason {qid} fails in a real contact.\n"
    )


SEVEN = "alpha bravo charlie delta echo foxtrot golf"


@pytest.mark.parametrize(
    ("other", "fires"),
    [
        (f"{SEVEN} kilo lima", True),  # 7 shared of 10 distinct words: exactly 70%
        (f"{SEVEN[:-5]} india", False),  # 6 of 9: one more shared word would tip it
        (f"{SEVEN} kilo lima mike", False),  # 7 of 11
        # words of two letters and stopwords are not counted
        (f"{SEVEN} kilo lima ab cd the and which", True),
    ],
)
def test_near_duplicate_fires_at_seventy_percent_shared_words(
    tmp_path: Path, other: str, fires: bool
) -> None:
    lines = lint(tmp_path, true_false("q3", f"{SEVEN} hotel") + true_false("q4", other))
    expected = (
        f"{QUIZ}:29:5: warning: quiz 'first-steps' question 'q4': near-duplicate of quiz "
        f"'first-steps' question 'q3' ({QUIZ}:22); ask something different [near-duplicate]"
    )
    assert lines == ([expected] if fires else [])


SAME_OPTIONS = ["Repeat their words back", "Promise a refund", "Transfer them quickly"]


@pytest.mark.parametrize("kind", ["single", "scenario", "ordering"])
def test_near_duplicate_reads_options_steps_and_the_customers_words(
    tmp_path: Path, kind: str
) -> None:
    def question(qid: str, prompt: str) -> str:
        if kind == "ordering":
            steps = "".join(
                f"      - text: {t}\n        feedback: Step {i} of {qid} comes here for a reason.\n"
                for i, t in enumerate(SAME_OPTIONS)
            )
            return (
                f"  - id: {qid}\n    type: ordering\n    objective: greet\n"
                f"    prompt: {prompt}\n    steps:\n{steps}"
            )
        out = single(qid, 0, ["A", "B", "C"], kind).replace(
            f"What about {TOPICS[int(qid[1:]) - 3]}?", prompt
        )
        if kind == "scenario":  # the shared words are what the customer says
            out = out.replace(
                "    options:\n",
                "    customer: My parcel arrived broken twice already and nobody called me back "
                "about it.\n    options:\n",
            )
        else:
            for letter, text in zip("ABC", SAME_OPTIONS, strict=True):
                out = out.replace(f"text: {letter} ", f"text: {text} ")
        return out

    lines = lint(tmp_path, question("q3", "Pick one.") + question("q4", "Choose one."))
    assert [line.rsplit("[", 1)[1] for line in lines] == ["near-duplicate]"]


def test_near_duplicate_skips_a_question_with_no_counted_words(tmp_path: Path) -> None:
    lines = lint(tmp_path, true_false("q3", "Is it so?") + true_false("q4", "Is it so?"))
    assert lines == []


# ------------------------------------------------------------------------- lesson rules

LESSON = "content/basics/first-steps.yaml"


def test_duration_range_starts_at_the_first_whole_minute_inside_it(tmp_path: Path) -> None:
    # 1,100 words at 100 words per minute: 11 minutes, give or take 5.5, so 6 to 16.
    config = "  words_per_minute: 100\n  disable: [reading-budget]\n"
    assert lint_lines(_lesson_of_words(tmp_path, 1100, config, duration=5)) == [
        f"{LESSON}:4:11: warning: lesson 'first-steps': duration: expected 6 to 16 minutes "
        "(1,100 words at 100 words per minute), found 5 [duration-mismatch]"
    ]


def test_reading_time_counts_link_text_but_not_markup(tmp_path: Path) -> None:
    def words(extra: str) -> int:
        root = shutil.copytree(CASES / "_base", tmp_path / str(len(extra)))
        lesson = root / LESSON
        lesson.write_text(lesson.read_text().replace("as a person.", f"as a person. {extra}"))
        cur = run_validate(root)[0]
        assert cur is not None
        return reading_words(cur.lessons["first-steps"])

    assert words('<span class="aside">one</span> [two](https://example.com/a-b-c)') == words("") + 2


@pytest.mark.parametrize("duration", [4, 5, 15, 16])
def test_duration_mismatch_allows_half_the_measured_time_either_way(
    tmp_path: Path, duration: int
) -> None:
    # 1,000 words at 100 words per minute: 10 minutes, give or take 5.
    config = "  words_per_minute: 100\n  disable: [reading-budget]\n"
    lines = lint_lines(_lesson_of_words(tmp_path, 1000, config, duration=duration))
    assert lines == (
        []
        if duration in (5, 15)
        else [
            f"{LESSON}:4:11: warning: lesson 'first-steps': duration: expected 6 to 15 minutes "
            f"(1,000 words at 100 words per minute), found {duration} [duration-mismatch]"
        ]
    )


def test_reading_budget_names_minutes_and_words(tmp_path: Path) -> None:
    config = "  words_per_minute: 100\n  reading_budget: 10\n  disable: [duration-mismatch]\n"
    assert lint_lines(_lesson_of_words(tmp_path, 1001, config)) == [
        f"{LESSON}:9:1: warning: lesson 'first-steps': expected at most 10 minutes of reading "
        "(1,000 words at 100 words per minute), found 1,001 words; split the lesson or cut it "
        "[reading-budget]"
    ]


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.mark.parametrize(
    ("image", "fires"),
    [
        ('<img src="media/a.png" alt="A name badge">', False),
        ("<img src='media/a.png' alt='A name badge'>", False),
        ("<img src=media/a.png alt=badge>", False),
        ("![A name badge](media/a.png)", False),
        ("Say it if a < b, and b > c.", False),
        ('<img src="media/a.png" alt=" ">', True),
        ('<img src="media/a.png">', True),
        ("![ ](media/a.png)", True),
        ('![A name badge](media/a.png) <IMG SRC="media/b.png">', True),
    ],
)
def test_image_alt_accepts_any_non_blank_alt_text(tmp_path: Path, image: str, fires: bool) -> None:
    root = shutil.copytree(CASES / "_base", tmp_path / "p")
    (root / "content" / "media").mkdir()
    for name in ("a.png", "b.png"):  # the images exist: only the alt text is in question
        (root / "content" / "media" / name).write_bytes(PNG)
    lesson = root / LESSON
    lesson.write_text(lesson.read_text().replace("as a person.", f"as a person. {image}"))
    assert lint_lines(root) == (
        [
            f"{LESSON}:13:{77 + image.find('<IMG') if '<IMG' in image else 77}: warning: "
            "lesson 'first-steps': image without alt text; describe "
            "it for learners who cannot see it (![what it shows](media/file.png)) [image-alt]"
        ]
        if fires
        else []
    )


# ------------------------------------------------------------------------- rule switches


def test_unknown_rule_ids_are_each_reported_with_a_hint_when_one_is_close(
    tmp_path: Path,
) -> None:
    root = shutil.copytree(CASES / "_base", tmp_path / "p")
    (root / "microlearn.yaml").write_text("lint:\n  disable: [position-bias, alt, qqqq]\n")
    quiz = root / QUIZ
    quiz.write_text("# microlearn: disable=qqqq, alt\n" + quiz.read_text())
    assert lint_lines(root) == [
        "microlearn.yaml:2:28: warning: microlearn.yaml: lint.disable[1]: unknown rule 'alt' "
        "(did you mean 'image-alt'?) [config]",
        "microlearn.yaml:2:33: warning: microlearn.yaml: lint.disable[2]: unknown rule "
        "'qqqq' [config]",
        f"{QUIZ}:1:1: warning: disable comment: unknown rule 'alt' (did you mean "
        "'image-alt'?) [config]",
        f"{QUIZ}:1:1: warning: disable comment: unknown rule 'qqqq' [config]",
    ]
