"""Every bad input gives one located line, `path:line:col: severity: message [rule]`.

Each folder in tests/cases/ is a tiny project with one thing wrong and an expected.txt
holding exactly what `microlearn validate` prints for it. Paths are relative to the project.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import cli as cli_module
from generator.cli import cli
from generator.yamlload import MAX_FILE_BYTES

CASES = Path(__file__).resolve().parent / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("_"))
ROOT = Path(__file__).resolve().parent.parent


def expected(case: str) -> str:
    return (CASES / case / "expected.txt").read_text(encoding="utf-8")


def validate(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["validate", "-C", str(project), *args])
    # A user error is an exit code, never an exception escaping the command.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", CASE_NAMES)
def test_case_reports_exactly_the_expected_lines(case: str) -> None:
    code, out, err = validate(CASES / case)
    assert out == expected(case)
    assert code == (1 if ": error: " in out else 0)
    assert "Traceback" not in out + err


@pytest.mark.parametrize("case", [c for c in CASE_NAMES if expected(c)])
def test_strict_fails_on_every_case_and_calls_each_problem_an_error(case: str) -> None:
    code, out, _ = validate(CASES / case, "--strict")
    assert code == 1
    assert out == expected(case).replace(": warning: ", ": error: ")


def test_base_project_of_the_cases_is_clean() -> None:
    """The cases differ from this project in one place each, so it must have no problem."""
    code, out, err = validate(CASES / "_base", "--strict")
    assert (code, out) == (0, "")
    assert "0 error(s), 0 warning(s)" in err


@pytest.mark.parametrize(
    "case",
    [
        "yaml-syntax",
        "unknown-key",
        "dangling-quiz",
        "alias-bomb",
        "not-utf8",
        "unsafe-module-id",
        "reserved-lesson-id",
        "reserved-module-id",
        "mkdocs-python-tag",
        "mkdocs-wrong-type",
        "mkdocs-syntax",
    ],
)
def test_build_stops_with_the_same_lines_and_no_traceback(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = shutil.copytree(CASES / case, tmp_path / case)
    monkeypatch.setattr(sys, "argv", ["microlearn", "build", "-C", str(project)])
    with pytest.raises(SystemExit) as stop:
        cli_module.main()
    err = capsys.readouterr().err
    assert stop.value.code == 1
    assert err.splitlines()[0] == expected(case).strip()
    assert "Traceback" not in err
    assert not (project / "site").exists()


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    project = shutil.copytree(CASES / "_base", tmp_path / "big")
    lesson = project / "content" / "basics" / "first-steps.yaml"
    padding = "# " + "x" * 98 + "\n"
    lesson.write_text(lesson.read_text() + padding * (MAX_FILE_BYTES // 100 + 1))
    size = lesson.stat().st_size
    code, out, _ = validate(project)
    assert code == 1
    assert out == (
        f"content/basics/first-steps.yaml:1:1: error: file is {size:,} bytes; the "
        f"limit is {MAX_FILE_BYTES:,} bytes (split it into smaller lessons) "
        "[file-size]\n"
    )


@pytest.mark.parametrize("levels", [100, 10_000])
def test_deeply_nested_document_is_refused(tmp_path: Path, levels: int) -> None:
    # 100 levels is within every YAML library's own limit, 10,000 is beyond libyaml's: either
    # way the author gets our rule at the first node nested too deep (line 22, after 65 '[').
    project = shutil.copytree(CASES / "_base", tmp_path / "deep")
    lesson = project / "content" / "basics" / "first-steps.yaml"
    lesson.write_text(lesson.read_text() + "extra: " + "[" * levels + "]" * levels + "\n")
    code, out, _ = validate(project)
    assert code == 1
    assert out.count("\n") == 1
    assert out.startswith(f"content/basics/first-steps.yaml:22:{len('extra: ') + 65}: error: ")
    assert out.endswith(" [yaml-size]\n")


def test_github_format_annotates_each_problem_on_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # annotations are relative to the checkout
    code, out, _ = validate(CASES / "unknown-key", "--format", "github")
    assert code == 1
    assert out == (
        "::error file=tests/cases/unknown-key/content/basics/first-steps.yaml,"
        "line=3,col=1,title=schema::lesson 'first-steps': titel: unknown key "
        "'titel' (did you mean 'title'?)\n"
    )


def test_github_format_escapes_what_would_break_an_annotation(tmp_path: Path) -> None:
    from generator.errors import Problem
    from generator.report import render

    problem = Problem("a,b:c.yaml", 2, 3, "50% done\nnext line", "warning", "x")
    assert (
        render([problem], "github", Path.cwd())
        == "::warning file=a%2Cb%3Ac.yaml,line=2,col=3,title=x::50%25 done%0Anext line"
    )


def test_json_format_lists_problems_for_tools() -> None:
    code, out, _ = validate(CASES / "lint-position-bias", "--format", "json", "--strict")
    data = json.loads(out)
    assert code == 1
    assert data["errors"] == 1 and data["warnings"] == 0
    assert data["problems"] == [
        {
            "path": "quizzes/first-steps.yaml",
            "line": 4,
            "col": 1,
            "severity": "error",
            "rule": "position-bias",
            "message": "quiz 'first-steps': expected correct answers spread across positions, "
            "found 4 of 4 at option A (q1, q3, q4, q5)",
        }
    ]


def test_command_line_entry_point_prints_no_traceback() -> None:
    """The installed entry point, in its own process, as CI runs it."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "-C", str(CASES / "alias-recursive")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stdout == expected("alias-recursive")
    assert "Traceback" not in proc.stderr
