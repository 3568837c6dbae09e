"""Printable handouts: real builds of a two-lesson fixture course, PDFs parsed back with pypdf."""

from __future__ import annotations

import json
import logging
import os
import pty
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.build import BuildResult, build
from generator.errors import BuildError, ContentError
from generator.models import (
    OrderingQuestion,
    Quiz,
    ReplyQuestion,
    ScenarioQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)
from generator.outputs.handouts import qr
from generator.outputs.handouts.plan import human_size
from generator.outputs.lms import package_path
from tests.conftest import copy_project

SITE_URL = "https://training.example.org/listening"
LESSONS = {"hearing-vs-listening", "undivided-attention"}
LEARNER = [
    "handouts/foundations/hearing-vs-listening-handout.pdf",
    "handouts/foundations/hearing-vs-listening-worksheet.pdf",
    "handouts/foundations/undivided-attention-handout.pdf",
    "handouts/foundations/undivided-attention-worksheet.pdf",
    "handouts/final-check-worksheet.pdf",
    "handouts/handouts-fixture-workbook.pdf",
]
TRAINER = [
    "handouts/trainer/handouts-fixture-facilitator-guide.pdf",
    "handouts/trainer/foundations/hearing-vs-listening-answer-key.pdf",
    "handouts/trainer/foundations/undivided-attention-answer-key.pdf",
    "handouts/trainer/final-check-answer-key.pdf",
]


def squash(text: str) -> str:
    """Text without white space: PDF extraction breaks lines wherever the layout did."""
    return re.sub(r"\s+", "", text)


def plain(markdown: str) -> str:
    """Author Markdown as it reads in print, squashed: no emphasis marks."""
    return squash(re.sub(r"[*_`]", "", markdown))


def pdf_text(path: Path) -> str:
    return squash("".join(page.extract_text() for page in PdfReader(path).pages))


def cache_names(project: Path) -> dict[str, str]:
    """Cache entries: note file -> the PDF it holds."""
    folder = project / ".microlearn" / "cache" / "handouts"
    return {p.name: json.loads(p.read_text())["name"] for p in folder.glob("*.json")}


@pytest.fixture(scope="session")
def handout_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project("handouts-course", tmp_path_factory.mktemp("handouts"))


@pytest.fixture(scope="session")
def handout_build(handout_project: Path) -> BuildResult:
    return build(handout_project, site_url=SITE_URL)


@pytest.fixture(scope="session")
def quizzes(handout_build: BuildResult) -> dict[str, Quiz]:
    return handout_build.curriculum.quizzes


def answer_texts(quiz: Quiz) -> tuple[list[str], list[str]]:
    """(reasons a trainer's key must show, every piece of feedback a learner must not see)."""
    shown, secret = [], []
    for q in quiz.questions:
        if q.explanation:
            shown.append(q.explanation)
            secret.append(q.explanation)
        if isinstance(q, TrueFalseQuestion):
            shown.append(q.if_true if q.answer else q.if_false)
            secret += [q.if_true, q.if_false]
        elif isinstance(q, OrderingQuestion):
            shown += [s.feedback for s in q.steps]
            secret += [s.feedback for s in q.steps]
        elif isinstance(q, ReplyQuestion):
            shown.append(q.model_answer)
            secret.append(q.model_answer)
        else:
            shown += [o.feedback for o in q.options if o.correct]
            secret += [o.feedback for o in q.options]
    return shown, secret


def test_every_printable_file_is_published_trainer_files_apart(
    handout_build: BuildResult,
) -> None:
    site, trainer = handout_build.site_dir, handout_build.trainer_dir
    assert trainer == site.with_name("site-trainer")
    found = sorted(str(p.relative_to(site)) for p in site.rglob("*.pdf"))
    assert found == sorted(LEARNER)
    kept = sorted(str(p.relative_to(trainer)) for p in trainer.rglob("*.pdf"))
    assert kept == sorted(TRAINER)
    index = (trainer / "index.html").read_text()
    for rel in TRAINER:
        assert f'href="{rel}"' in index
    assert (trainer / ".microlearn-output").is_file()  # replaced only by the build


