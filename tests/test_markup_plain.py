"""Plain author text, and text with only simple lists and emphasis, skips the Markdown converter
and the sanitiser; the HTML must be exactly what the full conversion gives, for every text a
shortcut accepts."""

from __future__ import annotations

from pathlib import Path

import nh3
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.build import validate
from generator.markup import (
    ALLOWED_ATTRS,
    ALLOWED_TAGS,
    URL_SCHEMES,
    MarkupRenderer,
    plain_paragraphs,
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


def full(text: str) -> str:
    """What `block` gives through the converter and the sanitiser."""
    FULL._md.reset()
    clean = nh3.clean(
        FULL._md.convert(text),
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
def test_shortcut_equals_full_conversion(text: str) -> None:
    fast = shortcut(text)
    if fast is not None:
        assert fast == full(text)


def simple(text: str) -> str | None:
    return simple_markdown(text)


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
