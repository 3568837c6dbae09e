"""The build replaces only a folder it made, never the sources, and never leaves no site."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator import outdir
from tests.conftest import ROOT, copy_project


def run(project: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--no-handouts", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def snapshot(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for needle in needles:
        assert needle in lines[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project("mini-course", tmp_path)


def test_site_link_to_the_project_itself_deletes_nothing(project: Path) -> None:
    (project / "notes.txt").write_text("uncommitted work\n")
    before = snapshot(project)
    (project / "site").symlink_to(".")
    one_line_error(run(project), "site: is a symbolic link")
    assert snapshot(project) - {"site"} == before
    assert (project / "notes.txt").read_text() == "uncommitted work\n"


def test_site_link_to_another_folder_leaves_it_alone(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "photos"
    elsewhere.mkdir()
    (elsewhere / "holiday.jpg").write_bytes(b"\xff\xd8")
    (project / "site").symlink_to(elsewhere)
    one_line_error(run(project), "site: is a symbolic link")
    assert snapshot(elsewhere) == {"holiday.jpg"}


@pytest.mark.parametrize(
    ("target", "needle"),
    [
        ("content", "course sources in content/"),
        ("content/basics", "course sources in content/"),
        ("quizzes", "course sources in quizzes/"),
        (".", "is the project folder or contains it"),
        ("..", "is the project folder or contains it"),
        (".microlearn/out", "scratch folder"),
    ],
)
def test_output_folder_may_not_hold_or_be_the_sources(
    project: Path, target: str, needle: str
) -> None:
    before = snapshot(project)
    one_line_error(run(project, "-d", target), needle)
    assert {p for p in snapshot(project) if not p.startswith(".microlearn")} == {
        p for p in before if not p.startswith(".microlearn")
    }


def test_folder_with_foreign_files_is_refused_until_emptied(project: Path) -> None:
    out = project / "public"
    out.mkdir()
    (out / "report.docx").write_text("mine")
    one_line_error(run(project, "-d", "public"), "public: holds files microlearn did not write")
    assert (out / "report.docx").read_text() == "mine"
    (out / "report.docx").unlink()
    assert run(project, "-d", "public").returncode == 0
    assert (out / outdir.MARKER).is_file() and (out / "index.html").is_file()
    assert run(project, "-d", "public").returncode == 0  # its own output: replaced


def test_site_that_is_a_file_gets_one_line(project: Path) -> None:
    (project / "site").write_text("not a folder")
    one_line_error(run(project), "site: is a file, not a folder")
    assert (project / "site").read_text() == "not a folder"


def test_concurrent_builds_queue_and_all_succeed(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "generator", "build", "--no-handouts"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err for _, err in results]
    assert (project / "site" / "index.html").is_file()
    leftovers = [p.name for p in project.iterdir() if p.name.startswith("site.")]
    assert leftovers == []


KILL_IN_SWAP = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from generator import outdir
    from generator.build import build
    real_replace = os.replace
    def slow_replace(src, dst):
        real_replace(src, dst)
        if ".old-" in str(dst):  # the old site is aside, the new one not yet in place
            Path(sys.argv[2]).write_text("aside")
            time.sleep(120)
    outdir._exchange = lambda a, b: False
    outdir.os.replace = slow_replace
    build(Path(sys.argv[1]), handouts=False)
""")


def test_kill_during_swap_never_loses_the_site(project: Path, tmp_path: Path) -> None:
    assert run(project).returncode == 0
    first = (project / "site" / "index.html").read_text()
    flag = tmp_path / "flag"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_IN_SWAP, str(project), str(flag)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    deadline = time.monotonic() + 300
    while not flag.exists():
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (project / "site").exists()  # the moment a reader would have seen no site
    # the next build, even a failing one, first puts the previous site back
    (project / "content" / "course.yaml").write_text("id: [broken\n")
    assert run(project).returncode == 1
    assert (project / "site" / "index.html").read_text() == first
    assert [p.name for p in project.iterdir() if p.name.startswith("site.")] == []


def test_stale_staging_of_a_killed_build_is_removed(project: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = project / ".microlearn" / f"build-{dead.pid}-abc"
    (stale / "out").mkdir(parents=True)
    assert run(project).returncode == 0
    assert not stale.exists()


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found |= {int(c) for c in text.split()}
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_pdf_workers_end_with_the_build(tmp_path: Path, sig: signal.Signals) -> None:
    project = copy_project("handouts-course", tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    workers: set[int] = set()
    while len(workers) < 2:  # a pool of workers is rendering PDFs
        assert proc.poll() is None and time.monotonic() < deadline, "no PDF workers seen"
        workers = children(proc.pid)
        time.sleep(0.05)
    proc.send_signal(sig)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers)
