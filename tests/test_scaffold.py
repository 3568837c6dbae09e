"""`microlearn new lesson`: the new files validate and the module lists the lesson."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.build import validate
from generator.cli import cli
from generator.schema import SCHEMA_DIR

CASES = Path(__file__).resolve().parent / "cases"


def new_project(tmp_path: Path) -> Path:
    return shutil.copytree(CASES / "_base", tmp_path / "course")


def test_new_lesson_is_valid_strict_and_listed_in_its_module(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    module = project / "content/basics/module.yaml"
    module.write_text(module.read_text().replace("lessons:", "lessons:  # in course order"))
    result = CliRunner().invoke(
        cli,
        ["new", "lesson", "-C", str(project), "basics/active-silence", "--title", "Q&A: silence"],
    )
    assert result.exit_code == 0, result.output
    assert "created content/basics/active-silence.yaml" in result.stderr
    lesson = project / "content/basics/active-silence.yaml"
    quiz = project / "quizzes/active-silence.yaml"
    assert 'title: "Q&A: silence"' in lesson.read_text()
    assert module.read_text().endswith(
        "lessons:  # in course order\n  - first-steps\n  - active-silence\n"
    )
    for path, kind in ((lesson, "lesson"), (quiz, "quiz")):
        header = path.read_text().splitlines()[0]
        target = (path.parent / header.split("$schema=")[1]).resolve()
        assert target == (SCHEMA_DIR / f"{kind}.schema.json").resolve()
    _, problems = validate(project, strict=True)
    assert problems and {p.rule for p in problems} == {"todo-placeholder"}
    for path in (lesson, quiz):  # with the placeholders written, the course is clean
        path.write_text(path.read_text().replace("TODO: ", ""))
    cur, problems = validate(project, strict=True)
    assert [p.format() for p in problems] == []
    assert cur is not None and list(cur.modules[0].lessons) == ["first-steps", "active-silence"]


def test_new_lesson_appends_to_a_flow_style_list(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    module = project / "content/basics/module.yaml"
    module.write_text(
        module.read_text().replace("lessons:\n  - first-steps\n", "lessons: [first-steps]\n")
    )
    CliRunner().invoke(cli, ["new", "lesson", "-C", str(project), "basics/wrap-up"])
    assert "lessons: [first-steps, wrap-up]\n" in module.read_text()
    _, problems = validate(project)
    assert [p for p in problems if p.severity == "error"] == []


def test_new_lesson_refuses_unsafe_or_existing_ids(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    for where, message in [
        ("basics/../../etc", "expected MODULE/LESSON-ID with lowercase slugs"),
        ("basics/first-steps", "content/basics/first-steps.yaml: 'first-steps' already exists"),
        ("nowhere/new-one", "content/nowhere/module.yaml: module 'nowhere' not found"),
        ("basics/index", "lesson id 'index' is reserved"),
    ]:
        result = CliRunner().invoke(cli, ["new", "lesson", "-C", str(project), where])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: {message}")
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
