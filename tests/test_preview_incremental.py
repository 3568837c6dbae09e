"""The preview redoes only what a save changed, and ends up with the very pages, navigation
and search index a clean build makes. Latencies are printed, bounds are generous (CI)."""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import build
from generator.cli import cli
from generator.serve import Server

ROOT = Path(__file__).resolve().parent.parent
LESSON = "content/techniques/paraphrasing.yaml"
PAGE = "techniques/paraphrasing.html"
NEIGHBOUR = "techniques/summarising.html"  # same module: its navigation lists the lesson
ELSEWHERE = "empathy/empathy-vs-sympathy.html"  # another module: untouched by the save
BOUND = 30.0  # seconds; the goal is well under one on a quiet machine


def served(server: Server, page: str) -> str:
    with urllib.request.urlopen(server.url + page, timeout=30) as response:
        return str(response.read().decode("utf-8"))


def save_and_wait(server: Server, old: str, new: str, marker: str) -> float:
    """Edit the lesson, return seconds until the preview announces the new build (the
    browser reloads then) and serves the page with `marker`."""
    source = server.preview.project / LESSON
    text = source.read_text(encoding="utf-8")
    assert old in text
    generation = server.preview.generation
    started = time.perf_counter()
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    while server.preview.generation == generation or marker not in served(server, PAGE):
        assert time.perf_counter() - started < BOUND, f"no rebuild within {BOUND} s"
        time.sleep(0.02)
    return time.perf_counter() - started


def search_docs(site: Path) -> list[tuple[str, str, str]]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return sorted((d["location"], d["title"], d["text"]) for d in index["docs"])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    project = tmp_path_factory.mktemp("preview") / "course"
    shutil.copytree(
        ROOT, project, ignore=shutil.ignore_patterns(".*", "site*", "tests", "bench", "node_*")
    )
    running = Server(project, port=0).start()
    try:
        yield running
    finally:
        running.stop()


def test_text_edit_rebuilds_one_page(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    site = server.preview.site
    elsewhere = (site / ELSEWHERE).stat().st_mtime_ns
    before = {location for location, _, _ in search_docs(site)}
    seconds = save_and_wait(
        server, "\nintro: |\n", "\nintro: |\n  Freshly edited intro.\n", "Freshly edited intro."
    )
    with capsys.disabled():
        print(f"\npreview, shipped course, text edit: save -> page served in {seconds:.2f} s")
    assert (site / ELSEWHERE).stat().st_mtime_ns == elsewhere  # not rebuilt
    docs = search_docs(site)
    assert {location for location, _, _ in docs} == before  # nothing lost from the index
    assert sum("Freshly edited intro." in text for _, _, text in docs) == 1
    assert not (site / "downloads").exists()  # no LMS package in a preview


def test_title_edit_updates_navigation_search_and_lists_as_a_clean_build_would(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seconds = save_and_wait(
        server, "title: Paraphrasing", "title: Rephrasing, retitled", "Rephrasing, retitled"
    )
    with capsys.disabled():
        print(f"preview, shipped course, title edit: save -> page served in {seconds:.2f} s")
    site = server.preview.site
    assert "Rephrasing, retitled" in (site / NEIGHBOUR).read_text(encoding="utf-8")  # nav
    assert "Rephrasing, retitled" in (site / "index.html").read_text(encoding="utf-8")  # list

    clean = build(server.preview.project, site_dir=tmp_path / "clean", handouts=False)
    for page in (PAGE, NEIGHBOUR, ELSEWHERE, "index.html", "techniques/index.html"):
        assert (site / page).read_text(encoding="utf-8") == (clean.site_dir / page).read_text(
            encoding="utf-8"
        ), page
    assert search_docs(site) == search_docs(clean.site_dir)


def test_serve_offers_host_and_open() -> None:
    help_text = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert "--host" in help_text and "127.0.0.1" in help_text and "--open" in help_text
