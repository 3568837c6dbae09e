"""Plain author text, and text with only simple lists and emphasis, skips the Markdown converter
and the sanitiser; the HTML must be exactly what the full conversion gives, for every text a
shortcut accepts."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import nh3
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.build import validate
from generator.markup import (
    _INTERNAL,
    ALLOWED_ATTRS,
    ALLOWED_TAGS,
    URL_SCHEMES,
    MarkupRenderer,
    plain_paragraphs,
    relative_url,
    simple_markdown,
)
from generator.yamlload import strings

ROOT = Path(__file__).resolve().parent.parent
FULL = MarkupRenderer(lambda kind, ident: f"{ident}.md")
PIECES = st.sampled_from(
    [
        "word",
        "Two words",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\n\n\n",
        "-",
        "1.",
        "2)",
        "=",
        "*",
        "_",
        "'",
        '"',
        "(x)",
        ":",
        "&",
        "<",
        ">",
        "#",
        "\t",
        "\u00a0",
        "\u2028",
        "\u3000",
        "é",
        "—",
        ".",
        ",",
        "!",
        "?",
        "`",
        "[",
        "]",
        "|",
        "~",
        "\\",
        "+",
    ]
)


def full(text: str, page: str = "mod/page.md") -> str:
    """What `block` gives through the converter and the sanitiser."""
    FULL._md.reset()
    clean = nh3.clean(
        _INTERNAL.sub(lambda m: FULL._link(m, page), FULL._md.convert(text)),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRS,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )
    return "\n".join(line for line in clean.splitlines() if line.strip())


def shortcut(text: str) -> str | None:
    return plain_paragraphs(text)  # as `block` writes it: no blank lines to drop


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
@example("A plain sentence.\nA second line.\n\nA second paragraph.\n")
@example("Ends with two spaces  \nfor a line break")
@example("1. a list")
@example("Title\n=====")
@example("As Asch found in\n1946) a first impression lasts.")
@example("Steps, in\n2. order")
@example("A paragraph.\n\n1. Then a list")
def test_shortcut_equals_full_conversion(text: str) -> None:
    fast = shortcut(text)
    if fast is not None:
        assert fast == full(text)


@pytest.mark.parametrize(
    "text",
    ["As Asch found in\n1946) a first impression lasts.", "Fixed in\n2007, and again in 2010."],
)
def test_a_line_that_starts_with_a_year_is_still_plain(text: str) -> None:
    """A year at a line's start opens no list; only digits and a dot may."""
    assert shortcut(text) == full(text) == f"<p>{text}</p>"


def simple(text: str, page: str = "mod/page.md") -> str | None:
    """What `block` gives through `simple_markdown`, links resolved."""
    out = simple_markdown(text)
    return None if out is None else _INTERNAL.sub(lambda m: FULL._link(m, page), out)


LIST_PIECES = st.sampled_from(
    [
        "word",
        "Two words.",
        "é",
        "(x)",
        "- ",
        "1. ",
        "2. ",
        "10. ",
        "3",
        "-",
        " ",
        "\n",
        "\n\n",
        "\n  ",
        "\n   ",
        "\n    ",
        "*",
        "**",
        "[a link](lesson:a)",
        "[two words](glossary:b-c#d)",
        "[x](lesson:a",
        "[",
        "]",
        "](lesson:a)",
        "(glossary:b)",
        # rarer: what the shortcut must refuse
        "* ",
        "+ ",
        "1)",
        "\n\n\n",
        "\t",
        "_",
        "=",
        "---",
        "<",
        "\u3000",
    ]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(LIST_PIECES, max_size=16).map("".join))
@example("- **Silence.** Saying nothing, on\n  the phone.\n- **Agreement.** A *no*.\n")
@example("Four moves:\n\n1. **Attend.** Focus.\n2. **Reflect.** Say it back.\n\nThen *ask*.")
@example("- a\n\n- b")
@example("- a\n1. b")
@example("1. a\n- b")
@example("**a\n\nb**")
@example("- **a\n- b**")
@example("*a**b*")
@example("a **b** c *d*")
@example("See [affect labelling](glossary:emotional-labelling) and\n[the lesson](lesson:x#quiz).")
@example("- [a](lesson:a)\n- *[b](lesson:b)*")
@example("[*a*](lesson:a)")
@example("[a]\n(lesson:a)")
@example("[a](lesson:a)[b](lesson:b)")
def test_simple_markdown_equals_full_conversion(text: str) -> None:
    fast = simple(text)
    if fast is not None:
        assert fast == full(text)


def test_shortcut_equals_full_conversion_on_every_text_of_the_shipped_course() -> None:
    cur, problems = validate(ROOT)
    assert cur is not None, problems
    texts = []
    for model in [*cur.lessons.values(), *cur.quizzes.values()]:
        texts += [text for _, text in strings(model.model_dump())]
    taken = [t for t in texts if shortcut(t) is not None]
    assert len(taken) > len(texts) / 3  # the shortcut is worth having
    for text in taken:
        assert shortcut(text) == full(text), text
    lists = [t for t in texts if shortcut(t) is None and simple(t) is not None]
    assert len(lists) > 20  # lists and emphasis: most of the text that is not plain
    for text in lists:
        assert simple(text) == full(text), text


PATH_PARTS = st.sampled_from(["mod", "lesson.md", "media", "x.png", ".", "..", "", "/", "a#b"])


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(PATH_PARTS, max_size=4).map("/".join), st.lists(PATH_PARTS, max_size=4).map("/".join)
)
@example("mod/lesson.md", "mod/other.md")
@example("index.md", "mod/lesson.md#quiz")
@example("mod/lesson.md", "media/x.png")
def test_relative_url_equals_the_path_library(from_page: str, to_page: str) -> None:
    """`relative_url` works out the path itself; it must give what posixpath.relpath gives."""

    def library() -> str:
        path, _, fragment = to_page.partition("#")
        start = posixpath.dirname(from_page) or "."
        url = posixpath.relpath(re.sub(r"\.md$", ".html", path), start)
        return f"{url}#{fragment}" if fragment else url

    try:
        want = library()
    except ValueError:
        with pytest.raises(ValueError):
            relative_url(from_page, to_page)
        return
    assert relative_url(from_page, to_page) == want
