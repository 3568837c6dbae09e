"""Author Markdown as the HTML that question-bank formats carry.

Exports leave the site behind, so links to lessons and glossary terms become absolute
URLs when the course has a published `url`, and plain text when it has none. QTI wants
XHTML from a fixed element set: `xhtml()` closes void elements and renames the few
tags QTI lacks.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

from generator import urls
from generator.markup import MarkupRenderer, relative_url
from generator.models import Curriculum

_TAG = re.compile(r"<[^>]*>")
_PAGE = urls.HOME  # links are rendered as seen from the home page, then made absolute
_RELATIVE_LINK = re.compile(r'<a href="(?![a-z][a-z0-9+.-]*:|#)([^"]*)"([^>]*)>(.*?)</a>', re.S)


class ExportMarkup:
    """Renders quiz Markdown for exports of one course."""

    def __init__(self, cur: Curriculum) -> None:
        def resolve(kind: str, ident: str) -> str:
            if kind == "lesson":
                return urls.lesson_page(cur.module_of[ident], ident)
            return urls.glossary_term(ident)

        self._md = MarkupRenderer(resolve)
        self._base = cur.course.url.rstrip("/") + "/" if cur.course.url else None

    def block(self, text: str | None) -> str:
        """Markdown to sanitised HTML paragraphs (empty for no text)."""
        return _kept(self._links(str(self._md.block(text, _PAGE))), text, "<p>{}</p>")

    def inline(self, text: str | None) -> str:
        """Markdown to sanitised HTML without a wrapping paragraph when there is one."""
        return _kept(self._links(str(self._md.inline(text, _PAGE))), text, "{}")

    def _links(self, out: str) -> str:
        def fix(m: re.Match[str]) -> str:
            if self._base is None:
                return m.group(3)  # no published site to point at: keep the words
            target = urljoin(self._base, relative_url(_PAGE, m.group(1)))
            return f'<a href="{html.escape(target)}"{m.group(2)}>{m.group(3)}</a>'

        return _RELATIVE_LINK.sub(fix, out)


def _kept(rendered: str, source: str | None, wrap: str) -> str:
    """Text whose Markdown shows no words (a lone '#' or '>') is kept as typed: a question
    bank must not hold an empty question or feedback."""
    if not source or not source.strip() or "<img" in rendered or _TAG.sub("", rendered).strip():
        return rendered
    return wrap.format(text(source))


def text(value: str) -> str:
    """Plain author text (option labels, customer lines) as HTML."""
    return html.escape(value, quote=False)


# QTI 2.1 has no u, s or mark; their words stay, their styling goes.
_QTI_RENAME = {"u": "span", "s": "span", "mark": "span"}
_QTI_ATTRS = {"a": {"href"}, "img": {"src", "alt", "width", "height"}, "abbr": {"title"}}
_VOID = {"br", "hr", "img"}


class _Xhtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = "".join(
            f' {k}="{html.escape(v or "")}"' for k, v in attrs if k in _QTI_ATTRS.get(tag, ())
        )
        name = _QTI_RENAME.get(tag, tag)
        self.out.append(f"<{name}{kept}/>" if tag in _VOID else f"<{name}{kept}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.out.append(f"</{_QTI_RENAME.get(tag, tag)}>")

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))


def xhtml(fragment: str) -> str:
    """Sanitised HTML (as `ExportMarkup` returns it) as XHTML with QTI's element set."""
    parser = _Xhtml()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)
