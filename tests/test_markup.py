"""The sanitiser is the second line of defence: even text that skipped validation cannot
carry a script, a handler or a script URL onto a page."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from generator.markup import MarkupRenderer, escape_text


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


@pytest.mark.parametrize(
    "text",
    [
        "See [the lesson](lesson:x).",  # written by the shortcut
        "| See |\n|---|\n| [the lesson](lesson:x) |",  # by the converter
    ],
)
def test_a_text_shown_on_two_pages_links_from_each(text: str) -> None:
    """A renderer keeps the HTML of texts it has seen; a link must still be worked out
    again from each page that shows the text."""
    renderer = MarkupRenderer(resolve)
    for _ in range(2):
        assert 'href="x.html"' in renderer.block(text, "mod/page.md")
        assert 'href="mod/x.html"' in renderer.block(text, "index.md")
        assert 'href="../mod/x.html"' in renderer.inline(text, "other/page.md")
        assert 'href="mod/x.html"' in renderer.inline(text, "index.md")


def test_an_image_shown_on_two_pages_loads_from_each() -> None:
    renderer = MarkupRenderer(resolve)
    text = "![A chart](media/chart.png)"
    for _ in range(2):
        assert 'src="../media/chart.png"' in renderer.block(text, "mod/page.md")
        assert 'src="media/chart.png"' in renderer.block(text, "index.md")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("&<>'\"a é\u2019;#x")) | st.text())
@example('Tom & Jerry\'s "<b>" &amp;')
def test_escape_text_escapes_as_the_templates_do(text: str) -> None:
    """The HTML written in Python escapes author text as the autoescaping templates do."""
    assert escape_text(text) == str(escape(text))
