"""Generated and mutated lessons and quizzes never produce a traceback: they validate and
render (and build), or fail with clean, located one-line problems.

Generated documents have the right shape (so most of them render) with arbitrary Unicode
text, Markdown and HTML in every text field;
mutated documents are the tiny course's own files with lines deleted, duplicated, swapped,
re-indented or spliced with YAML-significant characters.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator import urls
from generator.build import build
from generator.build import validate as run_validate
from generator.errors import ContentError, Problem
from generator.render import render_site

CASES = Path(__file__).resolve().parent / "cases"
LESSON = "content/basics/first-steps.yaml"
QUIZ = "quizzes/first-steps.yaml"
FILES = {"lesson": LESSON, "quiz": QUIZ}
# A fixed, quick run by default; MICROLEARN_FUZZ_EXAMPLES=5000 explores new random cases.
EXAMPLES = int(os.environ.get("MICROLEARN_FUZZ_EXAMPLES", "0")) or None
SETTINGS = settings(
    max_examples=EXAMPLES or 150,
    deadline=None,
    derandomize=EXAMPLES is None,
    suppress_health_check=[HealthCheck.too_slow],
)
HOSTILE = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "**bold** _it_",
    "`code`",
    "a & b < c > d",
    "\\",
    "# heading",
    "|a|b|\n|-|-|\n|1|2|",
    "- item\n- item",
    "{{ jinja }}",
    "{% raw %}",
    "![](pic.png)",
    "[lesson](lesson:first-steps)",
    "]]>",
    "\u202e",
    "😀",
    "\t",
]
PAYLOAD = re.compile(r"<script>window.__pwned|<img src=x onerror|href=\"javascript:")


class _Unsafe(HTMLParser):
    """Finds what would run in a browser: script tags, on* handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        src = dict(attrs).get("src") or ""
        if tag == "script" and src.endswith(urls.REVIEW_DATA.rsplit("/", 1)[-1]):
            return  # the review page's own data file (a script, so it loads from a folder)
        if tag in ("script", "iframe", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def unsafe(html: str) -> list[str]:
    parser = _Unsafe()
    parser.feed(html)
    return parser.found


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield shutil.copytree(CASES / "_base", Path(tmp) / "course")


def reset(project: Path) -> None:
    for rel in FILES.values():
        shutil.copyfile(CASES / "_base" / rel, project / rel)


def assert_clean(problems: list[Problem], project: Path) -> None:
    for p in problems:
        assert (project / p.path).is_file(), p
        assert p.line >= 1 and p.col >= 1, p
        assert "\n" not in p.format() and p.message, p


def check(project: Path) -> None:
    """Validate; if the course is valid, render it and check no author HTML survived."""
    cur, problems = run_validate(project)
    assert_clean(problems, project)
    event("valid: rendered" if cur is not None else "invalid: located problems")
    if cur is not None:
        for page, text in render_site(cur).pages.items():
            assert unsafe(text) == [], page


# ---------------------------------------------------------------- generated documents

text = st.one_of(
    st.text(min_size=1, max_size=60),
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map(" ".join),
)
slug = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,5}){0,2}\Z")


def option(correct: bool) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"text": text, "correct": st.just(correct), "feedback": text})


question = st.one_of(
    st.fixed_dictionaries(
        {
            "id": slug,
            "type": st.just("single"),
            "objective": st.just("greet"),
            "prompt": text,
            "options": st.tuples(option(True), st.lists(option(False), min_size=1, max_size=3)).map(
                lambda t: [t[0], *t[1]]
            ),
        }
    ),
    st.fixed_dictionaries(
        {
            "id": slug,
            "type": st.just("true_false"),
            "objective": st.just("greet"),
            "prompt": text,
            "answer": st.booleans(),
            "if_true": text,
            "if_false": text,
        }
    ),
    st.fixed_dictionaries(
        {
            "id": slug,
            "type": st.just("ordering"),
            "objective": st.just("greet"),
            "prompt": text,
            "steps": st.lists(
                st.fixed_dictionaries({"text": text, "feedback": text}), min_size=3, max_size=4
            ),
        }
    ),
    st.fixed_dictionaries(
        {
            "id": slug,
            "type": st.just("scenario"),
            "objective": st.just("greet"),
            "customer": text,
            "setting": text,
            "options": st.lists(option(False), min_size=1, max_size=3).map(
                lambda rest: [{"text": "Right", "correct": True, "feedback": "Why."}, *rest]
            ),
        }
    ),
)
block = st.one_of(
    st.fixed_dictionaries({"type": st.just("text"), "title": text, "body": text}),
    st.fixed_dictionaries(
        {
            "type": st.just("callout"),
            "style": st.sampled_from(["tip", "warning", "note", "example"]),
            "body": text,
        }
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("dialogue"),
            "title": text,
            "setting": text,
            "customer": text,
            "agent": text,
            "quality": st.sampled_from(["poor", "better"]),
            "lines": st.lists(
                st.sampled_from(["customer", "agent"]).flatmap(
                    lambda who: st.fixed_dictionaries({who: text})
                ),
                min_size=2,
                max_size=4,
            ),
            "debrief": text,
        }
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("do_dont"),
            "do": st.lists(text, min_size=1, max_size=3),
            "dont": st.lists(text, min_size=1, max_size=3),
        }
    ),
    st.fixed_dictionaries(
        {"type": st.just("reflection"), "prompt": text, "lines": st.integers(1, 20)}
    ),
    st.fixed_dictionaries(
        {"type": st.just("roleplay"), "setup": text, "customer_brief": text, "agent_goal": text}
    ),
)
lesson = st.fixed_dictionaries(
    {
        "id": st.just("first-steps"),
        "title": text,
        "duration": st.integers(1, 60),
        "objectives": st.just([{"id": "greet", "text": "Greet a customer by name."}]),
        "intro": text,
        "blocks": st.lists(block, min_size=1, max_size=4),
        "takeaways": st.lists(text, min_size=3, max_size=5),
        "trainer_notes": st.fixed_dictionaries(
            {"timing": st.integers(1, 30), "notes": text, "discussion": st.lists(text, max_size=2)}
        ),
        "quiz": st.just("first-steps"),
    }
)
quiz = st.fixed_dictionaries(
    {
        "id": st.just("first-steps"),
        "title": text,
        "questions": st.lists(question, min_size=1, max_size=4),
    },
    optional={"pass_mark": st.integers(0, 100), "shuffle": st.booleans()},
)


