"""Shared fixtures: real builds of the shipped course and of a tiny fixture course, a local
HTTP server for the built site, and Chromium for browser tests.

Browser tests fail (they do not skip) when Chromium is missing, unless the user opts out
with MICROLEARN_SKIP_BROWSER_TESTS=1.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page

from generator.build import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = os.environ.get("MICROLEARN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP_BROWSER = os.environ.get("MICROLEARN_SKIP_BROWSER_TESTS") == "1"


def copy_project(name: str, dest: Path) -> Path:
    """A writable copy of a fixture project (builds write scratch files next to content)."""
    target = dest / name
    shutil.copytree(FIXTURES / name, target, ignore=shutil.ignore_patterns(".microlearn"))
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace `old`, which the file must hold, with `new` in a copied project's file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} holds no {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="session")
def course_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The shipped course, built once per session (without PDFs: their tests build them)."""
    site = tmp_path_factory.mktemp("course") / "site"
    return build(ROOT, site_dir=site, handouts=False)


@pytest.fixture(scope="session")
def mini_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project("mini-course", tmp_path_factory.mktemp("mini"))


@pytest.fixture(scope="session")
def mini_build(mini_project: Path) -> BuildResult:
    return build(mini_project, handouts=False)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_folder(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port) for as long as the generator runs."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def course_url(course_build: BuildResult) -> Iterator[str]:
    """Base URL of the built shipped course, served on 127.0.0.1."""
    yield from serve_folder(course_build.site_dir)


@pytest.fixture(scope="session")
def mini_url(mini_build: BuildResult) -> Iterator[str]:
    yield from serve_folder(mini_build.site_dir)


# ---------------------------------------------------------------- browser (pytest-playwright)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Use Debian's Chromium; fail loudly when it is missing."""
    if SKIP_BROWSER:
        pytest.skip("browser tests turned off with MICROLEARN_SKIP_BROWSER_TESTS=1")
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make test` (it installs the "
            "Debian package 'chromium'), set MICROLEARN_CHROMIUM, or opt out with "
            "MICROLEARN_SKIP_BROWSER_TESTS=1",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def answer_all_correctly(form: Locator) -> None:
    """Tick every correct option and put every ordering step in its place."""
    for question in form.locator("li.ml-question").all():
        if question.get_attribute("data-type") == "ordering":
            for step in question.locator(".ml-step").all():
                step.locator("select").select_option(step.get_attribute("data-position"))
        else:
            for box in question.locator("input").all():
                if box.get_attribute("data-correct") is not None:
                    box.check()


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_serious(page: Page) -> list[str]:
    """Serious and critical WCAG 2.1 AA violations axe-core finds on the page as it is now."""
    assert AXE.is_file(), "axe-core missing: run `make test` (npm ci installs it)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']})")
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
