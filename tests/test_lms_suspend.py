"""suspend_data sizes: the build's encoding agrees with the runtime's, and a course whose
progress could overflow SCORM 1.2's 4,096 characters stops the build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import build, validate
from generator.cli import cli
from generator.errors import BuildError
from generator.outputs.base import SiteExtras
from generator.outputs.lms import LmsOutput, course_quizzes, suspend
from tests.conftest import FIXTURES, ROOT, copy_project

VECTORS = json.loads((FIXTURES / "suspend-vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda c: c["suspend"])
def test_encoding_matches_the_runtime(case: dict[str, object]) -> None:
    state = case["state"]
    assert isinstance(state, dict)
    results = {quiz: suspend.Result(r["v"], r["p"], r["s"]) for quiz, r in state["results"].items()}
    text = suspend.encode(state["attempt"], state["visited"], results, VECTORS["course"]["quizzes"])
    assert text == case["suspend"]


def test_worst_cases_match_the_runtime() -> None:
    for w in VECTORS["worst_case"]:
        assert suspend.worst_case(w["quizzes"], w["lessons"]) == w["length"]


def test_worst_case_is_the_longest_value() -> None:
    quizzes = [f"q{i}" for i in range(300)]
    full = {q: suspend.Result("0123456789ab", True, 100) for q in quizzes}
    text = suspend.encode("zzzz", range(300), full, quizzes)
    assert len(text) == suspend.worst_case(300, 300) == 3368
    assert (len(text) - suspend.worst_case(0, 300)) / 300 == 11  # characters per quiz


def test_the_shipped_course_fits() -> None:
    cur, _ = validate(ROOT)
    assert cur is not None
    assert suspend.worst_case(len(course_quizzes(cur)), len(cur.ordered_lessons())) <= 1000


def test_a_course_too_big_for_suspend_data_builds_without_that_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project("mini-course", tmp_path)
    build(project, handouts=False)  # its SCORM 1.2 zip must not outlive the next build
    monkeypatch.setattr(suspend, "LIMIT", 40)  # the mini course needs 2+4+1+1+1+3*11 = 42
    cur, _ = validate(project)
    assert cur is not None
    with pytest.raises(BuildError) as caught:  # --strict: every package is required
        LmsOutput(strict=True).plan(cur, SiteExtras(), root=project)
    message = str(caught.value)
    assert "cmi.suspend_data" in message and " 42 " in message and "at most 2 quizzes" in message

    result = build(project, handouts=False)  # otherwise: the site and the other packages
    downloads = sorted(p.name for p in (result.site_dir / "downloads").iterdir())  # no stale one
    assert downloads == ["mini-cmi5.zip", "mini-scorm2004.zip"]
    (warning,) = [w for w in result.warnings if w.rule == "lms-package"]
    assert warning.severity == "warning" and warning.path == "content/course.yaml"
    assert warning.message.startswith("mini-scorm12.zip not written: ")
    assert " 42 " in warning.message and "at most 2 quizzes" in warning.message

    out = CliRunner().invoke(cli, ["export", "scorm12", "-C", str(project), "-o", str(tmp_path)])
    assert out.exit_code == 1
    assert "mini-scorm12.zip not written" in out.output and "Traceback" not in out.output
    assert not (tmp_path / "mini-scorm12.zip").exists()
    assert suspend.worst_case(371, 0) <= 4096 < suspend.worst_case(372, 0)
