"""Cross-file references: what an author sees when two files disagree, and silence when they
agree. Projects are tests/cases/_base plus a second lesson in the same module."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import validate as run_validate

CASES = Path(__file__).resolve().parent / "cases"
FIRST = "content/basics/first-steps.yaml"
SECOND = "content/basics/second-steps.yaml"
GLOSSARY = "terms:\n  - id: notice\n    term: Notice\n    definition: To see and register.\n"


def second_lesson(quiz: str | None = None, extra: str = "") -> str:
    return (
        "id: second-steps\ntitle: Second steps\nduration: 1\nobjectives:\n"
        "  - id: close\n    text: Close a contact by name.\n"
        "intro: Every contact ends with a goodbye.\nblocks:\n  - type: text\n"
        "    title: Why endings matter\n    body: The last words are the ones remembered.\n"
        "takeaways:\n  - Close warmly.\n  - Use their name.\n  - Thank them.\n"
        "trainer_notes:\n  timing: 10\n" + (f"quiz: {quiz}\n" if quiz else "") + extra
    )


def project(tmp_path: Path, second: str, body: str = "", glossary: bool = False) -> Path:
    root = shutil.copytree(CASES / "_base", tmp_path / "p")
    module = root / "content" / "basics" / "module.yaml"
    module.write_text(module.read_text() + "  - second-steps\n")
    (root / SECOND).write_text(second)
    if body:
        first = root / FIRST
        text = first.read_text().replace("as a person.", f"as a person. {body}")
        first.write_text(text)
    if glossary:
        (root / "content" / "glossary.yaml").write_text(GLOSSARY)
    return root


def lines(root: Path) -> list[str]:
    return [p.format() for p in run_validate(root)[1]]


def test_quiz_used_by_two_lessons_is_an_error_at_the_second_lessons_quiz(
    tmp_path: Path,
) -> None:
    assert lines(project(tmp_path, second_lesson("first-steps"))) == [
        f"{SECOND}:18:7: error: lesson 'second-steps': quiz 'first-steps' is already used by "
        "lesson 'first-steps' [duplicate-id]"
    ]


def test_links_to_a_lesson_and_a_glossary_term_that_exist_are_accepted(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        second_lesson(),
        "[Next](lesson:second-steps), [noticed](glossary:notice).",
        glossary=True,
    )
    cur, problems = run_validate(root)
    assert [p.format() for p in problems] == [
        f"{SECOND}:5:9: warning: lesson 'second-steps': objective 'close' is not assessed by "
        "any question (add one to a quiz) [objective-unassessed]"
    ]
    assert cur is not None
    assert [m.id for m in cur.modules] == ["basics"]
    assert cur.module_of == {"first-steps": "basics", "second-steps": "basics"}
    assert cur.glossary is not None and [t.id for t in cur.glossary.terms] == ["notice"]
    assert cur.job_aids == {}


def test_link_to_a_lesson_that_failed_to_load_adds_no_second_error(tmp_path: Path) -> None:
    # A glossary term is not a lesson: its link is checked even if a lesson has that name.
    root = project(
        tmp_path,
        second_lesson(extra="colour: blue\n"),
        "[Next](lesson:second-steps), [noticed](glossary:second-steps).",
        glossary=True,
    )
    first, second = lines(root)  # the schema message lists the keys a lesson may have
    assert first == (
        f"{FIRST}:12:11: error: link to glossary 'second-steps': no such glossary term [reference]"
    )
    assert second.startswith(
        f"{SECOND}:18:1: error: lesson 'second-steps': colour: unknown key 'colour' "
    )


def quiz_file(quiz_id: str, objective: str, extra: str = "") -> str:
    return (
        f"id: {quiz_id}\ntitle: Check\n{extra}questions:\n  - id: q1\n    type: true_false\n"
        f"    objective: {objective}\n"
        "    prompt: A goodbye can be skipped when the queue is long.\n    answer: false\n"
        "    if_true: Skipping it leaves the customer unsure the contact ended.\n"
        "    if_false: A short goodbye still tells the customer the contact is over.\n"
    )


def test_a_lesson_that_failed_to_load_is_not_reported_again_elsewhere(tmp_path: Path) -> None:
    # Its quiz looks unused, the glossary and another quiz point at it: one error is enough.
    root = project(tmp_path, second_lesson("second-steps", extra="colour: blue\n"))
    (root / "quizzes" / "second-steps.yaml").write_text(quiz_file("second-steps", "close"))
    (root / "content" / "glossary.yaml").write_text(GLOSSARY + "    lessons: [second-steps]\n")
    quiz = root / "quizzes" / "first-steps.yaml"
    quiz.write_text(quiz.read_text().replace("objective: greet", "objective: second-steps/x", 1))
    assert [line.split(": error: ")[0] for line in lines(root)] == [f"{SECOND}:19:1"]


def test_a_quiz_that_failed_to_load_is_not_reported_again_elsewhere(tmp_path: Path) -> None:
    root = project(tmp_path, second_lesson("second-steps"))
    (root / "quizzes" / "second-steps.yaml").write_text(
        quiz_file("second-steps", "close", "x: 1\n")
    )
    (root / "quizzes" / "final.yaml").write_text(quiz_file("final", "greet", "x: 1\n"))
    course = root / "content" / "course.yaml"
    course.write_text(course.read_text() + "final_assessment: final\n")
    assert [line.split(": error: ")[0] for line in lines(root)] == [
        "quizzes/final.yaml:3:1",
        "quizzes/second-steps.yaml:3:1",
    ]


def test_final_assessment_question_must_name_the_objectives_lesson(tmp_path: Path) -> None:
    root = project(tmp_path, second_lesson("second-steps"))
    (root / "quizzes" / "second-steps.yaml").write_text(quiz_file("second-steps", "close"))
    (root / "quizzes" / "final.yaml").write_text(quiz_file("final", "greet"))
    course = root / "content" / "course.yaml"
    course.write_text(course.read_text() + "final_assessment: final\n")
    assert [line for line in lines(root) if line.endswith("[reference]")] == [
        "quizzes/final.yaml:6:16: error: quiz 'final' question 'q1': objective 'greet' needs "
        "its lesson, as '<lesson-id>/greet', because this quiz belongs to no lesson [reference]"
    ]


def test_objective_assessed_only_by_the_final_assessment_is_assessed(tmp_path: Path) -> None:
    root = project(tmp_path, second_lesson())
    (root / "quizzes" / "final.yaml").write_text(quiz_file("final", "second-steps/close"))
    course = root / "content" / "course.yaml"
    course.write_text(course.read_text() + "final_assessment: final\n")
    # the course-wide final-bank rules judge the bank's size; this is about coverage alone
    assert [line for line in lines(root) if "[final-" not in line] == []
