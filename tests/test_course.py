"""The shipped course keeps the shape it promises learners and trainers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.blocks import reading_text
from generator.build import validate
from generator.models import (
    Curriculum,
    DialogueBlock,
    DoDontBlock,
    Lesson,
    ReflectionBlock,
    word_count,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def course() -> Curriculum:
    cur, problems = validate(ROOT, strict=True)
    assert problems == [], "\n".join(p.format() for p in problems)
    assert cur is not None
    return cur


def reading_words(lesson: Lesson) -> int:
    """Body text only (no titles or settings): what the duration promise is about."""
    parts = [lesson.intro]
    for block in lesson.blocks:
        parts += [p for p in reading_text(block) if p not in _titles(block)]
    return word_count(" ".join(parts))


def _titles(block: object) -> set[str]:
    return {getattr(block, name, None) or "" for name in ("title", "setting")} - {""}


def test_course_size(course: Curriculum) -> None:
    lessons = course.ordered_lessons()
    questions = sum(len(q.questions) for q in course.quizzes.values())
    assert len(course.modules) >= 7
    assert len(lessons) >= 28
    assert questions >= 140
    final = course.final_quiz()
    assert final is not None and final.pass_mark == 80
    assert course.glossary is not None and len(course.glossary.terms) >= 25


def test_final_assessment_is_a_bank_covering_every_objective(course: Curriculum) -> None:
    final = course.final_quiz()
    assert final is not None
    pools = Counter(q.objective.partition("/")[0] for q in final.questions)
    assessed = {q.objective for q in final.questions}
    for ref in course.ordered_lessons():
        assert pools[ref.lesson.id] >= 2, ref.lesson.id
        wanted = {f"{ref.lesson.id}/{o}" for o in ref.lesson.objective_ids()}
        assert wanted <= assessed, ref.lesson.id


def test_every_lesson_has_the_promised_parts(course: Curriculum) -> None:
    for ref in course.ordered_lessons():
        lesson = ref.lesson
        kinds = Counter(type(b) for b in lesson.blocks)
        assert 400 <= reading_words(lesson) <= 900, lesson.id
        assert 3 <= lesson.duration <= 6, lesson.id
        assert kinds[DialogueBlock] >= 1 and kinds[DoDontBlock] >= 1, lesson.id
        assert kinds[ReflectionBlock] >= 1, lesson.id
        assert all(d.setting for d in lesson.blocks if isinstance(d, DialogueBlock))
        notes = lesson.trainer_notes
        assert notes.discussion and notes.roleplay and notes.notes, lesson.id


def test_every_lesson_quiz_mixes_types_and_assesses_every_objective(course: Curriculum) -> None:
    for ref in course.ordered_lessons():
        quiz = course.lesson_quiz(ref.lesson)
        assert quiz is not None, ref.lesson.id
        types = Counter(q.type for q in quiz.questions)
        assert len(quiz.questions) >= 5 and types["scenario"] >= 1 and len(types) >= 3, quiz.id
        assessed = {q.objective for q in quiz.questions}
        assert set(ref.lesson.objective_ids()) <= assessed, quiz.id


def test_final_items_are_not_copied_from_lesson_quizzes(course: Curriculum) -> None:
    final = course.final_quiz()
    assert final is not None

    def said(q: object) -> set[str]:
        """What a learner reads in an item besides a generic stem: customer line and options."""
        texts = {getattr(q, "customer", None) or ""} | {o.text for o in getattr(q, "options", [])}
        return {" ".join(t.lower().split()) for t in texts if len(t.split()) >= 4}

    seen = set().union(
        *(said(q) for quiz in course.quizzes.values() if quiz is not final for q in quiz.questions)
    )
    for q in final.questions:
        assert not said(q) & seen, q.id
