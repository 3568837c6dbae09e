"""A lesson page stays light: what it loads before the learner does anything is under 100 KB
gzipped, search costs nothing until it is opened, and the runtime a page gets is the part it
uses (quiz code with quizzes, conversation code with conversations), bundled, and working.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Page, Request, expect

from generator.build import BuildResult, build
from generator.engine import runtime
from generator.outputs.lms import package_path
from tests.conftest import copy_project
from tests.test_browser import first_lesson, lesson_path

BUDGET = 100_000  # bytes, gzipped, of everything a lesson page fetches at load
TEXT = (".html", ".css", ".js", ".json", ".svg")
SEARCH = re.compile(r"search/search_index\.js|workers/search\.[^/]*\.js|iframe-worker")


def gzipped(site: Path, rel: str) -> int:
    """Bytes of a site file as a static server sends it gzipped (images as they are)."""
    data = (site / rel).read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if rel.endswith(TEXT) else len(data)


def fetched(page: Page, base: str, path: str) -> list[str]:
    """Site files `path` fetches until the network is quiet, before any interaction."""
    asked: list[Request] = []
    page.on("request", lambda r: asked.append(r))
    page.goto(f"{base}/{path}")
    page.wait_for_load_state("networkidle")
    return [unquote(urlsplit(r.url).path).lstrip("/") for r in asked if r.url.startswith(base)]


def test_lesson_page_loads_under_100_kb_gzipped(
    page: Page, course_url: str, course_build: BuildResult
) -> None:
    lesson, _ = first_lesson(course_build)
    path = lesson_path(course_build.curriculum, lesson)
    files = fetched(page, course_url, path)
    sizes = {rel: gzipped(course_build.site_dir, rel) for rel in files}
    listing = "\n".join(f"{size:7d}  {rel}" for rel, size in sorted(sizes.items()))
    assert sum(sizes.values()) < BUDGET, f"{sum(sizes.values())} bytes:\n{listing}"
    assert not [rel for rel in files if SEARCH.search(rel)], listing
    # Light because it holds only what the page uses, not because the runtime is missing.
    assert [rel for rel in files if re.fullmatch(r"assets/microlearn/runtime\.\w+\.js", rel)]
    form = page.locator("form.ml-quiz")
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    expect(form.locator("details.ml-answer").first).to_be_hidden()  # the runtime took over


def test_search_index_and_worker_wait_until_search_is_opened(
    page: Page, course_url: str, course_build: BuildResult
) -> None:
    lesson, _ = first_lesson(course_build)
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.set_viewport_size({"width": 360, "height": 740})  # a phone: search is an icon
    page.goto(f"{course_url}/{lesson_path(course_build.curriculum, lesson)}")
    page.wait_for_load_state("networkidle")
    page.locator("textarea[data-ml-note]").first.press("s")  # typing, not a shortcut
    page.wait_for_timeout(300)
    assert not [u for u in asked if "search" in u], asked
    page.locator("label.md-header__button[for=__search]").click()
    page.locator(".md-search__input").fill("paraphrase")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert [u for u in asked if "search/search_index.json" in u]
    assert [u for u in asked if re.search(r"workers/search\.[^/]*\.js", u)]


def test_search_works_from_a_folder(page: Page, course_build: BuildResult) -> None:
    page.goto((course_build.site_dir / "index.html").as_uri())
    page.keyboard.press("/")
    # From a folder the index loads only once search opens, and Material answers what is
    # typed after that (as before the index was held): type again until it answers.
    box, found = page.locator(".md-search__input"), page.locator(".md-search-result__item")
    for _ in range(20):
        box.fill("")
        box.type("paraphrase")
        page.wait_for_timeout(500)
        if found.count():
            break
    expect(found.first).to_be_visible()


def test_pages_get_the_runtime_parts_they_use(course_build: BuildResult) -> None:
    site = course_build.site_dir
    cur = course_build.curriculum
    lesson, _ = first_lesson(course_build)

    def modules(path: str) -> set[str]:
        html = (site / path).read_text(encoding="utf-8")
        found = set(re.findall(r'src="([^"]*runtime\.\w+\.js)"', html))
        assert len(found) == 1, found
        text = (site / path).parent.joinpath(found.pop()).read_text(encoding="utf-8")
        return set(re.findall(r"^/\* ([\w-]+)\.js \*/$", text, re.M))

    plain = modules(lesson_path(cur, lesson))
    assert {"quiz", "scoring", "review", "cover", "microlearn"} <= plain
    assert not plain & {"conversation", "assess", "certificate", "results-download"}
    talk = next(
        lesson_path(cur, ref.lesson)
        for ref in cur.ordered_lessons()
        if 'class="ml-conversation"' in (site / lesson_path(cur, ref.lesson)).read_text()
    )
    assert {"conversation", "conversation-core", "quiz"} <= modules(talk)
    assert {"certificate"} <= modules("certificate.html")
    assert {"assess", "assess-core", "quiz"} <= modules("final-assessment.html")
    # The module files themselves are not in the site; the LMS launch page's store is.
    left = {p.name for p in (site / runtime.FOLDER).iterdir()}
    assert not left & (runtime.bundled("js") | runtime.bundled("css"))
    assert "store.js" in left


def test_instant_navigation_gets_the_whole_runtime_on_every_page(tmp_path: Path) -> None:
    """Pages that replace each other without running scripts cannot load their own part."""
    project = copy_project("mini-course", tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "    - navigation.prune", "    - navigation.prune\n    - navigation.instant"
        ),
        encoding="utf-8",
    )
    site = build(project, handouts=False).site_dir
    bundles = {
        m for p in site.rglob("*.html") for m in re.findall(r"runtime\.\w+\.js", p.read_text())
    }
    assert len(bundles) == 1
    text = (site / runtime.FOLDER / bundles.pop()).read_text(encoding="utf-8")
    assert all(f"/* {name}.js */" in text for name, _ in runtime.SCRIPTS)


def test_the_lms_package_carries_every_bundle_a_page_loads(course_build: BuildResult) -> None:
    site = course_build.site_dir
    names = set(zipfile.ZipFile(site / package_path(course_build.curriculum)).namelist())
    used: set[str] = set()
    for html in site.rglob("*.html"):
        for ref in re.findall(r'(?:src|href)="([^"]*runtime\.\w+\.(?:js|css))"', html.read_text()):
            used.add((html.parent / ref).resolve().relative_to(site.resolve()).as_posix())
    assert len(used) > 4
    assert used <= names
    assert "assets/microlearn/iframe-worker-shim.js" in names


def test_bundles_are_valid_scripts(tmp_path: Path) -> None:
    """Every module still parses once packed (node --check), each under its name."""
    for name, _ in runtime.SCRIPTS:
        rel, text = runtime.bundle([name], "js")
        file = tmp_path / Path(rel).name
        file.write_text(text, encoding="utf-8")
        result = subprocess.run(["node", "--check", str(file)], capture_output=True, text=True)
        assert result.returncode == 0, (name, result.stderr)
        assert text.startswith(f"/* {name}.js */\n")


def test_packing_leaves_out_comment_lines_and_keeps_code_sharing_a_line() -> None:
    source = (
        "  /* a comment\n   * over lines */\n"
        '  var a = "http://x/*"; /* kept: it follows code */\n'
        "  /* before code */ var b = 2;\n"
        "  /* alone */\n"
        "\n"
        "  // a line comment\n"
        "  var c = /\\/\\*/;\n"
    )
    assert runtime.compact(source) == (
        'var a = "http://x/*"; /* kept: it follows code */\n'
        "/* before code */ var b = 2;\n"
        "var c = /\\/\\*/;\n"
    )