def write_generated(project: Path, lesson_doc: dict[str, Any], quiz_doc: dict[str, Any]) -> None:
    """Put a generated lesson and quiz in place of the project's own."""
    (project / LESSON).write_text(yaml.safe_dump(lesson_doc, allow_unicode=True), encoding="utf-8")
    (project / QUIZ).write_text(yaml.safe_dump(quiz_doc, allow_unicode=True), encoding="utf-8")


@SETTINGS
@given(lesson_doc=lesson, quiz_doc=quiz)
def test_generated_documents_validate_and_render_or_fail_cleanly(
    project: Path, lesson_doc: dict[str, Any], quiz_doc: dict[str, Any]
) -> None:
    write_generated(project, lesson_doc, quiz_doc)
    check(project)


# ---------------------------------------------------------------- mutated documents

SPLICE = [
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!str ",
    "|",
    ">",
    "#",
    "'",
    '"',
    "\t",
    "  ",
    "\n",
    "? ",
    "%",
    "@",
    "`",
    "\u00e9",
    "\ufeff",
    "\\",
    "<<: *a\n",
]
mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 200)),
    st.tuples(st.just("duplicate"), st.integers(0, 200)),
    st.tuples(st.just("swap"), st.integers(0, 200), st.integers(0, 200)),
    st.tuples(st.just("indent"), st.integers(0, 200), st.integers(-4, 4)),
    st.tuples(st.just("splice"), st.integers(0, 4000), st.sampled_from(SPLICE)),
)


def mutate(source: str, steps: list[tuple[Any, ...]]) -> str:
    lines = source.splitlines(keepends=True)
    for step in steps:
        kind, at = step[0], step[1] % max(1, len(lines))
        if not lines:
            break
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "swap":
            other = step[2] % len(lines)
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "indent":
            lines[at] = " " * max(0, step[2]) + (
                lines[at][-step[2] :] if step[2] < 0 else lines[at]
            )
        else:
            joined = "".join(lines)
            pos = step[1] % (len(joined) + 1)
            lines = (joined[:pos] + step[2] + joined[pos:]).splitlines(keepends=True)
    return "".join(lines)


@SETTINGS
@given(which=st.sampled_from(sorted(FILES)), steps=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_documents_validate_and_render_or_fail_cleanly(
    project: Path, which: str, steps: list[tuple[Any, ...]]
) -> None:
    reset(project)
    target = project / FILES[which]
    target.write_text(mutate(target.read_text(encoding="utf-8"), steps), encoding="utf-8")
    check(project)


# ---------------------------------------------------------------- whole builds


@settings(
    max_examples=max(6, (EXAMPLES or 0) // 50),
    deadline=None,
    derandomize=EXAMPLES is None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(lesson_doc=lesson, quiz_doc=quiz)
def test_generated_documents_build_or_stop_with_located_errors(
    project: Path, lesson_doc: dict[str, Any], quiz_doc: dict[str, Any]
) -> None:
    """The real build, handouts included, on what generation produces."""
    write_generated(project, lesson_doc, quiz_doc)
    try:
        result = build(project, site_dir=project / "site")
    except ContentError as exc:
        event("invalid: located problems")
        assert_clean(exc.problems, project)
    else:
        event("valid: built")
        html = (result.site_dir / "basics" / "first-steps.html").read_text(encoding="utf-8")
        assert not PAYLOAD.search(html)
