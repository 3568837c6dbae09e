"""Which printable files a course has, where they go in the site, and how they are labelled.

Learner files live in `handouts/`, trainer files (answer keys, facilitator guide) in
`handouts/trainer/`, so a course can be published with or without the trainer folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.models import Curriculum

Kind = Literal["handout", "worksheet", "script", "workbook", "answer-key", "guide", "job-aid"]
FOLDER = "handouts"
TRAINER_FOLDER = f"{FOLDER}/trainer"
TRAINER_KINDS = ("answer-key", "guide")


@dataclass(frozen=True)
class Printable:
    """One printable file."""

    kind: Kind
    path: str  # site-relative
    label: str  # link text on pages, e.g. 'Handout'
    title: str  # what it is about, e.g. the lesson title
    lesson_id: str | None = None
    quiz_id: str | None = None
    conversation_id: str | None = None
    source: str | None = None  # a job aid's Markdown file
    pages: int | None = None  # most pages it may take
    for_trainers: bool = False

    @property
    def trainer(self) -> bool:
        """Trainer files hold answers; they are never offered on learner pages."""
        return self.kind in TRAINER_KINDS or self.for_trainers


def documents(cur: Curriculum) -> list[Printable]:
    """Every printable file of the course, learner files first, in course order."""
    learner: list[Printable] = []
    trainer: list[Printable] = []
    for ref in cur.ordered_lessons():
        lesson, mid = ref.lesson, ref.module.id
        learner.append(
            Printable(
                "handout",
                f"{FOLDER}/{mid}/{lesson.id}-handout.pdf",
                "Handout",
                lesson.title,
                lesson.id,
            )
        )
        for block in lesson.blocks:
            if block.type == "conversation":
                conv = cur.conversations[block.conversation]
                learner.append(
                    Printable(
                        "script",
                        f"{FOLDER}/{mid}/{lesson.id}-{conv.id}-script.pdf",
                        "Role-play script",
                        conv.title,
                        lesson.id,
                        conversation_id=conv.id,
                    )
                )
        quiz = cur.lesson_quiz(lesson)
        if quiz:
            learner.append(
                Printable(
                    "worksheet",
                    f"{FOLDER}/{mid}/{lesson.id}-worksheet.pdf",
                    "Quiz worksheet",
                    lesson.title,
                    lesson.id,
                    quiz.id,
                )
            )
            trainer.append(
                Printable(
                    "answer-key",
                    f"{TRAINER_FOLDER}/{mid}/{lesson.id}-answer-key.pdf",
                    "Answer key",
                    lesson.title,
                    lesson.id,
                    quiz.id,
                )
            )
    final = cur.final_quiz()
    if final:
        learner.append(
            Printable(
                "worksheet",
                f"{FOLDER}/{final.id}-worksheet.pdf",
                "Final assessment worksheet",
                final.title,
                quiz_id=final.id,
            )
        )
        trainer.append(
            Printable(
                "answer-key",
                f"{TRAINER_FOLDER}/{final.id}-answer-key.pdf",
                "Final assessment answer key",
                final.title,
                quiz_id=final.id,
            )
        )
    course = cur.course
    learner.append(
        Printable(
            "workbook", f"{FOLDER}/{course.id}-workbook.pdf", "Learner workbook", course.title
        )
    )
    for aid in course.job_aids:
        trainer_only = aid.edition == "trainer"
        folder = TRAINER_FOLDER if trainer_only else FOLDER
        (trainer if trainer_only else learner).append(
            Printable(
                "job-aid",
                f"{folder}/{aid.stem}.pdf",
                aid.title,
                course.title,
                source=aid.file,
                pages=aid.pages or None,
                for_trainers=trainer_only,
            )
        )
    trainer.insert(
        0,
        Printable(
            "guide",
            f"{TRAINER_FOLDER}/{course.id}-facilitator-guide.pdf",
            "Facilitator guide",
            course.title,
        ),
    )
    return learner + trainer


def human_size(size: int) -> str:
    """File size as people read it: '84 KB', '1.2 MB'."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"