def test_handouts_fit_two_pages_with_title_objectives_and_link(handout_build: BuildResult) -> None:
    cur = handout_build.curriculum
    for ref in cur.ordered_lessons():
        path = handout_build.site_dir / f"handouts/foundations/{ref.lesson.id}-handout.pdf"
        reader = PdfReader(path)
        text = pdf_text(path)
        assert 1 <= len(reader.pages) <= 2
        assert reader.metadata is not None and reader.metadata.title == ref.lesson.title
        assert squash(ref.lesson.title) in text
        for objective in ref.lesson.objectives:
            assert squash(objective.text) in text
        for takeaway in ref.lesson.takeaways:
            assert squash(takeaway) in text
        # Course name and "page X of Y" in the footer of every page.
        assert text.count(squash(cur.course.title)) >= len(reader.pages)
        assert f"Page{len(reader.pages)}of{len(reader.pages)}" in text
        # The way back online: printed short URL and a clickable link.
        online = f"{SITE_URL}/foundations/{ref.lesson.id}.html"
        assert squash(online.removeprefix("https://")) in text
        uris = [
            a.get_object().get("/A", {}).get("/URI")
            for page in reader.pages
            for a in page.get("/Annots") or []
        ]
        assert online in uris
        assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4


def test_learner_files_never_show_answers(
    handout_build: BuildResult, quizzes: dict[str, Quiz]
) -> None:
    secrets = [plain(text) for quiz in quizzes.values() for text in answer_texts(quiz)[1]]
    for rel in LEARNER:
        text = pdf_text(handout_build.site_dir / rel)
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{rel} shows feedback: {leaked[:2]}"
        assert "answerkey" not in text.lower()


def test_trainer_files_hold_every_answer_with_its_reason(
    handout_build: BuildResult, quizzes: dict[str, Quiz]
) -> None:
    site = handout_build.trainer_dir
    assert site is not None
    guide = pdf_text(site / TRAINER[0])
    for quiz in quizzes.values():
        name = {"final-check": "final-check"}.get(quiz.id, f"foundations/{quiz.id}")
        key = pdf_text(site / f"handouts/trainer/{name}-answer-key.pdf")
        for reason in answer_texts(quiz)[0]:
            assert plain(reason) in key
            assert plain(reason) in guide
        for q in quiz.questions:
            if isinstance(q, (SingleQuestion, ScenarioQuestion)):
                correct = next(o.text for o in q.options if o.correct)
                assert squash(correct) in key


def test_worksheet_has_every_question_and_ordering_key_matches_it(
    handout_build: BuildResult, quizzes: dict[str, Quiz]
) -> None:
    site = handout_build.site_dir
    quiz = quizzes["hearing-vs-listening"]
    sheet = pdf_text(site / "handouts/foundations/hearing-vs-listening-worksheet.pdf")
    trainer = handout_build.trainer_dir
    assert trainer is not None
    key = pdf_text(trainer / "handouts/trainer/foundations/hearing-vs-listening-answer-key.pdf")
    assert "Name" in sheet and "Date" in sheet
    for q in quiz.questions:
        if not isinstance(q, OrderingQuestion):
            continue
        # The sheet lists the steps lettered A, B, C... in a scrambled order...
        lettered = {}
        for letter in "ABCDEFGH"[: len(q.steps)]:
            step = next(s.text for s in q.steps if f"{letter}{squash(s.text)}" in sheet)
            lettered[letter] = step
        assert list(lettered.values()) != [s.text for s in q.steps]
        # ...numbered blanks to write them in order, and the key's letters give the order.
        assert "".join(f"{n}." for n in range(1, len(q.steps) + 1)) in sheet
        letters = re.search(r"Answer([A-H](?:–[A-H])+)", key)
        assert letters is not None
        assert [lettered[x] for x in letters.group(1).split("–")] == [s.text for s in q.steps]


def test_site_pages_link_every_download_with_its_size(handout_build: BuildResult) -> None:
    site = handout_build.site_dir
    lesson_page = (site / "foundations/hearing-vs-listening.html").read_text()
    for rel in LEARNER[:2]:
        size = human_size((site / rel).stat().st_size)
        assert re.search(
            rf'href="\.\./{re.escape(rel)}"[^>]*>[^<]+</a> '
            rf'<span class="ml-size">\(PDF, {size}\)',
            lesson_page,
        )
    handouts_page = (site / "handouts.html").read_text()
    for rel in LEARNER:
        assert f'href="{rel}"' in handouts_page
        assert f"PDF, {human_size((site / rel).stat().st_size)}," in handouts_page
    for rel in TRAINER:
        assert rel not in handouts_page and rel not in lesson_page
    assert "trainer.html" not in handouts_page and not (site / "trainer.html").exists()
    home = (site / "index.html").read_text()
    assert 'href="handouts.html"' in home


