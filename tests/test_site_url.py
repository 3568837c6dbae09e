"""A site address from the command line or the environment is checked like the course's."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import copy_project


@pytest.mark.parametrize(
    "url",
    [
        'https://example.org/x"><script>alert(1)</script>',
        "javascript://example.org/%0Aalert(1)",
        "example.org",
    ],
)
def test_bad_site_url_option_is_one_line_and_keeps_the_site(tmp_path: Path, url: str) -> None:
    project = copy_project("handouts-course", tmp_path)
    result = CliRunner().invoke(cli, ["build", "-C", str(project), "--site-url", url])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: --site-url: expected an http(s)")
    assert not (project / "site").exists()


def test_bad_site_url_from_environment_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project("handouts-course", tmp_path)
    monkeypatch.setenv("MICROLEARN_SITE_URL", "ftp://example.org/")
    result = CliRunner().invoke(cli, ["build", "-C", str(project)])
    assert result.exit_code == 1
    assert "error: MICROLEARN_SITE_URL: expected an http(s) address" in result.stderr
