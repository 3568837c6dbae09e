"""Builds and the command line write the question banks for trainers, never for learners."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import BuildResult, build
from generator.cli import cli
from generator.outputs.exports import EXPORTS, FORMATS
from tests.conftest import copy_project


@pytest.fixture(scope="module")
def full_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(copy_project("mini-course", tmp_path_factory.mktemp("exports")))


def test_build_writes_every_format_into_the_trainer_output(full_build: BuildResult) -> None:
    assert full_build.trainer_dir is not None
    exports = full_build.trainer_dir / EXPORTS
    names = sorted(p.name for p in exports.iterdir())
    assert names == sorted(f.file_name(full_build.curriculum) for f in FORMATS.values())
    learner_files = {p.name for p in full_build.site_dir.rglob("*")}
    assert not learner_files & set(names), "answer keys leaked into the learner site"


def test_a_preview_build_writes_no_answer_keys(tmp_path: Path) -> None:
    project = copy_project("mini-course", tmp_path)
    result = CliRunner().invoke(cli, ["build", "-C", str(project), "--no-handouts"])
    assert result.exit_code == 0, result.output
    assert not (project / "site-trainer").exists()
    assert not list((project / "site").rglob("*.gift"))


def test_export_command(tmp_path: Path) -> None:
    project = copy_project("mini-course", tmp_path)
    result = CliRunner().invoke(
        cli, ["export", "moodle-xml", "-C", str(project), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "mini-moodle.xml").is_file()
    default = CliRunner().invoke(cli, ["export", "gift", "-C", str(project)])
    assert default.exit_code == 0, default.output
    assert (project / EXPORTS / "mini.gift").is_file()


@pytest.mark.parametrize("fmt", ["qti", "scorm2004"])  # a question bank, an LMS package
def test_export_of_broken_course_is_located(fmt: str, tmp_path: Path) -> None:
    project = copy_project("mini-course", tmp_path)
    quiz = project / "quizzes" / "first-lesson.yaml"
    quiz.write_text(quiz.read_text().replace("answer: false", "answer: maybe"))
    result = CliRunner().invoke(cli, ["export", fmt, "-C", str(project)])
    assert result.exit_code == 1
    assert result.output.startswith("quizzes/first-lesson.yaml:")
    assert "Traceback" not in result.output
    assert not (project / EXPORTS).exists() and not (project / "site").exists()
