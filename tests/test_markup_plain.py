"""Plain author text skips the Markdown converter and the sanitiser; the HTML must be exactly
what the full conversion gives, for every text the shortcut accepts."""

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
    out = plain_paragraphs(text)
    return None if out is None else "\n".join(ln for ln in out.splitlines() if ln.strip())


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
