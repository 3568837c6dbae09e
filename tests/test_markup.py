"""The sanitiser is the second line of defence: even text that skipped validation cannot
carry a script, a handler or a script URL onto a page."""

from __future__ import annotations

import pytest

from generator.markup import MarkupRenderer


def resolve(kind: str, ident: str) -> str:
    return f"mod/{ident}.md"


@pytest.mark.parametrize(
    "text",
    [
        "[a link](javascript:window.x=1)",
        '<a href="javascript:window.x=1">an anchor</a>',
        "<a href=\"JaVaScRiPt:alert('a')\">mixed case</a>",
        '<iframe src="javascript:alert(1)"></iframe>',
        '<form action="javascript:alert(1)"><button>go</button></form>',
        "![](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        '<img src=x onerror="alert(1)">',
        "<script>alert(1)</script>",
    ],
)
def test_script_urls_and_handlers_never_reach_the_page(text: str) -> None:
    html = str(MarkupRenderer(resolve).block(text, "mod/page.md")).lower()
    assert "javascript:" not in html
    assert "data:" not in html
    assert "onerror" not in html
    assert "<script" not in html and "<iframe" not in html and "<form" not in html


def test_internal_links_in_every_form_resolve() -> None:
    renderer = MarkupRenderer(resolve)
    for text in [
        "[t](lesson:x)",
        '[t](lesson:x "title")',
        "[t](<lesson:x>)",
        "[t][r]\n\n[r]: lesson:x",
        '<a href="lesson:x">t</a>',
    ]:
        assert 'href="x.html"' in str(renderer.block(text, "mod/page.md")), text
