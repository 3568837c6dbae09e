"""Where a printed lesson points back to: the online lesson's URL, shown short and as a QR code."""

from __future__ import annotations

import os
from dataclasses import dataclass

import segno

from generator import urls
from generator.errors import BuildError
from generator.models import is_web_address

SITE_URL_ENV = "MICROLEARN_SITE_URL"


@dataclass(frozen=True)
class OnlineLink:
    """The way back from paper to the online lesson."""

    url: str  # absolute when the site URL is known, else site-relative
    short: str  # what is printed: no scheme, no trailing slash
    qr: str | None  # SVG data URI; None when there is no absolute URL to encode


def site_url(explicit: str | None, course_url: str | None) -> str | None:
    """The published site's base URL: the --site-url option, the course's `url`, or the
    MICROLEARN_SITE_URL environment variable, in that order; None if none is set."""
    for source, value in (
        ("--site-url", explicit),
        ("the course's url", course_url),
        (SITE_URL_ENV, os.environ.get(SITE_URL_ENV)),
    ):
        if value and value.strip():
            if not is_web_address(value.strip()):
                raise BuildError(
                    f"{source}: expected an http(s) address such as "
                    f"'https://example.org/course/', found {value.strip()[:80]!r}"
                )
            return value.strip().rstrip("/") + "/"
    return None


def lesson_link(base: str | None, module_id: str, lesson_id: str) -> OnlineLink:
    """The link printed on a lesson's handout."""
    path = urls.html_path(urls.lesson_page(module_id, lesson_id))
    if base is None:
        return OnlineLink(path, path, None)
    url = base + path
    short = url.split("://", 1)[-1]
    # Medium error correction survives a crumpled or badly copied page.
    qr = segno.make(url, error="m", micro=False).svg_data_uri(border=0, dark="#000")
    return OnlineLink(url, short, qr)
