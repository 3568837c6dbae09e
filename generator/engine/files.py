"""Which files of a built site the learners' browsers never load (for lean packages).

The engine's theme ships source maps (for developer tools only) and search stemmers for
thirty languages, of which the search worker loads only those of the site's search
languages. Those languages are read from the built search index, so the answer follows
what the engine actually configured.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

LUNR = "assets/javascripts/lunr/"
SEARCH_INDEX = "search/search_index.json"
_LANG = re.compile(rb'"lang"\s*:\s*(\[[^\]]*\])')


def search_languages(site_dir: Path) -> list[str] | None:
    """The search languages of a built site (None if the site has no readable index)."""
    try:
        with (site_dir / SEARCH_INDEX).open("rb") as index:
            head = index.read(4096)  # the config comes first; the index itself can be large
    except OSError:
        return None
    match = _LANG.search(head)
    try:
        langs = json.loads(match.group(1)) if match else None
    except ValueError:
        return None
    return [str(lang) for lang in langs] if isinstance(langs, list) else None


def search_scripts(langs: list[str]) -> set[str]:
    """Files under the theme's lunr folder the search worker loads for `langs` (as in its
    source: a stemmer per language but English, segmenters for ja/hi/th, 'multi' for two
    or more, and the shared stemmer support whenever anything else is loaded)."""
    files: set[str] = set()
    for lang in langs:
        if lang == "ja":
            files.add("tinyseg.js")
        if lang in ("hi", "th"):
            files.add("wordcut.js")
        if lang != "en":
            files.add(f"min/lunr.{lang}.min.js")
    if len(langs) > 1:
        files.add("min/lunr.multi.min.js")
    if files:
        files.add("min/lunr.stemmer.support.min.js")
    return {LUNR + f for f in files}


def unused_by_learners(site_dir: Path) -> Callable[[str], bool]:
    """A test for site-relative paths: source maps, and stemmers of other languages."""
    langs = search_languages(site_dir)
    keep = search_scripts(langs) if langs is not None else None

    def unused(rel: str) -> bool:
        if rel.endswith(".map"):
            return True
        return keep is not None and rel.startswith(LUNR) and rel not in keep

    return unused
