"""What the command prints: -q errors only, -v more, both before or after the command name;
warnings and errors reported together."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import cli
from tests.conftest import copy_project

CASES = Path(__file__).resolve().parent / "cases"
WARNING = (
    "quizzes/spare.yaml:1:5: warning: quiz 'spare' is not used by any lesson nor as "
    "the final assessment [unused]"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def error_and_warning(tmp_path: Path) -> Path:
    """A project with one error (a duplicate objective) and one warning (an unused quiz)."""
    project = shutil.copytree(CASES / "unused-quiz", tmp_path / "both")
    lesson = project / "content/basics/first-steps.yaml"
    lesson.write_text(
        lesson.read_text().replace(
            "    text: Greet a customer by name.\n",
            "    text: Greet a customer by name.\n  - id: greet\n    text: Greet them again.\n",
        )
    )
    return project


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_prints_errors_only_before_or_after_the_command(where: str, tmp_path: Path) -> None:
    project = str(error_and_warning(tmp_path))
    args = (
        ["-q", "validate", "-C", project]
        if where == "before"
        else ["validate", "-C", project, "-q"]
    )
    result = run(*args)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/basics/first-steps.yaml:8:9: error: lesson 'first-steps': duplicate objective "
        "id 'greet' [duplicate-id]"
    ]
    assert result.stderr == ""


def test_without_quiet_warnings_and_errors_come_in_the_same_run(tmp_path: Path) -> None:
    project = str(error_and_warning(tmp_path))
    result = run("validate", "-C", project)
    assert result.exit_code == 1
    assert WARNING in result.stdout.splitlines()
    assert "1 error(s), 1 warning(s)" in result.stderr
    build = run("build", "-C", project, "--no-handouts")
    assert build.exit_code == 1
    assert WARNING in build.stderr.splitlines()
    assert any(
        ": error: " in line and "duplicate objective" in line for line in build.stderr.splitlines()
    )


@pytest.mark.parametrize("args", [["-q", "build"], ["build", "-q"]])
def test_quiet_build_of_a_clean_course_prints_nothing(args: list[str], tmp_path: Path) -> None:
    project = copy_project("mini-course", tmp_path)
    result = run(*args, "-C", str(project), "--no-handouts")
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert (project / "site/index.html").is_file()


def test_build_says_what_it_built_without_quiet(tmp_path: Path) -> None:
    project = copy_project("mini-course", tmp_path)
    result = run("build", "-C", str(project), "--no-handouts")
    assert result.exit_code == 0, result.output
    assert "Built 2 lessons" in result.stderr


def test_verbose_is_accepted_after_any_command_and_counts() -> None:
    for args in (
        ["validate", "-vv", "-C", str(CASES / "_base")],
        ["-v", "validate", "-v", "-C", str(CASES / "_base")],
        ["schema", "--help", "-v"],
        ["new", "lesson", "-v", "--help"],
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)


def test_quiet_in_its_own_process_as_ci_runs_it(tmp_path: Path) -> None:
    project = error_and_warning(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--quiet", "-C", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert "warning" not in proc.stdout + proc.stderr
    assert proc.stdout.count(": error: ") == 1


def test_outside_a_project_says_so(tmp_path: Path) -> None:
    expected = (
        f"content/course.yaml:1:1: error: '{tmp_path}' is not a microlearn project: "
        "expected content/course.yaml there"
    )
    validate = run("validate", "-C", str(tmp_path))
    assert validate.exit_code == 1 and validate.stdout.startswith(expected)
    build = run("build", "-C", str(tmp_path))
    assert build.exit_code == 1 and build.stderr.startswith(expected)


def test_information_notes_never_fail_and_have_their_own_names() -> None:
    from generator import report
    from generator.errors import Problem

    note = Problem(
        "content/a.yaml", 3, 5, "the handout prints a summary", "info", "handout-summary"
    )
    warning = Problem("content/a.yaml", 4, 1, "a warning", "warning", "x")
    assert report.promote([note, warning], strict=True) == [
        note,
        Problem("content/a.yaml", 4, 1, "a warning", "error", "x"),
    ]
    assert report.render([note], "github", Path.cwd()).startswith("::notice file=content/a.yaml")
    assert '"notes": 1' in report.render([note], "json", Path.cwd())
    assert report.summary([note, warning]) == "0 error(s), 1 warning(s), 1 note(s)"
    assert report.visible([note, warning], 0) == [warning]
    assert report.visible([note, warning], 1) == [note, warning]
    assert report.visible([note, warning], -1) == []
