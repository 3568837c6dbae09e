"""Author Markdown to safe HTML.

Author text is Markdown; any raw HTML in it passes through nh3 (an allow-list sanitiser),
so `<script>`, `on*=` handlers and `javascript:` URLs never reach a page. Links written as
`lesson:<id>` or `glossary:<id>` are resolved to relative URLs before sanitising.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from typing import TypeVar

import markdown
import nh3
from markupsafe import Markup

from generator.links import MARKDOWN_EXTENSIONS

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "img",
    "span",
    "sup",
    "sub",
    "abbr",
    "kbd",
    "mark",
    "dl",
    "dt",
    "dd",
}
ALLOWED_ATTRS = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_INTERNAL = re.compile(r'href="(lesson|glossary):([a-z0-9-]*)(#[^"]*)?"')
# Characters Markdown, HTML or the sanitiser may act on, anywhere (every space but U+0020
# among them) but asterisks and brackets, which `simple_markdown` reads; what may open a
# block (list, heading, code, rule) at a line start, or a third newline; and the same at the
# text's start. Separate patterns, each found by a fast scan.
_NOT_SIMPLE = re.compile(
    r"[\\`_{}<>#!|~&\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xa0"
    r"\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
_NOT_PLAIN_LINE = re.compile(r"\n(?:[-+= ]|\d+\.|\n\n)")
_NOT_PLAIN_START = re.compile(r"[-+=\d\s]")
# A list item ("- " or "1. ") whose text starts as a paragraph line may; emphasis (`*x*`)
# and strong emphasis (`**x**`) around text with no asterisk and no space at either end.
_ITEM = re.compile(r"(- |[0-9]+\. )(?![-+=\d\s])")
_CONTINUED = re.compile(r" {1,3}(?![-+=\d\s])")
_EMPHASIS = re.compile(r"(?<!\*)(\*\*?)([^*<\s](?:[^*<]*[^*<\s])?)\1(?!\*)")
# A link to a lesson or a glossary term, its text on one line with no asterisk or bracket.
_LINK = re.compile(r"\[([^\[\]*\n]+)\]\(((?:lesson|glossary):[a-z0-9-]+(?:#[a-z0-9-]+)?)\)")
_PARAGRAPH_BREAK = re.compile(r"\n\n")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")

Resolver = Callable[[str, str], str]
"""(kind, id) -> site-relative page path of the target, e.g. ('lesson', 'x') -> 'mod/x.md'."""
MediaUrl = Callable[[str, str], str]
"""(media path as written, page) -> URL of the file from that page."""
T = TypeVar("T")
_NO_HTML = Markup("")
_MEDIA_SRC = re.compile(r'src="(media/[^"]+)"')
_MD_SUFFIX = re.compile(r"\.md$")


class MarkupRenderer:
    """Renders author Markdown for one site, resolving internal links per page."""

    def __init__(self, resolve: Resolver, media: MediaUrl | None = None) -> None:
        self._md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
        self._resolve = resolve
        self._media = media or (lambda target, page: relative_url(page, target))
        # The HTML of texts that read the same from every page (no internal link, no media):
        # a course repeats many (feedback, the review page's copy of each lesson quiz).
        self._blocks: dict[tuple[str, bool], Markup] = {}
        self._inlines: dict[str, Markup] = {}
        self._page_bound = 0  # texts so far with a link or media path made for their page

    def anywhere(self, make: Callable[[], T]) -> tuple[T, bool]:
        """`make()`, and whether all the texts it rendered read the same from every page
        (none had a link or a media path made for its page): then what it made, such as a
        quiz's question views, may be shown on another page too."""
        before = self._page_bound
        made = make()
        return made, self._page_bound == before

    def media_url(self, target: str, page: str) -> str:
        """Where an image or recording written as `media/<file>` is, seen from `page`."""
        return self._media(target, page)

    def block(self, text: str | None, page: str, *, headings: bool = False) -> Markup:
        """Markdown to sanitised block HTML for the page at `page` (a docs-relative path).
        `headings` also keeps h1 and h2, for whole documents such as job aids."""
        if not text:
            return _NO_HTML
        done = self._blocks.get((text, headings))
        if done is not None:
            return done
        # The shortcuts write what the converter and the sanitiser would, with no blank line.
        clean = plain_paragraphs(text) or simple_markdown(text)
        shortcut = clean is not None
        if clean is None:
            self._md.reset()
            clean = self._md.convert(text)
        links = 0
        if 'href="' in clean:  # a quick look first: most texts have no link at all
            clean, links = _INTERNAL.subn(lambda m: self._link(m, page), clean)
        files = 0
        if not shortcut:
            clean = nh3.clean(
                clean,
                tags=ALLOWED_TAGS | ({"h1", "h2"} if headings else set()),
                attributes=ALLOWED_ATTRS,
                url_schemes=URL_SCHEMES,
                link_rel=None,
            )
            # After sanitising: these URLs are ours (a relative path, or a data: URI in print).
            clean, files = _MEDIA_SRC.subn(
                lambda m: f'src="{self.media_url(html.unescape(m.group(1)), page)}"', clean
            )
            # Blank lines would end a raw-HTML block in the page's Markdown.
            clean = "\n".join(line for line in clean.splitlines() if line.strip())
        out = Markup(clean)
        if not links and not files:
            self._blocks[text, headings] = out
        else:
            self._page_bound += 1
        return out

    def inline(self, text: str | None, page: str) -> Markup:
        """Like `block`, without the wrapping paragraph when there is only one."""
        if not text:
            return _NO_HTML
        done = self._inlines.get(text)
        if done is not None:
            return done
        out = self.block(text, page)
        if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            out = Markup(str.__getitem__(out, slice(3, -4)))  # Markup's own slicing costs more
        if (text, False) in self._blocks:
            self._inlines[text] = out
        return out

    def _link(self, match: re.Match[str], page: str) -> str:
        target = self._resolve(match.group(1), match.group(2))
        return f'href="{relative_url(page, target)}{match.group(3) or ""}"'


