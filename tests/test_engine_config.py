"""The project's mkdocs.yml: read safely, its documented tags kept, engine errors explained."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from generator import cli as cli_module
from generator.build import build
from generator.engine.userconfig import read_user_config
from generator.errors import BuildError, ContentError

CASES = Path(__file__).resolve().parent / "cases"


def project_with(tmp_path: Path, mkdocs_yml: str) -> Path:
    project = shutil.copytree(CASES / "_base", tmp_path / "course")
    (project / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    return project


def test_hostile_mkdocs_yml_runs_nothing_in_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "ran"
    project = project_with(
        tmp_path,
        "site_name: x\nplugins:\n  - search\nextra:\n"
        f"  boom: !!python/object/apply:os.system ['touch {marker}']\n"
        f"  also: !!python/object/apply:pathlib.Path.touch ['{marker}']\n",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["microlearn", "build", "-C", str(project)])
    with pytest.raises(SystemExit) as stop:
        cli_module.main()
    err = capsys.readouterr().err
    assert stop.value.code == 1
    assert not marker.exists()
    assert err.startswith("mkdocs.yml:5:9: error: expected plain data, found the tag")
    assert "Traceback" not in err
    assert not (project / "site").exists()


def test_env_relative_and_inherit_keep_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = project_with(
        tmp_path,
        "INHERIT: base.yml\nsite_name: !ENV [ML_NAME, Fallback]\n"
        "copyright: !ENV ML_UNSET\nextra:\n  here: !relative $config_dir\n",
    )
    (project / "base.yml").write_text(
        "site_name: Base\nsite_author: Base author\nextra:\n  kept: yes\n", encoding="utf-8"
    )
    monkeypatch.setenv("ML_NAME", "From the environment")
    data, problems = read_user_config(project)
    assert problems == []
    assert data["site_name"] == "From the environment"
    assert data["copyright"] is None
    assert data["site_author"] == "Base author"  # inherited
    assert data["extra"]["kept"] is True  # mappings merge
    built = build(project, handouts=False)
    html = (built.site_dir / "index.html").read_text(encoding="utf-8")
    assert "From the environment" in html and "Base author" in html


def test_inherited_file_errors_name_that_file(tmp_path: Path) -> None:
    project = project_with(tmp_path, "INHERIT: parts/base.yml\n")
    (project / "parts").mkdir()
    (project / "parts" / "base.yml").write_text("theme:\n  features: yes\n", encoding="utf-8")
    _, problems = read_user_config(project)
    assert [p.format() for p in problems] == [
        "parts/base.yml:2:13: error: theme.features: expected a list of feature names, "
        "found True [engine-config]"
    ]


def test_engine_error_carries_the_engine_message(tmp_path: Path) -> None:
    project = project_with(tmp_path, "repo_url: 5\n")
    with pytest.raises(BuildError) as caught:
        build(project, handouts=False)
    message = str(caught.value)
    assert message.startswith("mkdocs.yml: ")
    assert "repo_url" in message  # the engine's own words, not just "Aborted"
    assert not (project / "site").exists()


def test_engine_warnings_count_under_strict(tmp_path: Path) -> None:
    project = project_with(tmp_path, "not_a_mkdocs_setting: 1\n")
    assert build(project, handouts=False).engine_warnings  # a warning, not an error...
    with pytest.raises(BuildError, match="not_a_mkdocs_setting"):
        build(project, handouts=False, strict=True)  # ...until --strict


def test_course_url_the_engine_would_refuse_is_stopped_at_its_line(tmp_path: Path) -> None:
    """MkDocs aborted on a bad site_url with no cause; validation now stops it first."""
    project = shutil.copytree(CASES / "_base", tmp_path / "course")
    course = project / "content" / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8") + 'url: "not a url"\n', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(project, handouts=False)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("content/course.yaml", 8)
    assert "expected an http(s) address" in problem.message
