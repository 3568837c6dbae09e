"""Lint rule for scaffold text: `microlearn init` and `new` mark their placeholders `TODO:`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.errors import Problem
from generator.lint.base import Context, Rule
from generator.schema_errors import dotted

MARKER = re.compile(r"\bTODO:")


def todo_placeholder(ctx: Context) -> Iterator[Problem]:
    """Every text that still holds a `TODO:` placeholder, one warning per value."""
    for (kind, ident), doc in sorted(ctx.src.docs.items()):
        if not doc.mentions("TODO:"):  # nearly every file
            continue
        for path, text in doc.texts():
            if "TODO:" not in text:
                continue
            match = MARKER.search(text)
            if match is None:
                continue
            words = " ".join(text[match.end() :].split())
            hint = words if len(words) <= 50 else words[:47] + "..."
            yield ctx.warn(
                doc,
                path,
                f"{kind} '{ident}': {dotted(path)}: expected your own "
                f"text, found the placeholder 'TODO: {hint}' (replace it)",
                "todo-placeholder",
            )


RULES = [
    Rule(
        "todo-placeholder",
        "placeholder text marked 'TODO:' from microlearn init or new is still in place",
        todo_placeholder,
    ),
]
