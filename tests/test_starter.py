"""A new author's first commands: init, new module, new lesson in it, new quiz.

Each step leaves a course that validates (only the `TODO:` placeholders are reported) and,
once the placeholders are written, passes `validate --strict` and builds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.build import validate
from generator.cli import cli
from generator.schema import SCHEMA_DIR
from generator.starter import STARTER


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def rules_of(project: Path) -> set[str]:
    _, problems = validate(project, strict=True)
    return {p.rule for p in problems}


def write_placeholders(project: Path) -> None:
    """What an author does next: replace every TODO text (here: keep the words)."""
    for path in [*project.glob("content/**/*.yaml"), *project.glob("quizzes/*.yaml")]:
        path.write_text(path.read_text().replace("TODO: ", ""))


@pytest.fixture
def course(tmp_path: Path) -> Path:
    result = run("init", str(tmp_path / "complaints"), "--title", "Handling complaints")
    assert result.exit_code == 0, result.output
    return tmp_path / "complaints"


def test_init_creates_a_course_that_only_lacks_its_own_words(course: Path) -> None:
    assert sorted(snapshot(course)) == [
        ".github/workflows/publish.yml",
        ".gitignore",
        "content/course.yaml",
        "content/getting-started/first-lesson.yaml",
        "content/getting-started/module.yaml",
        "mkdocs.yml",
        "quizzes/first-lesson.yaml",
        "requirements.txt",
    ]
    assert (course / ".github/workflows/publish.yml").read_text() == (
        STARTER / "publish.yml"
    ).read_text()
    assert "site_name: Handling complaints" in (course / "mkdocs.yml").read_text()
    assert "/site/" in (course / ".gitignore").read_text().splitlines()
    assert rules_of(course) == {"todo-placeholder"}
    write_placeholders(course)
    assert rules_of(course) == set()


def test_schema_headers_point_at_the_installed_schemas(course: Path) -> None:
    for path in course.rglob("*.yaml"):
        header = path.read_text().splitlines()[0]
        assert header.startswith("# yaml-language-server: $schema=")
        target = (path.parent / header.split("$schema=")[1]).resolve()
        assert target.parent == SCHEMA_DIR.resolve() and target.is_file(), path


def test_init_course_builds_site_handouts_and_package(course: Path) -> None:
    result = run("build", "-C", str(course))
    assert result.exit_code == 0, result.output
    site = course / "site"
    assert (site / "getting-started/first-lesson.html").is_file()
    assert list(site.glob("downloads/*.zip")) and list(site.rglob("*.pdf"))


def test_init_refuses_a_folder_that_has_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run("init", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path}: already exists and is not empty")
    assert snapshot(tmp_path) == {"notes.txt": b"mine"}


def test_new_module_then_its_first_lesson(course: Path) -> None:
    course_file = course / "content/course.yaml"
    result = run("new", "module", "-C", str(course), "angry-callers", "--title", "Angry callers")
    assert result.exit_code == 0, result.output
    assert "next: microlearn new lesson angry-callers/<lesson-id>" in result.stderr
    assert course_file.read_text().endswith(
        "modules:  # add modules with: microlearn new module <module-id>\n"
        "  - getting-started\n  - angry-callers\n"
    )
    module = course / "content/angry-callers/module.yaml"
    assert "title: Angry callers\n" in module.read_text()

    result = run("new", "lesson", "-C", str(course), "angry-callers/calm-voice")
    assert result.exit_code == 0, result.output
    assert module.read_text().endswith("  - calm-voice\n")
    cur, problems = validate(course)
    assert [p for p in problems if p.severity == "error"] == []
    assert cur is not None
    assert [m.id for m in cur.modules] == ["getting-started", "angry-callers"]
    assert cur.modules[1].lessons == ["calm-voice"]


def test_new_quiz_for_a_lesson_without_one(course: Path) -> None:
    lesson = course / "content/getting-started/first-lesson.yaml"
    lesson.write_text(
        lesson.read_text().replace("quiz: first-lesson\n", "").replace("id: apply", "id: greet")
    )
    (course / "quizzes/first-lesson.yaml").unlink()
    result = run("new", "quiz", "-C", str(course), "first-lesson")
    assert result.exit_code == 0, result.output
    assert lesson.read_text().endswith("quiz: first-lesson\n")
    quiz = (course / "quizzes/first-lesson.yaml").read_text()
    assert quiz.count("objective: greet") == 2
    write_placeholders(course)
    assert rules_of(course) == set()
    again = run("new", "quiz", "-C", str(course), "first-lesson")
    assert again.exit_code == 1
    assert "quiz 'first-lesson' already exists" in again.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["module", "index"],
        ["module", "search"],
        ["lesson", "getting-started/assets"],
        ["lesson", "getting-started/certificate"],
    ],
)
def test_reserved_ids_are_refused_and_nothing_is_written(course: Path, args: list[str]) -> None:
    before = snapshot(course)
    result = run("new", args[0], "-C", str(course), args[1])
    assert result.exit_code == 1
    assert "is reserved for the site's own pages" in result.stderr
    assert snapshot(course) == before


def test_new_in_a_folder_that_is_not_a_project(tmp_path: Path) -> None:
    result = run("new", "module", "-C", str(tmp_path), "basics")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: content/course.yaml: not found; is '{tmp_path}' a "
        "microlearn project? (start one with: microlearn init <folder>)\n"
    )
