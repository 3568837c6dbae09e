"""Link finding skips Markdown conversion for text that cannot hold a link; that shortcut
must never hide one (validation would then let an unsafe or dangling link through)."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.links import _MAYBE, LinkFinder

FINDER = LinkFinder()
TAG = re.compile(r"<(a|img)\b", re.IGNORECASE)  # the only elements that carry href or src
PIECES = st.sampled_from(
    [
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        ":",
        " ",
        "\n",
        "!",
        '"',
        "lesson",
        "http",
        "x",
        "a href=",
        "img src=",
        "javascript",
        "//",
        "*",
        "`",
        "&",
        "#",
        "\\",
        "-",
        "1.",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=16).map("".join))
@example("[t](lesson:x)")
@example("[t] [r]\n\n[r]: javascript:alert(1)")
@example("<http://example.org>")
@example("see javascript:alert(1) and lesson:x")
def test_text_the_shortcut_skips_renders_no_link(text: str) -> None:
    if not _MAYBE.search(text):
        FINDER._md.reset()
        assert not TAG.search(FINDER._md.convert(text))