def plain_paragraphs(text: str) -> str | None:
    """The HTML of `text` if it is plain paragraphs (no character or line start Markdown or
    HTML would act on), else None. Most author text is plain; skipping the Markdown converter
    and the sanitiser for it halves the cost of rendering a large course. A property test
    checks the result equals the full conversion."""
    body = text.rstrip("\n")
    if (
        not body
        or "*" in body
        or "[" in body
        or "]" in body
        or _NOT_SIMPLE.search(body)
        or _NOT_PLAIN_LINE.search(body)
        or _NOT_PLAIN_START.match(body)
        or " \n" in body  # spaces at a line's end (two make a line break)
        or body.endswith(" ")
    ):
        return None
    if "\n\n" not in body:
        return f"<p>{body}</p>"
    return "\n".join(f"<p>{para}</p>" for para in _PARAGRAPH_BREAK.split(body))


def simple_markdown(text: str) -> str | None:
    """The HTML of `text` if it holds only what most other author text holds: paragraphs and
    tight lists ("- " or "1. " items; an item's line continued on a line indented by one to
    three spaces), with `*emphasis*`, `**strong**` and `[links](lesson:id)`; else None.
    Links keep their `lesson:` or `glossary:` target, for `block` to resolve. Like
    `plain_paragraphs`, a property test checks the result equals the full conversion."""
    body = text.rstrip("\n")
    if (
        not body
        or _NOT_SIMPLE.search(body)
        or "\n\n\n" in body
        or " \n" in body
        or body.endswith(" ")
    ):
        return None
    parts, after_list = [], False
    for chunk in _PARAGRAPH_BREAK.split(body):
        first = _ITEM.match(chunk)
        if first is None:  # a paragraph
            if not chunk or _NOT_PLAIN_START.match(chunk) or _NOT_PLAIN_LINE.search(chunk):
                return None
            parts.append(f"<p>{chunk}</p>")
        elif after_list:  # a blank line between lists makes one loose list of them
            return None
        else:
            bullets = first[1] == "- "
            items: list[str] = []
            for line in chunk.split("\n"):
                item = _ITEM.match(line)
                if item is not None and (item[1] == "- ") == bullets:
                    items.append(line[item.end() :])
                elif items and _CONTINUED.match(line):
                    items[-1] += "\n" + line
                else:
                    return None
            tag = "ul" if bullets else "ol"
            parts.append(f"<{tag}>\n" + "".join(f"<li>{i}</li>\n" for i in items) + f"</{tag}>")
        after_list = first is not None
    html = "\n".join(parts)
    if "[" in body:
        html = _LINK.sub(r'<a href="\2">\1</a>', html)
    if "*" in body:  # emphasis never crosses a tag: its text holds no "<"
        html = _EMPHASIS.sub(_emphasis, html)
    return None if "*" in html or "[" in html or "]" in html else html


def _emphasis(match: re.Match[str]) -> str:
    tag = "strong" if len(match[1]) == 2 else "em"
    return f"<{tag}>{match[2]}</{tag}>"


def escape_text(value: str) -> str:
    """`markupsafe.escape(value)` as a plain string: the same five characters replaced, with
    no `Markup` made, which costs more than the replacing. HTML written in Python escapes a
    few hundred thousand values for a large course."""
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def relative_url(from_page: str, to_page: str) -> str:
    """URL of docs page `to_page` as seen from `from_page` (both like 'mod/lesson.md')."""
    path, _, fragment = to_page.partition("#")
    to_html = _MD_SUFFIX.sub(".html", path)
    start = posixpath.dirname(from_page) or "."
    url = _relpath(to_html, start)
    return f"{url}#{fragment}" if fragment else url


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for two paths inside the docs folder, without the two calls for
    the working directory it makes (a large course asks thousands of times)."""
    target = posixpath.normpath(path).split("/")
    origin = posixpath.normpath(start).split("/")
    if not path or not start or path[0] == "/" or start[0] == "/" or ".." in target + origin:
        return posixpath.relpath(path, start)  # not two paths inside one folder
    target = [part for part in target if part != "."]
    origin = [part for part in origin if part != "."]
    common = 0
    for a, b in zip(target, origin, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(origin) - common) + target[common:]) or "."


def heading(text: str) -> Markup:
    """Plain text made safe for a Markdown heading: HTML-escaped, Markdown specials escaped."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)))
