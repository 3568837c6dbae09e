"""Which runtime scripts and styles a page loads, packed into one script and one stylesheet.

The learner runtime lives in the theme as small modules (`theme/assets/microlearn/`), each
tested on its own. A page needs only some of them: quiz code where there is a quiz,
conversation code on conversation pages, the certificate code on the certificate page. What
a page holds decides, by the classes and `data-` attributes in its HTML (the very hooks the
modules look for): `needed` picks the modules in load order, and `bundle` packs them, with
their comment lines and indentation left out (each under a comment naming it), into one
file named after its content. Pages
that hold the same kinds of things share a file, so the browser fetches it once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

SOURCE = Path(__file__).parent / "theme" / "assets" / "microlearn"
FOLDER = "assets/microlearn"
ALWAYS: frozenset[str] = frozenset()

# (module, what in a page needs it: class names or data- attributes; empty: every page), in
# load order: a module reads the globals of those above it when it runs.
SCRIPTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("dom", ALWAYS),
    ("store", ALWAYS),
    ("storage", ALWAYS),
    ("scoring", frozenset({"ml-quiz", "ml-review"})),
    ("conversation-core", frozenset({"ml-conversation", "data-conversation"})),
    ("quiz", frozenset({"ml-quiz"})),
    ("assess-core", frozenset({"ml-assessment"})),
    ("assess", frozenset({"ml-assessment"})),
    ("home", ALWAYS),
    ("conversation", frozenset({"ml-conversation"})),
    ("reply", frozenset({"ml-reply"})),
    ("results", frozenset({"ml-results"})),
    ("results-download", frozenset({"ml-results"})),
    ("review-core", ALWAYS),
    ("progress-core", ALWAYS),
    ("cover", ALWAYS),
    ("review", frozenset({"ml-quiz", "ml-review"})),
    ("review-page", frozenset({"ml-review"})),
    ("certificate", frozenset({"ml-cert-page"})),
    ("microlearn", ALWAYS),  # starts the others, so it comes last
)
STYLES: tuple[tuple[str, frozenset[str]], ...] = (
    ("microlearn", ALWAYS),
    ("media", ALWAYS),
    ("results", frozenset({"ml-quiz", "ml-next", "ml-needs-js"})),
    ("results-download", frozenset({"ml-results"})),
    ("conversation", frozenset({"ml-conversation", "ml-reply"})),
    ("learner", ALWAYS),
)
# Theme files loaded on their own as well: LMS launch pages read the store, and the SCORM
# 2004 one scores each answered question for cmi.interactions.
STANDALONE = frozenset({"store.js", "scoring.js"})

_CLASSES = re.compile(r'\bclass="([^"]*)"')
_DATA = re.compile(r"\s(data-[a-z0-9-]+)=")
_COMMENT = re.compile(r"^[ \t]*(?:/\*(?:[^*]|\*(?!/))*\*/|//[^\n]*)[ \t]*\n", re.M)
_INDENT = re.compile(r"^[ \t]+", re.M)


def hooks_in(html: str) -> frozenset[str]:
    """The class names and data- attributes a page's HTML uses."""
    classes = {name for value in _CLASSES.findall(html) for name in value.split()}
    return frozenset(classes | set(_DATA.findall(html)))


def needed(table: Iterable[tuple[str, frozenset[str]]], found: frozenset[str] | None) -> list[str]:
    """The modules of `table` that a page holding the hooks `found` (`hooks_in`) needs, in
    load order (None: every module, for sites whose pages replace each other without
    loading scripts)."""
    return [name for name, wants in table if not wants or found is None or wants & found]


def bundled(ext: str) -> set[str]:
    """Theme file names (`quiz.js`) that reach pages only inside bundles."""
    table = SCRIPTS if ext == "js" else STYLES
    return {f"{name}.{ext}" for name, _ in table} - STANDALONE


def compact(text: str) -> str:
    """Source text without whole-line comments, indentation and blank lines. Comments that
    share a line with code stay, so nothing inside a string or a pattern is touched."""
    text = _INDENT.sub("", _COMMENT.sub("", text))
    return "\n".join(line for line in text.splitlines() if line.strip()) + "\n"


def bundle(names: list[str], ext: str, source: Path = SOURCE) -> tuple[str, str]:
    """One file holding the modules `names` (`ext`: "js" or "css"): its site path and text."""
    parts = [
        f"/* {name}.{ext} */\n" + compact((source / f"{name}.{ext}").read_text(encoding="utf-8"))
        for name in names
    ]
    text = "".join(parts)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return f"{FOLDER}/runtime.{digest}.{ext}", text
