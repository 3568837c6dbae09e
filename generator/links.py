"""Every link and image in author Markdown, found the way the page renderer will see it.

Authors write links in many forms: `[t](lesson:x)`, `[t](lesson:x "title")`, `[t](<lesson:x>)`,
reference style, or raw `<a href>`. Rather than guess each form with a pattern, the text is
converted with the same Markdown settings as the pages, and the resulting `href`/`src`
attributes are read back. Validation therefore sees exactly what rendering will resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import markdown

MARKDOWN_EXTENSIONS = ["tables", "sane_lists"]
"""The Markdown extensions author text is rendered with (pages, handouts, validation)."""

INTERNAL_SCHEMES = ("lesson", "glossary")
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
_ATTR = re.compile(r"""\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
# Python-Markdown (with these extensions) makes a link or image only from brackets
# (`[t](u)`, `[t][r]`, `[r]: u`) or angle brackets (autolinks, raw HTML); a bare `x:` stays
# text. Text with neither is not converted: most prose has neither, and conversion is slow.
_MAYBE = re.compile(r"<|\]\s*[\[(]|\]:")
NEEDED = ("<", "]")
"""Text holding neither of these holds no link or image."""


@dataclass(frozen=True)
class Link:
    attr: Literal["href", "src"]
    url: str

    @property
    def scheme(self) -> str:
        return urlsplit(self.url).scheme.lower() if ":" in self.url else ""

    @property
    def internal(self) -> tuple[str, str] | None:
        """('lesson'|'glossary', id) for a course-internal link, else None."""
        kind, sep, rest = self.url.partition(":")
        if sep and kind.lower() in INTERNAL_SCHEMES:
            return kind.lower(), rest.split("#", 1)[0].strip()
        return None


class LinkFinder:
    """Finds links in Markdown; reuses one converter (conversion is the costly part)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")

    def find(self, text: str) -> list[Link]:
        # Plain prose: nothing can become a link or image (it holds nothing NEEDED).
        if ("<" not in text and "]" not in text) or not _MAYBE.search(text):
            return []
        self._md.reset()
        rendered = self._md.convert(text)
        return [
            Link(
                "src" if m.group(1).lower() == "src" else "href",
                (m.group(2) or m.group(3) or m.group(4) or "").strip(),
            )
            for m in _ATTR.finditer(rendered)
        ]


def problem_with(link: Link, allowed_hosts: frozenset[str]) -> tuple[str, str] | None:
    """Why `link` may not appear in a course, with the rule id (`unsafe-link`,
    `remote-media`), or None if it is fine."""
    scheme = link.scheme
    if link.internal is not None:
        return None
    if scheme and scheme not in LINK_SCHEMES:
        return (
            f"link '{_short(link.url)}': the '{scheme}:' scheme is not allowed (expected "
            "http, https, mailto, tel, lesson: or glossary:)"
        ), "unsafe-link"
    if link.attr == "src" and scheme in ("http", "https", ""):
        host = (urlsplit(link.url).hostname or "").lower()
        if (scheme or link.url.startswith("//")) and host not in allowed_hosts:
            return (
                f"image '{_short(link.url)}' would be loaded from {host or 'another host'}, "
                "which learners' browsers would contact; copy the file into the project, "
                "or allow the host under 'media_hosts' in microlearn.yaml"
            ), "remote-media"
    if link.attr == "src" and scheme in ("mailto", "tel"):
        return f"image '{_short(link.url)}': expected a file or an http(s) address", "unsafe-link"
    return None


def _short(url: str) -> str:
    return url if len(url) <= 60 else url[:57] + "..."
