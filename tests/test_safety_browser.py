"""Author text can never run code in a learner's browser.

A course whose every text field carries script payloads is built (handouts included) and
every page is opened in Chromium: quizzes are answered and checked, answers opened, and the
search is used (it renders page titles and text from its index). No dialog may open and no
payload may leave its mark on `window`; titles and options show `<`, `>` and `&` as typed.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Dialog, Page, expect

from generator.build import BuildResult, build

CASES = Path(__file__).resolve().parent / "cases"

# Each payload marks `window` (or opens a dialog) if it ever runs.
MARKDOWN = (
    "Text <img src=x onerror=\"window.__pwned='img'\"> and "
    "<script>window.__pwned='script'</script> <svg onload=\"window.__pwned='svg'\"></svg> "
    "<details open ontoggle=\"window.__pwned='toggle'\"><summary>s</summary></details> "
    "<input autofocus onfocus=\"window.__pwned='focus'\"> "
    "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe> "
    '<style>body{display:none}</style> <form action="x"><button>go</button>'
    "</form> ![](x\" onerror=\"window.__pwned='md-img')"
)
# javascript: and data: links are refused by validation (tests/cases/link-*-scheme) and
# stripped by the sanitiser as well (tests/test_markup.py).
PLAIN = "</title><img src=x onerror=\"alert('plain')\"> \"><b>bold</b> & 'quote'"


def _hostile_project(root: Path) -> Path:
    project = shutil.copytree(CASES / "_base", root / "hostile")

    def edit(rel: str, change: Any) -> None:
        path = project / rel
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def course(d: dict[str, Any]) -> None:
        d.update(
            title=f"Course {PLAIN}",
            subtitle=PLAIN,
            audience=PLAIN,
            description=MARKDOWN,
            final_assessment="final",
        )

    def module(d: dict[str, Any]) -> None:
        d.update(title=f"Module {PLAIN}", summary=MARKDOWN)

    def lesson(d: dict[str, Any]) -> None:
        d.update(title=f"Lesson {PLAIN}", intro=MARKDOWN, takeaways=[PLAIN] * 3)
        d["objectives"][0]["text"] = PLAIN
        d["trainer_notes"].update(
            notes=MARKDOWN,
            discussion=[PLAIN],
            roleplay={"setup": MARKDOWN, "customer_brief": MARKDOWN, "agent_goal": MARKDOWN},
        )
        d["blocks"] = [
            {"type": "text", "title": PLAIN, "body": MARKDOWN},
            {
                "type": "dialogue",
                "title": PLAIN,
                "setting": PLAIN,
                "customer": PLAIN,
                "agent": PLAIN,
                "quality": "poor",
                "lines": [{"customer": PLAIN}, {"agent": PLAIN}],
                "debrief": MARKDOWN,
            },
            {
                "type": "dialogue",
                "title": PLAIN,
                "setting": PLAIN,
                "customer": PLAIN,
                "agent": PLAIN,
                "quality": "better",
                "lines": [{"customer": PLAIN}, {"agent": PLAIN}],
                "debrief": MARKDOWN,
            },
            {"type": "callout", "style": "tip", "title": PLAIN, "body": MARKDOWN},
            {"type": "do_dont", "title": PLAIN, "do": [PLAIN], "dont": [PLAIN]},
            {"type": "reflection", "prompt": MARKDOWN},
            {
                "type": "roleplay",
                "title": PLAIN,
                "setup": MARKDOWN,
                "customer_brief": MARKDOWN,
                "agent_goal": MARKDOWN,
            },
        ]

    def quiz(d: dict[str, Any]) -> None:
        d["title"] = f"Quiz {PLAIN}"
        for q in d["questions"]:
            q.update(prompt=MARKDOWN, explanation=MARKDOWN)
            for option in q.get("options", []):
                option.update(text=f"{option['text']} {PLAIN}", feedback=MARKDOWN)
        d["questions"].append(
            {
                "id": "q3",
                "type": "scenario",
                "objective": "greet",
                "setting": PLAIN,
                "customer": PLAIN,
                "prompt": MARKDOWN,
                "options": [
                    {"text": f"Reply one {PLAIN}", "correct": True, "feedback": MARKDOWN},
                    {"text": f"Reply two {PLAIN}", "feedback": MARKDOWN},
                ],
            }
        )
        d["questions"].append(
            {
                "id": "q4",
                "type": "ordering",
                "objective": "greet",
                "prompt": MARKDOWN,
                "steps": [{"text": f"Step {n} {PLAIN}", "feedback": MARKDOWN} for n in (1, 2, 3)],
            }
        )

    edit("content/course.yaml", course)
    edit("content/basics/module.yaml", module)
    edit("content/basics/first-steps.yaml", lesson)
    edit("quizzes/first-steps.yaml", quiz)
    final = yaml.safe_load((project / "quizzes/first-steps.yaml").read_text(encoding="utf-8"))
    final["id"] = "final"
    for q in final["questions"]:
        q["objective"] = "first-steps/greet"
    (project / "quizzes/final.yaml").write_text(
        yaml.safe_dump(final, allow_unicode=True), encoding="utf-8"
    )
    (project / "content/glossary.yaml").write_text(
        yaml.safe_dump(
            {
                "terms": [
                    {
                        "id": "payload",
                        "term": PLAIN,
                        "definition": MARKDOWN,
                        "lessons": ["first-steps"],
                    }
                ]
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    return project


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(_hostile_project(tmp_path_factory.mktemp("safety")))


@pytest.fixture(scope="module")
def hostile_url(hostile_build: BuildResult) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(hostile_build.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _watch(page: Page) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def _exercise(page: Page) -> None:
    """Do what a learner does: answer, check, open every answer, click every link label."""
    for form in page.locator("form.ml-quiz").all():
        for box in form.locator("input[type=radio], input[type=checkbox]").all():
            box.check()
        for select in form.locator("select").all():
            select.select_option("1")
        check = form.get_by_role("button", name="Check answers")
        if check.is_visible():
            check.click()
    for summary in page.locator("details > summary").all():
        if summary.is_visible():
            summary.click()
    page.wait_for_timeout(200)


def test_no_payload_runs_on_any_page(
    page: Page, hostile_url: str, hostile_build: BuildResult
) -> None:
    dialogs = _watch(page)
    pages = sorted(
        p.relative_to(hostile_build.site_dir).as_posix()
        for p in hostile_build.site_dir.rglob("*.html")
    )
    assert {
        "index.html",
        "basics/first-steps.html",
        "final-assessment.html",
        "glossary.html",
    } <= set(pages)
    for rel in pages:
        page.goto(f"{hostile_url}/{rel}")
        page.wait_for_load_state("load")
        _exercise(page)
        assert page.evaluate("window.__pwned") is None, rel
        assert (
            page.locator("script:not([src])").evaluate_all(
                "els => els.filter(e => e.textContent.includes('__pwned')).length"
            )
            == 0
        ), rel
        assert (
            page.locator(
                "[href^='javascript:' i], [src^='javascript:' i], [action^='javascript:' i]"
            ).count()
            == 0
        ), rel
        assert page.locator("iframe, svg[onload], [onerror], [onfocus], [ontoggle]").count() == 0, (
            rel
        )
    assert dialogs == []


def test_search_results_show_payloads_as_text(page: Page, hostile_url: str) -> None:
    dialogs = _watch(page)
    page.goto(f"{hostile_url}/index.html")
    page.wait_for_load_state("networkidle")
    page.locator(".md-search__input").click()
    page.keyboard.type("lesson")  # results show the hostile lesson title and text
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)
    expect(page.locator(".md-search-result")).to_contain_text("onerror")  # shown as text
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".md-search-result img, .md-search-result b").count() == 0
    assert dialogs == []


def test_plain_text_fields_show_what_the_author_typed(page: Page, hostile_url: str) -> None:
    page.goto(f"{hostile_url}/basics/first-steps.html")
    expect(page.locator("article h1")).to_have_text(f"Lesson {PLAIN}")
    assert page.title().startswith(f"Lesson {PLAIN} - Course")
    expect(page.locator(".ml-takeaways li").first).to_have_text(PLAIN)
    expect(page.locator(".md-nav__link", has_text="Lesson </title>").first).to_be_attached()
    option = page.locator("label", has_text="Near the start of the contact").first
    expect(option).to_have_text(f"Near the start of the contact {PLAIN}")
    assert page.locator("article b").count() == 0  # "<b>bold</b>" stays text
