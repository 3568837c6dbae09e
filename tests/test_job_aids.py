"""Job aids: Markdown files printed as PDFs, learner ones on the Handouts page, trainer ones
only on the trainer page, and a page limit that the type shrinks to meet."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from pypdf import PdfReader

from generator.build import BuildResult, build
from generator.cli import cli
from tests.conftest import copy_project

DESK_CARD = """## The listening loop

1. **Attend**: stop other work and face the customer or the screen.
2. **Acknowledge**: name what you heard before you act.
3. **Ask**: one open question, then let them finish.
4. **Check**: say it back in your own words.

## The question funnel

| Stage | Example |
| --- | --- |
| Open | What happened when you tried to log in? |
| Probe | Which message did you see? |
| Closed | Was that before or after the update? |

## Reminders

""" + "\n".join(f"- Reminder {n}: keep the customer's words in your notes." for n in range(42))

COACHING = """## Observation checklist

- Did the agent let the customer finish the first account?
- Did the agent say the problem back before offering a fix?
"""


@pytest.fixture(scope="module")
def aid_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = copy_project("handouts-course", tmp_path_factory.mktemp("aids"))
    (project / "content" / "desk-card.md").write_text(DESK_CARD, encoding="utf-8")
    (project / "content" / "coaching-guide.md").write_text(COACHING, encoding="utf-8")
    course = project / "content" / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8")
        + "job_aids:\n"
        + "  - {file: desk-card.md, title: Desk card, pages: 1}\n"
        + "  - {file: coaching-guide.md, title: Coaching guide, edition: trainer}\n",
        encoding="utf-8",
    )
    return build(project)


def text(pdf: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_desk_card_fits_its_one_page_and_keeps_every_line(aid_build: BuildResult) -> None:
    pdf = aid_build.site_dir / "handouts" / "desk-card.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1  # at full size it takes two: the type shrank to fit
    body = " ".join(text(pdf).split())
    assert "Desk card" in body and "The question funnel" in body
    assert "Reminder 41" in body  # shrunk, not cut


def test_learner_page_links_the_desk_card_only(aid_build: BuildResult) -> None:
    page = BeautifulSoup((aid_build.site_dir / "handouts.html").read_text(), "html.parser")
    hrefs = {a["href"] for a in page.select("a[download]")}
    assert "handouts/desk-card.pdf" in hrefs
    assert not any("coaching-guide" in h for h in hrefs)


def test_coaching_guide_is_trainer_edition(aid_build: BuildResult) -> None:
    trainer_dir = aid_build.trainer_dir
    assert trainer_dir is not None  # trainer files are their own output, not in the site
    pdf = trainer_dir / "handouts" / "trainer" / "coaching-guide.pdf"
    assert not (aid_build.site_dir / "handouts" / "trainer").exists()
    assert (
        "Trainer edition" in " ".join(text(pdf).split()).title()
        or "TRAINER EDITION" in text(pdf).upper()
    )
    trainer = (trainer_dir / "index.html").read_text()
    assert "coaching-guide.pdf" in trainer


def test_missing_job_aid_file_is_located(tmp_path: Path) -> None:
    project = copy_project("handouts-course", tmp_path)
    course = project / "content" / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8") + "job_aids:\n  - {file: desk-card.md, title: Card}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", "-C", str(project)])
    assert result.exit_code == 1
    assert result.stdout.startswith("content/course.yaml:15:")
    assert "job aid: expected a file content/desk-card.md" in result.stdout
