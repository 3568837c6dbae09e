"""How pages speak to the engine: navigation shape, front matter, and text it prints raw.

The renderer describes navigation as plain `NavItem`s; this module turns them into the
shape MkDocs reads from `nav:` and knows which front matter Material understands.
"""

from __future__ import annotations

import html
from typing import Any

from generator.render import NavItem


def engine_nav(items: list[NavItem]) -> list[Any]:
    """The `nav:` value of the engine config: sections list their index page first."""
    out: list[Any] = []
    for item in items:
        if item.children:
            out.append(
                {
                    engine_text(item.title): [
                        item.page,
                        *({engine_text(c.title): c.page} for c in item.children),
                    ]
                }
            )
        else:
            out.append({engine_text(item.title): item.page})
    return out


def front_matter(*, search: bool = True) -> list[str]:
    """Front matter lines for a page; `search=False` keeps it out of the site search."""
    return [] if search else ["---", "search:", "  exclude: true", "---", ""]


def engine_text(text: str) -> str:
    """Plain text for the places the site engine's templates print without escaping
    (navigation titles, site name): fully HTML-escaped, so author text can never open a tag
    or leave an attribute, and `&lt;` typed by an author shows as typed. Where the theme
    escapes again, `hooks.escape_once` leaves these entities alone."""
    return html.escape(text, quote=True)
