"""MkDocs hooks that the generated config loads (`hooks:`); MkDocs imports this file by path.

Material prints titles raw in some places and through `| e` in others (tooltips, footer
aria-labels). Titles reach the engine already HTML-escaped, so the raw places are safe, and
here `e` becomes "escape once": characters are escaped, but character references already
present are left alone. A title is then shown as typed everywhere: `&lt;` stays `&lt;`,
and a quote is read as a quote, not as `&quot;`.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

_UNESCAPED = re.compile(r"&(?!(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});)")


def escape_once(value: Any) -> Markup:
    """HTML-escape `value`, keeping character references that are already there."""
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return Markup(value.__html__())
    text = _UNESCAPED.sub("&amp;", str(value))
    return Markup(
        text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")
    )


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.filters["e"] = env.filters["escape"] = escape_once
    return env
