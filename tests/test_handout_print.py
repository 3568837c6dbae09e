"""Handouts print text blocks in full when the 2-page handout allows, follow the author's
`print:` and `handout:` choices, and say (as information, with -v) what they shorten."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator.build import build
from generator.cli import cli

CASES = Path(__file__).resolve().parent / "cases"
LESSON = "content/basics/first-steps.yaml"
BODY = (
    "    body: |\n"
    "      Using a customer's name shows that you have noticed them as a person.\n"
    "      Use it once near the start and once near the end of the contact.\n"
)
PARAGRAPH = (
    "Paragraph {n} of the long block explains again, in other words, why a name matters "
    "to a customer who has waited on hold, and how an agent can use it without sounding "
    "like a script: once near the start, once near the end, and never as a sales trick. "
)


def project_with(tmp_path: Path, body: str, extra: str = "") -> Path:
    project = shutil.copytree(CASES / "_base", tmp_path / "course")
    lesson = project / LESSON
    text = lesson.read_text().replace(BODY, f"{extra}    body: |\n{body}")
    lesson.write_text(text + "# microlearn: disable=reading-budget,duration-mismatch\n")
    return project


def paragraphs(count: int, words: str = PARAGRAPH) -> str:
    return "\n".join(f"      {words.format(n=n)}\n" for n in range(1, count + 1))


def handout_text(project: Path) -> str:
    result = build(project, site_dir=project / "site")
    pdf = result.site_dir / "handouts/basics/first-steps-handout.pdf"
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    return re.sub(r"\s+", " ", text)


def test_a_block_that_fits_prints_in_full(tmp_path: Path) -> None:
    text = handout_text(project_with(tmp_path, paragraphs(3)))
    for n in (1, 2, 3):
        assert f"Paragraph {n} of the long block" in text


@pytest.fixture(scope="module")
def long_lesson(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project_with(tmp_path_factory.mktemp("long"), paragraphs(30))


def test_condensing_is_reported_as_information_with_verbose(long_lesson: Path) -> None:
    note = (
        "content/basics/first-steps.yaml:10:5: info: lesson 'first-steps': the learner "
        "handout prints only the first paragraph of this block to fit the 2-page handout "
        "(set 'print: full' to keep it whole, or write a 'handout:' summary) [handout-summary]"
    )
    verbose = CliRunner().invoke(cli, ["validate", "-v", "-C", str(long_lesson)])
    assert verbose.exit_code == 0, verbose.output
    assert note in verbose.stdout.splitlines()
    assert "1 note(s)" in verbose.stderr
    plain = CliRunner().invoke(cli, ["validate", "--strict", "-C", str(long_lesson)])
    assert plain.exit_code == 0 and "info:" not in plain.stdout  # never an error, not shown
    text = handout_text(long_lesson)
    assert "Paragraph 1 of the long block" in text
    assert "Paragraph 30 of the long block" not in text


def test_the_authors_summary_and_omit_are_followed(tmp_path: Path) -> None:
    extra = "    handout: The short version, written for paper.\n"
    project = project_with(tmp_path, paragraphs(30), extra)
    lesson = project / LESSON
    text = handout_text(project)
    assert "The short version, written for paper." in text
    assert "Paragraph 1 of the long block" not in text
    lesson.write_text(lesson.read_text().replace(extra, "    print: omit\n"))
    text = handout_text(project)
    assert "Why names matter" not in text and "Paragraph 1" not in text
