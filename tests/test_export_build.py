"""Builds and the command line write the question banks for trainers, never for learners."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import BuildResult
from generator.cli import cli
from generator.outputs.exports import EXPORTS, FORMATS
from tests.conftest import copy_project


def test_build_writes_every_format_beside_the_learner_site(mini_build: BuildResult) -> None:
    assert mini_build.trainer_dir is not None  # even without handouts
    exports = mini_build.trainer_dir / EXPORTS
    names = sorted(p.name for p in exports.iterdir())
    assert names == sorted(f.file_name(mini_build.curriculum) for f in FORMATS.values())
    learner_files = {p.name for p in mini_build.site_dir.rglob("*")}
    assert not learner_files & set(names), "answer keys leaked into the learner site"


def test_exports_never_replace_a_folder_the_build_did_not_make(tmp_path: Path) -> None:
    project = copy_project("mini-course", tmp_path)
    mine = project / "site-trainer" / EXPORTS / "my-notes.txt"
    mine.parent.mkdir(parents=True)
    mine.write_text("keep me")
    result = CliRunner().invoke(cli, ["build", "-C", str(project), "--no-handouts"])
    assert result.exit_code == 1
    assert "site-trainer: holds files microlearn did not write" in result.output
    assert mine.read_text() == "keep me"


def test_export_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project("mini-course", tmp_path)
    result = CliRunner().invoke(
        cli, ["export", "moodle-xml", "-C", str(project), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "mini-moodle.xml").is_file()
    monkeypatch.chdir(tmp_path)
    default = CliRunner().invoke(cli, ["export", "gift", "-C", str(project)])
    assert default.exit_code == 0, default.output
    assert (tmp_path / "mini.gift").is_file()  # the current folder by default


def test_export_of_broken_course_is_located(tmp_path: Path) -> None:
    project = copy_project("mini-course", tmp_path)
    quiz = project / "quizzes" / "first-lesson.yaml"
    quiz.write_text(quiz.read_text().replace("answer: false", "answer: maybe"))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", "qti", "-C", str(project), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.startswith("quizzes/first-lesson.yaml:")
    assert "Traceback" not in result.output
    assert not out.exists()
