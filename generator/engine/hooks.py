"""MkDocs hooks that the generated config loads (`hooks:`); MkDocs imports this file by path.

Material prints titles raw in some places and through `| e` in others (tooltips, footer
aria-labels). Titles reach the engine already HTML-escaped, so the raw places are safe, and
here `e` becomes "escape once": characters are escaped, but character references already
present are left alone. A title is then shown as typed everywhere: `&lt;` stays `&lt;`,
and a quote is read as a quote, not as `&quot;`.

The 404 page is served at whatever address was missing, so MkDocs writes its links from the
site root (`/assets/...`), which breaks when the site lives in a sub-folder. Here its links
become relative to a `<base>` that a small script finds at load time (the first folder up
the path that holds the site's own runtime), so the page keeps its styles and links under
any sub-path. Without a site URL the sitemap would be empty: it is left out instead.

The runtime's modules reach pages packed by `runtime`: the theme's module files are left out
of the site, and templates ask `microlearn_runtime(ext, page)` for the one script or one
stylesheet a page needs, which is written into the site the first time a page asks for it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Undefined
from markupsafe import Markup

from generator.engine import runtime

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
    site = Path(config["site_dir"])
    made: dict[tuple[str, ...], tuple[str, str]] = {}
    # Instant navigation swaps pages without running their scripts: every page gets it all.
    instant = "navigation.instant" in (config["theme"].get("features") or [])

    last: list[tuple[Any, frozenset[str]]] = []  # the HTML last scanned, and its hooks

    def hooks(page: Any) -> frozenset[str]:
        """The hooks in `page`'s HTML: scanned once for its script and its stylesheet."""
        if page is None or isinstance(page, Undefined):
            return frozenset()
        html = page.content or ""
        if not last or last[0][0] is not html:  # a page rendered again has new content
            last[:] = [(html, runtime.hooks_in(str(html)))]
        return last[0][1]

    def microlearn_runtime(ext: str, page: Any = None) -> str:
        """Site path of the bundle of `ext` ("js" or "css") that `page` needs (none: 404)."""
        table = runtime.SCRIPTS if ext == "js" else runtime.STYLES
        names = runtime.needed(table, None if instant else hooks(page))
        key = (ext, *names)
        if key not in made:
            made[key] = runtime.bundle(names, ext)
        rel, text = made[key]
        target = site / rel
        if not target.exists():  # named after its content: one there is the same
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return rel

    env.globals["microlearn_runtime"] = microlearn_runtime
    return env


def on_files(files: Any, config: Any) -> Any:
    """Leave the runtime's module files out of the site: pages load them bundled."""
    for ext in ("js", "css"):
        for name in runtime.bundled(ext):
            file = files.get_file_from_path(f"{runtime.FOLDER}/{name}")
            if file is not None:
                files.remove(file)
    return files


_FIND_ROOT = (
    "<script>(function(){var p=location.pathname.split('/');p.pop();"
    "for(;p.length;p.pop()){var r=p.join('/')+'/';try{var x=new XMLHttpRequest();"
    "x.open('HEAD',r+'assets/microlearn/course-data.js',false);x.send();"
    "if(x.status===200){document.write('<base href=\"'+r+'\">');return}}catch(e){}}"
    "document.write('<base href=\"/\">')})()</script>"
)
_ROOT_LINK = re.compile(r'\b(href|src)="/(?!/)')


def on_post_template(output: str, template_name: str, config: Any) -> str:
    if template_name != "404.html":
        return output
    prefix = urlsplit(config.get("site_url") or "").path.rstrip("/")
    if prefix:
        output = output.replace(f'="{prefix}/', '="/')
    output = _ROOT_LINK.sub(r'\1="', output)
    output = output.replace('new URL("/",location)', 'new URL(".",document.baseURI)')
    output = output.replace('"base": "/"', '"base": "."')
    return output.replace("<head>", "<head>" + _FIND_ROOT, 1)


def on_post_build(config: Any) -> None:
    if config.get("site_url"):
        return
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        Path(config["site_dir"], name).unlink(missing_ok=True)
