"""File-system failures give one line naming the path and what to do, and keep the site.

Full disks and read-only file systems are real: a small tmpfs mounted for the test (root
only, as in CI). Permission errors cannot be produced for root, so that one is injected.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import FIXTURES, ROOT


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def one_line(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(lines) == 1, result.stderr
    assert text in lines[0], lines[0]


@contextlib.contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system for this test needs root")
    where.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_full_disk_keeps_the_previous_site(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "6m") as disk:
        project = Path(shutil.copytree(FIXTURES / "mini-course", disk / "course"))
        assert run(project, "build", "--no-handouts").returncode == 0
        before = (project / "site" / "index.html").read_text()
        filler = disk / "filler"
        with contextlib.suppress(OSError), open(filler, "wb") as handle:
            handle.write(b"\0" * (1 << 20) * 6)  # fill the rest of the disk
        one_line(run(project, "build", "--no-handouts"), "no space left on the device")
        assert (project / "site" / "index.html").read_text() == before


def test_read_only_project_gets_one_line(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "8m") as disk:
        project = Path(shutil.copytree(FIXTURES / "mini-course", disk / "course"))
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        one_line(run(project, "build", "--no-handouts"), f"{project}: cannot write there")
        assert run(project, "validate").returncode == 0  # reading still works


def test_read_only_output_parent_keeps_the_site(tmp_path: Path) -> None:
    project = Path(shutil.copytree(FIXTURES / "mini-course", tmp_path / "course"))
    with tmpfs(tmp_path / "out", "8m") as out:
        assert run(project, "build", "--no-handouts", "-d", str(out / "site")).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        one_line(
            run(project, "build", "--no-handouts", "-d", str(out / "site")),
            "cannot write there (read-only or no permission)",
        )
        assert (out / "site" / "index.html").is_file()


def test_unreadable_lesson_is_a_located_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Path(shutil.copytree(FIXTURES / "mini-course", tmp_path / "course"))
    locked = project / "content" / "basics" / "first-lesson.yaml"
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = CliRunner().invoke(cli, ["validate", "-C", str(project)])
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "content/basics/first-lesson.yaml:1:1: error: cannot read: permission denied"
    )


@pytest.mark.parametrize("where", ["secret.yaml", "course-copy/secret.yaml"])
def test_link_out_of_the_project_is_refused_without_quoting_it(tmp_path: Path, where: str) -> None:
    project = Path(shutil.copytree(FIXTURES / "mini-course", tmp_path / "course"))
    secret = tmp_path / where  # also next to it, in a folder whose name starts the same
    secret.parent.mkdir(exist_ok=True)
    secret.write_text("password: hunter2\n")
    lesson = project / "content" / "basics" / "second-lesson.yaml"
    lesson.unlink()
    lesson.symlink_to(secret)
    result = run(project, "validate")
    assert result.returncode == 1
    assert (
        "content/basics/second-lesson.yaml:1:1: error: is a symbolic link to a file "
        "outside the project"
    ) in result.stdout
    assert "hunter2" not in result.stdout + result.stderr
