"""Learners' results files: made by the runtime's own module (run in node), merged by
`microlearn results merge` into one CSV per course, malformed files refused with a place."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.results import COLUMNS
from tests.exports_support import ROOT

RESULTS_JS = ROOT / "generator" / "engine" / "theme" / "assets" / "microlearn" / "results.js"
COURSE = {
    "id": "mini",
    "title": "Mini, the course",
    "version": "2",
    "quizzes": [
        {"id": "a", "title": "Check: a", "final": False, "pass_mark": 80},
        {"id": "final", "title": "Final", "final": True, "pass_mark": 50},
    ],
}


def make_file(
    folder: Path,
    name: str,
    learner: str,
    states: dict[str, Any],
    *,
    now: int = 1_760_000_000_000,
    csv_form: bool = False,
    course: dict[str, Any] = COURSE,
) -> Path:
    """A results file exactly as the browser writes it (same module, run by node)."""
    script = (
        f"const R = require({json.dumps(str(RESULTS_JS))});"
        f"const r = R.build({json.dumps(course)}, {json.dumps(states)}, "
        f"{json.dumps(learner)}, {now});"
        f"process.stdout.write({'R.toCsv(r)' if csv_form else 'JSON.stringify(r, null, 2)'});"
    )
    node = shutil.which("node")
    assert node, "node is needed to write results files like the browser does"
    done = subprocess.run([node, "-e", script], capture_output=True, check=True)
    path = folder / name
    path.write_bytes(done.stdout)  # bytes: CSV line ends stay as the browser wrote them
    return path


def merge(folder: Path, out: Path) -> Any:
    return CliRunner().invoke(cli, ["results", "merge", str(folder), "-o", str(out)])


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


PASSED = {
    "version": "x",
    "checked": True,
    "passed": True,
    "score": 100,
    "last": "passed",
    "updated": 1_750_000_000_000,
}
FAILED = {
    "version": "x",
    "checked": True,
    "passed": False,
    "score": 40,
    "last": "failed",
    "updated": 1_750_000_000_000,
}


def test_merge_one_row_per_learner_and_quiz(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    make_file(inbox, "ada.json", "Ada Lovelace", {"a": PASSED})
    make_file(inbox, "grace.csv", "=Grace Hopper", {"a": FAILED, "final": PASSED}, csv_form=True)
    result = merge(inbox, tmp_path / "results.csv")
    assert result.exit_code == 0, result.output
    assert "2 learner(s), 4 row(s)" in result.output
    rows = read_csv(tmp_path / "results.csv")
    assert list(rows[0]) == COLUMNS
    table = [(r["learner"], r["quiz_id"], r["status"], r["score"], r["passed"]) for r in rows]
    assert table == [
        ("'=Grace Hopper", "a", "failed", "40", "false"),
        ("'=Grace Hopper", "final", "passed", "100", "true"),
        ("Ada Lovelace", "a", "passed", "100", "true"),
        ("Ada Lovelace", "final", "not attempted", "", "false"),
    ]
    assert {r["course_title"] for r in rows} == {"Mini, the course"}


def test_a_learner_who_sent_two_files_keeps_latest_attempt_and_best_result(tmp_path: Path) -> None:
    make_file(tmp_path, "old.json", "Ada", {"a": PASSED}, now=1)
    later = {**FAILED, "updated": 1_760_000_000_000}
    make_file(tmp_path, "new.json", "ada ", {"a": later}, now=2)
    assert merge(tmp_path, tmp_path / "out" / "r.csv").exit_code == 0
    (row, _final) = read_csv(tmp_path / "out" / "r.csv")
    assert (row["status"], row["score"], row["best"], row["passed"]) == (
        "passed",
        "40",
        "100",
        "true",
    )


def test_one_csv_per_course(tmp_path: Path) -> None:
    make_file(tmp_path, "a.json", "Ada", {})
    make_file(tmp_path, "b.json", "Ada", {}, course={**COURSE, "id": "other"})
    result = merge(tmp_path, tmp_path / "results.csv")
    assert result.exit_code == 0, result.output
    assert read_csv(tmp_path / "results-mini.csv")[0]["course_id"] == "mini"
    assert read_csv(tmp_path / "results-other.csv")[0]["course_id"] == "other"


@pytest.mark.parametrize(
    ("damage", "where", "message"),
    [
        (
            lambda t: t.replace('"score": 100', '"score": "full"'),
            "20:16",
            "quizzes[0].score: expected a whole percent (0-100), found str",
        ),
        (
            lambda t: t.replace('"status": "passed"', '"status": "done"'),
            "19:17",
            "quizzes[0].status: expected one of passed, failed, not attempted",
        ),
        (
            lambda t: t.replace('"format": "microlearn-results"', '"format": "x"'),
            "2:13",
            "expected a microlearn results file",
        ),
        (
            lambda t: t.replace('"title": "Check: a",', '"title": "Check: a"'),
            "17:7",
            "expected JSON, found a syntax error",
        ),
    ],
)
def test_malformed_json_is_refused_with_its_place(
    tmp_path: Path, damage: Any, where: str, message: str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    make_file(inbox, "good.json", "Ada", {"a": PASSED})
    bad = make_file(inbox, "bad.json", "Bob", {"a": PASSED})
    bad.write_text(damage(bad.read_text()))
    result = merge(inbox, tmp_path / "results.csv")
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"{bad}:{where}: error: {message}"), first
    assert "Traceback" not in result.output and "nothing was written" in result.output
    assert not (tmp_path / "results.csv").exists()


def test_malformed_csv_is_refused_with_its_place(tmp_path: Path) -> None:
    bad = make_file(tmp_path, "bad.csv", "Ada", {"a": PASSED}, csv_form=True)
    lines = bad.read_bytes().decode().split("\r\n")
    lines[2] = lines[2].replace(",50,", ",fifty,")
    bad.write_bytes("\r\n".join(lines).encode())
    result = merge(tmp_path, tmp_path / "out.csv")
    assert result.exit_code == 1
    column = lines[2].index("fifty") + 1
    assert result.output.startswith(
        f"{bad}:3:{column}: error: pass_mark: expected a whole "
        "percent from 0 to 100, found 'fifty' [results]"
    )


def test_empty_folder_is_refused(tmp_path: Path) -> None:
    result = merge(tmp_path, tmp_path / "results.csv")
    assert result.exit_code == 1 and "found none" in result.output