def test_unchanged_rebuild_renders_nothing_and_an_edit_only_its_lesson(
    handout_build: BuildResult,
    handout_project: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    project = tmp_path / "course"
    shutil.copytree(handout_project, project, ignore=shutil.ignore_patterns("site", "build"))
    before = cache_names(project)
    with caplog.at_level(logging.INFO, logger="generator.outputs.handouts"):
        build(project, site_url=SITE_URL)
    assert "handouts: 0 PDFs rendered, 10 from cache" in caplog.text
    assert cache_names(project) == before

    lesson_file = project / "content/foundations/undivided-attention.yaml"
    lesson = yaml.safe_load(lesson_file.read_text())
    lesson["takeaways"][0] = "A new takeaway that only the printed handout shows."
    lesson_file.write_text(yaml.safe_dump(lesson, sort_keys=False))
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="generator.outputs.handouts"):
        result = build(project, site_url=SITE_URL)
    rendered = {name for note, name in cache_names(project).items() if note not in before}
    assert rendered == {
        "handouts/foundations/undivided-attention-handout.pdf",
        "handouts/handouts-fixture-workbook.pdf",
    }
    assert "handouts: 2 PDFs rendered, 8 from cache" in caplog.text
    handout = result.site_dir / "handouts/foundations/undivided-attention-handout.pdf"
    assert squash("A new takeaway that only the printed handout shows.") in pdf_text(handout)


def test_letter_paper_and_no_site_url(
    handout_build: BuildResult,
    handout_project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MICROLEARN_SITE_URL", raising=False)
    project = tmp_path / "course"
    shutil.copytree(handout_project, project, ignore=shutil.ignore_patterns("site", "build"))
    result = build(project, paper="letter")
    path = result.site_dir / "handouts/foundations/hearing-vs-listening-handout.pdf"
    reader = PdfReader(path)
    assert (reader.pages[0].mediabox.width, reader.pages[0].mediabox.height) == (612, 792)
    assert len(reader.pages) <= 2
    # Without a site URL the handout prints the lesson's path in the site, and no web link.
    assert "foundations/hearing-vs-listening.html" in pdf_text(path)
    assert "example.org" not in pdf_text(path)
    assert "US Letter" in (result.site_dir / "handouts.html").read_text()


def test_a_long_lesson_is_condensed_to_two_pages_and_author_html_sanitised(
    handout_project: Path, handout_build: BuildResult, tmp_path: Path
) -> None:
    project = tmp_path / "course"
    shutil.copytree(handout_project, project, ignore=shutil.ignore_patterns("site", "build"))
    lesson_file = project / "content/foundations/hearing-vs-listening.yaml"
    lesson = yaml.safe_load(lesson_file.read_text())
    lesson["intro"] += "\n\n<script>alert('handout')</script><b onclick=\"x()\">Bold</b>\n"
    for block in lesson["blocks"]:
        if block["type"] == "dialogue":
            block["lines"] = block["lines"] * 2
            block["debrief"] = "A debrief long enough to matter. " * 12
        if block["type"] == "text":
            block["body"] = (
                "A first paragraph that keeps going. " * 6
                + "\n\n"
                + "A second paragraph the handout can drop. " * 20
            )
    lesson_file.write_text(yaml.safe_dump(lesson, sort_keys=False))
    result = build(project, site_url=SITE_URL)
    path = result.site_dir / "handouts/foundations/hearing-vs-listening-handout.pdf"
    text = pdf_text(path)
    assert len(PdfReader(path).pages) <= 2
    assert squash("A debrief long enough") not in text  # condensed: debriefs go first
    assert squash("A second paragraph the handout can drop.") not in text
    assert "alert" not in text and "Bold" in text


def test_missing_system_libraries_give_one_line_naming_debian_packages(
    handout_project: Path, tmp_path: Path
) -> None:
    project = tmp_path / "course"
    shutil.copytree(
        handout_project, project, ignore=shutil.ignore_patterns("site", "build", ".microlearn")
    )
    # Pango is made unloadable at the one place WeasyPrint loads it.
    script = (
        "import cffi, sys\n"
        "real = cffi.FFI.dlopen\n"
        "def dlopen(self, name, flags=0):\n"
        "    if 'pango' in str(name):\n"
        "        raise OSError(f'cannot load library {name!r}')\n"
        "    return real(self, name, flags)\n"
        "cffi.FFI.dlopen = dlopen\n"
        "from generator.cli import main\n"
        f"sys.argv = ['microlearn', 'build', '-C', {str(project)!r}]\n"
        "main()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    errors = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core" in errors[0]
    assert not (project / "site").exists()


def test_pdf_progress_redraws_on_a_terminal_and_is_brief_in_logs(
    handout_project: Path, tmp_path: Path
) -> None:
    project = tmp_path / "course"
    shutil.copytree(handout_project, project, ignore=shutil.ignore_patterns("site", "build"))
    lesson_file = project / "content/foundations/hearing-vs-listening.yaml"
    command = [sys.executable, "-m", "generator", "build", "-C", str(project)]
    primary, secondary = pty.openpty()
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=secondary
    ) as proc:
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=300) == 0
    os.close(primary)
    shown = b"".join(chunks).decode()
    assert "Rendering PDFs" in shown and "\r" in shown and "/s" in shown  # one updating line

    lesson_file.write_text(
        lesson_file.read_text().replace("Hearing is not listening", "Hearing is not yet listening")
    )
    piped = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0
    assert "Rendering PDFs" not in piped.stderr and "PDFs rendered" in piped.stderr

    shutil.rmtree(project / ".microlearn" / "cache")  # cold again, into a log this time
    piped = subprocess.run(command, capture_output=True, text=True, timeout=300)
    lines = [ln for ln in piped.stderr.splitlines() if ln.startswith("Rendering PDFs")]
    assert "\r" not in piped.stderr
    assert 1 <= len(lines) <= 10 and "(100%)" in lines[-1] and "/s" in lines[-1]


