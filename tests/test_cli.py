"""The command line as an author meets it: exit codes, one-line errors, an intact site/."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import copy_project

LOCATED = re.compile(r"^[\w./-]+\.yaml:\d+:\d+: (error|warning): .+ \[[a-z-]+\]$")


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_build_then_broken_lesson_keeps_previous_site(tmp_path: Path) -> None:
    project = copy_project("mini-course", tmp_path)
    runner = CliRunner()
    ok = runner.invoke(cli, ["build", "-C", str(project), "--no-handouts"])
    assert ok.exit_code == 0, ok.output
    assert (project / "site" / "index.html").is_file()
    before = tree_digest(project / "site")

    lesson = project / "content" / "basics" / "first-lesson.yaml"
    lesson.write_text(lesson.read_text().replace("duration: 3", "duration: three"))
    bad = runner.invoke(cli, ["build", "-C", str(project), "--no-handouts"])

    assert bad.exit_code == 1
    lines = bad.output.strip().splitlines()
    assert lines[0] == (
        "content/basics/first-lesson.yaml:3:11: error: lesson 'first-lesson': "
        "duration: expected a whole number, found text 'three' [schema]"
    )
    assert "Traceback" not in bad.output
    assert tree_digest(project / "site") == before


def test_all_problems_reported_in_one_run(tmp_path: Path) -> None:
    project = copy_project("mini-course", tmp_path)
    first = project / "content" / "basics" / "first-lesson.yaml"
    first.write_text(first.read_text().replace("title: First lesson", "titel: First lesson"))
    quiz = project / "quizzes" / "second-lesson.yaml"
    quiz.write_text(quiz.read_text().replace("objective: explain", "objective: explian"))
    result = CliRunner().invoke(cli, ["validate", "-C", str(project)])
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if LOCATED.match(line)]
    assert (
        "content/basics/first-lesson.yaml:2:1: error: lesson 'first-lesson': titel: "
        "unknown key 'titel' (did you mean 'title'?) [schema]"
    ) in problems
    assert any(
        line.startswith("quizzes/second-lesson.yaml:7:16: error:") and "explian" in line
        for line in problems
    )


def test_validate_clean_course_exits_zero(mini_project: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "-C", str(mini_project)])
    assert result.exit_code == 0, result.output


def test_python_dash_m_generator_is_the_same_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, check=True
    )
    assert "build" in out.stdout and "validate" in out.stdout


def test_build_ends_by_saying_what_was_built_and_how_to_open_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project("mini-course", tmp_path)
    monkeypatch.chdir(project)  # paths are shown relative to where the author stands
    result = CliRunner().invoke(cli, ["build", "--no-handouts"])
    assert result.exit_code == 0, result.output
    site, *packages = result.output.strip().splitlines()[-4:]
    assert site.split()[:2] == ["Site:", "site/index.html"]
    assert "python3 -m http.server -d site" in site
    assert [lms.split()[1] for lms in packages] == [
        "site/downloads/mini-scorm12.zip",
        "site/downloads/mini-scorm2004.zip",
        "site/downloads/mini-cmi5.zip",
    ]
    for lms in packages:
        assert lms.split()[0] == "LMS:" and (project / lms.split()[1]).is_file()
    assert "Trainer:" not in result.output  # no handouts, so no trainer folder to point at
