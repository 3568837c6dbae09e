"""The README's first-course walkthrough works as written: its `microlearn` commands are run
in order, in the folders it says, and each one succeeds (`serve` runs elsewhere: it does not
return)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SECTION = "### Your first course, step by step"


def walkthrough_commands() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(SECTION, 1)[1].split("\n### ", 1)[0]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words[:1] in (["microlearn"], ["cd"]):
                commands.append(words)
    return commands


def test_the_walkthrough_lists_the_on_ramp_commands() -> None:
    names = [" ".join(c[:2]) for c in walkthrough_commands()]
    for expected in (
        "microlearn init",
        "cd ../complaints-course",
        "microlearn new",
        "microlearn validate",
        "microlearn build",
    ):
        assert any(n.startswith(expected) for n in names), expected


def test_every_walkthrough_command_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "microlearn").mkdir()
    monkeypatch.chdir(tmp_path / "microlearn")
    for words in walkthrough_commands():
        if words[0] == "cd":
            monkeypatch.chdir(Path.cwd() / words[1])
            continue
        if words[1] == "serve":
            continue
        result = CliRunner().invoke(cli, words[1:])
        assert result.exit_code == 0, (words, result.output)
    assert (Path.cwd() / "site/index.html").is_file()
    assert (Path.cwd() / "site/angry-callers/a-calm-voice.html").is_file()