def test_site_url_comes_from_option_then_course_then_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(qr.SITE_URL_ENV, "https://env.example.org")
    assert qr.site_url(None, None) == "https://env.example.org/"
    assert qr.site_url(None, "https://course.example.org/x") == "https://course.example.org/x/"
    assert qr.site_url("https://flag.example.org/", "https://c.example.org") == (
        "https://flag.example.org/"
    )
    monkeypatch.delenv(qr.SITE_URL_ENV)
    assert qr.site_url(None, None) is None


def test_trainer_in_site_opt_in_publishes_them_but_never_in_the_lms_package(
    handout_build: BuildResult, handout_project: Path, tmp_path: Path
) -> None:
    project = tmp_path / "course"  # a copy with the PDF cache, so nothing is re-rendered
    shutil.copytree(handout_project, project, ignore=shutil.ignore_patterns("site*"))
    (project / "microlearn.yaml").write_text("trainer_in_site: true\n")
    result = build(project, site_url=SITE_URL)
    site = result.site_dir
    assert result.trainer_dir is None and not (project / "site-trainer").exists()
    for rel in TRAINER:
        assert (site / rel).is_file()
    assert 'href="trainer.html"' in (site / "handouts.html").read_text()
    with zipfile.ZipFile(site / package_path(result.curriculum)) as package:
        names = package.namelist()
    assert [n for n in names if "trainer" in n] == []
    assert "handouts/handouts-fixture-workbook.pdf" in names


def test_a_foreign_trainer_folder_is_never_replaced(handout_project: Path, tmp_path: Path) -> None:
    project = tmp_path / "course"
    shutil.copytree(handout_project, project, ignore=shutil.ignore_patterns("site*", ".microlearn"))
    mine = project / "site-trainer" / "my-notes.txt"
    mine.parent.mkdir()
    mine.write_text("a trainer's own notes")
    with pytest.raises(BuildError, match="site-trainer: holds files microlearn did not write"):
        build(project)
    assert mine.read_text() == "a trainer's own notes" and not (project / "site").exists()


def test_no_learner_page_reaches_a_trainer_file(handout_build: BuildResult) -> None:
    """Crawl every link of the built site from the home page: none leads to trainer files."""
    site = handout_build.site_dir
    trainer = handout_build.trainer_dir
    assert trainer is not None
    seen: set[Path] = set()
    todo = [site / "index.html"]
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("[href], [src]"):
            ref = str(tag.get("href") or tag.get("src")).split("#")[0].split("?")[0]
            if not ref or re.match(r"^[a-z]+:", ref):
                continue
            target = (page.parent / ref).resolve()
            assert "trainer" not in target.relative_to(site.resolve()).as_posix(), (page, ref)
            if target.is_dir():
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                todo.append(target)
    assert len(seen) >= 6  # home, module, lessons, final, glossary, handouts
    assert not any("trainer" in p.as_posix() for p in site.rglob("*"))
    for pdf in trainer.rglob("*.pdf"):  # and the trainer files are not in the site at all
        assert not (site / pdf.relative_to(trainer)).exists()


def test_a_trainer_folder_left_aside_by_a_killed_swap_is_put_back(
    handout_build: BuildResult, handout_project: Path, tmp_path: Path
) -> None:
    project = tmp_path / "course"
    shutil.copytree(handout_project, project, ignore=shutil.ignore_patterns(".microlearn"))
    # A build killed between its two renames leaves the previous folder under an .old- name.
    (project / "site-trainer").rename(project / "site-trainer.old-1-deadbeef")
    (project / "content/course.yaml").write_text("id: [broken\n")  # this build stops early
    with pytest.raises(ContentError):
        build(project)
    assert (project / "site-trainer/index.html").is_file()
    assert not list(project.glob("site-trainer.old-*"))
