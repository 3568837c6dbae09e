"""What the exports must contain, worked out from the YAML (not from the export code),
and small readers shared by the export tests."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from generator.build import validate
from generator.markup import MarkupRenderer
from generator.models import Curriculum, Quiz

ROOT = Path(__file__).resolve().parent.parent
GIFT_PARSER = ROOT / "tests" / "tools" / "gift-parse.js"
_MD = MarkupRenderer(lambda _kind, _ident: "index.md")


def load_course(root: Path) -> Curriculum:
    """The validated course in `root` (a fresh copy each time: tests may change it)."""
    cur, problems = validate(root)
    assert cur is not None, problems
    return cur


def plain(html: str | None) -> str:
    """The words of an HTML fragment, white space folded."""
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split())


def md_plain(markdown: str | None) -> str:
    """The words a learner reads for a piece of author Markdown; text whose Markdown shows
    nothing (a lone '#') is exported as typed."""
    return plain(str(_MD.block(markdown, "index.md"))) or " ".join((markdown or "").split())


@dataclass(frozen=True)
class Expected:
    quiz: Quiz
    question: Any
    category: tuple[str, ...]

    @property
    def ident(self) -> str:
        return f"{self.quiz.id}-{self.question.id}"


def expected_questions(cur: Curriculum) -> list[Expected]:
    """Every question in course order with the category it must land in."""
    out: list[Expected] = []
    course = cur.course.title
    for ref in cur.ordered_lessons():
        quiz = cur.lesson_quiz(ref.lesson)
        if quiz:
            out += [
                Expected(quiz, q, (course, ref.module.title, ref.lesson.title))
                for q in quiz.questions
            ]
    final = cur.final_quiz()
    if final:
        for q in final.questions:
            pool = q.objective.split("/")[0] if "/" in q.objective else None
            lesson = cur.lessons.get(pool) if pool else None
            out.append(
                Expected(final, q, (course, final.title, *([lesson.title] if lesson else [])))
            )
    return out


def gift_parse(path: Path) -> list[dict[str, Any]]:
    """Questions as the independent parser (npm gift-pegjs) reads them."""
    node = shutil.which("node")
    assert node, "node is needed for the GIFT round trip (make test installs it)"
    assert (ROOT / "node_modules" / "gift-pegjs").is_dir(), "run: npm ci --no-audit --no-fund"
    done = subprocess.run(
        [node, str(GIFT_PARSER), str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    parsed: list[dict[str, Any]] = json.loads(done.stdout)
    return parsed
