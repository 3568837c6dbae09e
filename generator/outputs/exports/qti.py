"""IMS QTI 2.1 content package: one assessmentItem per question, one assessmentTest per quiz.

Mapping notes: single choice, scenarios and true/false are a `choiceInteraction` with one
answer; multiple choice allows any number, scored by a mapping (right options share 1,
wrong ones take it back, bounded 0..1); ordering is an `orderInteraction`. Feedback per
option is a `modalFeedback` shown for the chosen options; the explanation (with the
per-step feedback of ordering questions) is shown once answered. A written reply is an
`extendedTextInteraction` worth 0 with the model answer in a `rubricBlock` for scorers.
Each test carries the quiz's pass mark as a PASS outcome; an assessment's lesson pools
become sections that select their draw.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.models import Curriculum, Quiz
from generator.outputs.exports.bank import Choice, Item
from generator.outputs.exports.html import xhtml
from generator.outputs.exports.moodle import environment
from generator.reproducible import zip_entry

UNITS = 10**8
ITEM_TYPE = "imsqti_item_xmlv2p1"
TEST_TYPE = "imsqti_test_xmlv2p1"


def ncname(value: str) -> str:
    """An identifier QTI accepts (an XML NCName): slugs that start with a digit get a '_'."""
    value = re.sub(r"[^A-Za-z0-9_.-]", "_", value)
    return value if re.match(r"[A-Za-z_]", value) else f"_{value}"


@dataclass
class Resource:
    ident: str
    type: str
    href: str
    title: str = ""
    keywords: list[str] = field(default_factory=list)
    depends: list[str] = field(default_factory=list)


@dataclass
class Section:
    ident: str
    title: str
    select: int | None
    items: list[tuple[str, str]] = field(default_factory=list)  # (item ref, href from test)


def item_path(item: Item) -> str:
    return f"items/{ncname(item.ident)}.xml"


def write(items: list[Item], cur: Curriculum, target: Path) -> None:
    """The package as a zip file at `target`."""
    env = environment()
    files: dict[str, str] = {}
    resources: list[Resource] = []
    for item in items:
        files[item_path(item)] = env.get_template("qti-item.xml.j2").render(
            **_item_context(item, cur.quizzes[item.quiz_id])
        )
        resources.append(
            Resource(
                ncname(f"item-{item.ident}"),
                ITEM_TYPE,
                item_path(item),
                item.title,
                [*item.category, item.objective],
            )
        )
    for quiz_id, quiz_items in _by_quiz(items):
        quiz = cur.quizzes[quiz_id]
        path = f"tests/{ncname(quiz_id)}.xml"
        files[path] = env.get_template("qti-test.xml.j2").render(
            ident=ncname(f"test-{quiz_id}"), quiz=quiz, sections=_sections(quiz, quiz_items)
        )
        resources.append(
            Resource(
                ncname(f"test-{quiz_id}"),
                TEST_TYPE,
                path,
                quiz.title,
                depends=[ncname(f"item-{i.ident}") for i in quiz_items],
            )
        )
    files["imsmanifest.xml"] = env.get_template("qti-manifest.xml.j2").render(
        ident=ncname(f"{cur.course.id}-qti"), resources=resources, language=cur.course.language
    )
    with zipfile.ZipFile(target, "w") as zf:
        for name in ["imsmanifest.xml", *sorted(n for n in files if n != "imsmanifest.xml")]:
            zf.writestr(zip_entry(name), files[name])


def _by_quiz(items: list[Item]) -> Iterator[tuple[str, list[Item]]]:
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(item.quiz_id, []).append(item)
    yield from groups.items()


def _sections(quiz: Quiz, items: list[Item]) -> list[Section]:
    draw = getattr(getattr(quiz, "assessment", None), "draw", None)
    sections: dict[tuple[str, ...], Section] = {}
    for item in items:
        pool = item.category if draw else item.category[:0]
        if pool not in sections:
            title = pool[-1] if pool else quiz.title
            sections[pool] = Section(ncname(f"section-{len(sections) + 1}"), title, draw)
        sections[pool].items.append((ncname(item.ident), f"../{item_path(item)}"))
    return list(sections.values())


def _fraction(choice: Choice, choices: tuple[Choice, ...]) -> str:
    """Shares of 1 in units of 1e-8, rounded up so the right options reach the upper bound
    of 1, and the wrong ones together take back at least as much (ticking every option
    scores 0, as it does in Moodle)."""
    right = sum(c.correct for c in choices)
    plus = -(-UNITS // right)
    minus = -(-(plus * right) // max(len(choices) - right, 1))
    return f"{plus / UNITS:.8f}" if choice.correct else f"{-minus / UNITS:.8f}"


def _item_context(item: Item, quiz: Quiz) -> dict[str, Any]:
    if item.kind == "true_false":
        choices = [
            ("TRUE", Choice("True", "True", bool(item.answer), 0, item.if_true)),
            ("FALSE", Choice("False", "False", not item.answer, 0, item.if_false)),
        ]
    else:
        choices = [(f"C{n}", c) for n, c in enumerate(item.choices, 1)]
    steps = [(f"S{n}", xhtml(s.html)) for n, s in enumerate(item.steps, 1)]
    correct = (
        [k for k, _ in steps] if item.kind == "ordering" else [k for k, c in choices if c.correct]
    )
    option_feedback = [(k, xhtml(c.feedback)) for k, c in choices]
    general = item.general_feedback
    return dict(
        item=item,
        ident=ncname(item.ident),
        stem=xhtml(item.stem),
        choices=choices,
        correct=correct,
        steps=steps,
        option_feedback=option_feedback,
        general=xhtml(general) if general else "",
        grader=xhtml(item.grader_info),
        cardinality={"multiple": "multiple", "ordering": "ordered"}.get(item.kind, "single"),
        shuffle="true" if quiz.shuffle and item.kind != "true_false" else "false",
        fraction=lambda c: _fraction(c, item.choices),
    )
