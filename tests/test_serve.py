"""`microlearn serve`: saving a file rebuilds and reloads the page; an invalid save is
reported in the terminal and on the page while the last good site keeps being served."""

from __future__ import annotations

import json
import logging
import re
import shutil
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.serve import STATUS, Server

CASES = Path(__file__).resolve().parent / "cases"
LESSON = "content/basics/first-steps.yaml"


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # localhost
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    project = shutil.copytree(CASES / "_base", tmp_path / "course")
    running = Server(project, port=0).start()
    try:
        yield running
    finally:
        running.stop()


def status(server: Server) -> dict[str, object]:
    """Generation and errors (the version counter is for the page's long poll)."""
    state = json.loads(fetch(server.url.rstrip("/") + STATUS)[1])
    state.pop("version")
    return state  # type: ignore[no-any-return]


def save(server: Server, old: str, new: str) -> None:
    path = server.preview.project / LESSON
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_pages_get_the_reload_script_only_when_served(server: Server) -> None:
    assert server.httpd.server_address[0] == "127.0.0.1"
    code, html = fetch(server.url + "basics/first-steps.html")
    assert code == 200 and STATUS in html
    on_disk = (server.preview.site / "basics" / "first-steps.html").read_text(encoding="utf-8")
    assert STATUS not in on_disk
    runtime = re.search(r'src="\.\./(assets/microlearn/runtime\.\w+\.js)"', html)
    assert runtime and fetch(server.url + runtime.group(1))[0] == 200


def test_save_rebuilds_and_invalid_save_keeps_the_last_good_site(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="generator")
    assert status(server) == {"generation": 1, "errors": []}

    save(server, "title: First steps", "title: First steps, revised")
    wait_for(lambda: status(server)["generation"] == 2, "the rebuild after a save")
    assert "First steps, revised" in fetch(server.url + "basics/first-steps.html")[1]

    save(server, "duration: 1", "duration: oops")
    wait_for(lambda: bool(status(server)["errors"]), "the invalid save to be reported")
    errors = status(server)["errors"]
    assert isinstance(errors, list)
    assert errors[0].startswith(
        "content/basics/first-steps.yaml:4:11: error: lesson "
        "'first-steps': duration: expected a whole number"
    )
    assert any(r.getMessage() == errors[0] for r in caplog.records)  # in the terminal too
    code, html = fetch(server.url + "basics/first-steps.html")
    assert code == 200 and "First steps, revised" in html
    assert status(server)["generation"] == 2

    save(server, "duration: oops", "duration: 1")
    wait_for(lambda: status(server) == {"generation": 3, "errors": []}, "recovery")


def test_browser_reloads_after_a_save_and_shows_errors(server: Server, page: Page) -> None:
    page.goto(server.url + "basics/first-steps.html")
    expect(page.locator("article h1")).to_have_text("First steps")
    save(server, "title: First steps", "title: Saved and reloaded")
    expect(page.locator("article h1")).to_have_text("Saved and reloaded", timeout=30_000)

    save(server, "duration: 1", "duration: oops")
    banner = page.get_by_role("alert")
    expect(banner).to_contain_text(
        "content/basics/first-steps.yaml:4:11: error: lesson "
        "'first-steps': duration: expected a whole number",
        timeout=30_000,
    )
    expect(page.locator("article h1")).to_have_text("Saved and reloaded")


def test_first_build_failing_shows_a_waiting_page(tmp_path: Path) -> None:
    project = shutil.copytree(CASES / "yaml-syntax", tmp_path / "broken")
    running = Server(project, port=0).start()
    try:
        code, html = fetch(running.url)
        assert code == 503 and "nothing to show yet" in html and STATUS in html
        save(running, "  stray: indented\n", "")
        wait_for(lambda: fetch(running.url)[0] == 200, "the first good build")
    finally:
        running.stop()
