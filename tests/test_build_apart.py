"""A large course is loaded, checked and rendered in a child process (`apart.py`), so the
site engine starts without that data. Built that way, a course must give the same site, the
same located errors and the same handouts as in one process."""

from __future__ import annotations

import hashlib
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import apart as apart_module
from generator import build as build_module
from generator.apart import apart
from generator.build import build
from generator.errors import BuildError, ContentError
from tests.conftest import copy_project


def _digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _forks(monkeypatch: pytest.MonkeyPatch, apart_too: bool) -> list[int]:
    """Make every course count as large (or none), and record the forks made."""
    monkeypatch.setattr(build_module, "APART_FILES", 0 if apart_too else 10**9)
    # Session fixtures may have left server threads running; the build step forks anyway.
    monkeypatch.setattr(apart_module, "can_fork", lambda: True)
    forks: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return forks


def test_a_course_prepared_apart_builds_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = copy_project("mini-course", tmp_path)
    sites = {}
    for apart_too in (False, True):
        forks = _forks(monkeypatch, apart_too)
        result = build(project, site_dir=tmp_path / f"site-{apart_too}", handouts=False)
        assert len(forks) == int(apart_too)
        sites[apart_too] = _digest(result.site_dir)
        assert result.pages > 5 and result.curriculum.lessons
    assert sites[True] == sites[False]
    assert any(name.endswith("-scorm12.zip") for name in sites[True])


def test_errors_found_apart_are_the_located_errors_and_the_old_site_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project("mini-course", tmp_path)
    site = tmp_path / "site"
    build(project, site_dir=site, handouts=False)
    before = _digest(site)
    lesson = next((project / "content").glob("*/*.yaml"))
    if lesson.name == "module.yaml":
        lesson = next(p for p in (project / "content").glob("*/*.yaml") if p.name != "module.yaml")
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nblocks: [oops\n", encoding="utf-8")
    messages = {}
    for apart_too in (False, True):
        forks = _forks(monkeypatch, apart_too)
        with pytest.raises(ContentError) as caught:
            build(project, site_dir=site, handouts=False)
        assert len(forks) == int(apart_too)
        messages[apart_too] = [p.format() for p in caught.value.problems]
    assert messages[True] == messages[False]
    assert any(lesson.name in m and "yaml-syntax" in m for m in messages[True]), messages
    assert _digest(site) == before


def test_a_preparing_process_that_dies_is_an_error_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(apart_module, "can_fork", lambda: True)  # never kill the test run

    def killed(keep: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(BuildError, match="stopped by signal 9"):
        apart(killed, tmp_path / "prepare")


def test_what_the_step_keeps_is_read_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(apart_module, "can_fork", lambda: True)

    def step(keep: Callable[[dict[str, int]], None]) -> str:
        keep({"lessons": 1000})
        return "ready"

    now, later = apart(step, tmp_path)
    assert now == "ready"
    assert (tmp_path / "later.pickle").is_file()
    assert later.get() == {"lessons": 1000}
    assert not (tmp_path / "later.pickle").exists()


def test_handouts_planned_apart_are_produced_after_the_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project("handouts-course", tmp_path)
    forks = _forks(monkeypatch, True)
    result = build(project, site_dir=tmp_path / "site")
    assert len(forks) == 1
    pdfs = sorted(p.name for p in (result.site_dir / "handouts").rglob("*.pdf"))
    assert pdfs, "no handouts"
    assert result.trainer_dir is not None and any(result.trainer_dir.rglob("*.pdf"))


def test_the_child_still_collects_garbage_only_less_often(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    monkeypatch.setattr(apart_module, "can_fork", lambda: True)

    def step(keep: Callable[[None], None]) -> tuple[bool, tuple[int, ...], int]:
        keep(None)
        return gc.isenabled(), gc.get_threshold(), os.getpid()

    (enabled, threshold, pid), _ = apart(step, tmp_path)
    assert enabled and threshold == apart_module.CHILD_GC
    assert pid != os.getpid()
    assert gc.get_threshold() != apart_module.CHILD_GC  # the parent keeps its own pace


SEEN_WHILE_READ: list[bool] = []


class _Recorded:
    """Notes, as it is read back from a pickle, whether collections were on."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __setstate__(self, state: dict[str, int]) -> None:
        import gc

        SEEN_WHILE_READ.append(gc.isenabled())
        self.__dict__.update(state)


def test_reading_back_what_the_child_kept_pauses_collections_and_restores_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    monkeypatch.setattr(apart_module, "can_fork", lambda: True)
    SEEN_WHILE_READ.clear()

    def step(keep: Callable[[list[_Recorded]], None]) -> None:
        keep([_Recorded(n) for n in range(100)])

    _, later = apart(step, tmp_path)
    assert gc.isenabled()
    assert [r.n for r in later.get()] == list(range(100))
    # Everything read stays alive: a collection during the read would find nothing.
    assert SEEN_WHILE_READ == [False] * 100
    assert gc.isenabled()  # collections resume in the parent after the read
    gc.disable()
    try:
        _, later = apart(step, tmp_path)
        later.get()
        assert not gc.isenabled()  # and are not switched on behind a caller's back
    finally:
        gc.enable()
