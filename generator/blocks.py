"""One place per block kind: which kinds exist, and the text each one gives a reader.

Each concern that differs by kind keeps a table keyed by the block's `type` (reading text
here, page items in `render.py`, handout parts in `outputs/handouts/views.py`) and passes
it through `exhaustive()` when its module is imported, so a new kind in the `Block` union
that one table forgets stops the program at import, not in a learner's browser.
To add a kind: its model in `models.py`, then one entry in each of those three tables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, get_args

from generator.models import Block, DialogueBlock

T = TypeVar("T")
BLOCK_CLASSES: tuple[Any, ...] = get_args(get_args(Block)[0])
KINDS: frozenset[str] = frozenset(
    get_args(cls.model_fields["type"].annotation)[0] for cls in BLOCK_CLASSES
)


def exhaustive(concern: str, table: Mapping[str, T]) -> Mapping[str, T]:
    """`table` itself, once it is checked to have exactly one entry per block kind."""
    missing, unknown = KINDS - set(table), set(table) - KINDS
    if missing or unknown:
        raise AssertionError(
            f"{concern}: no entry for block kind(s) {sorted(missing)}; "
            f"entries for unknown kind(s) {sorted(unknown)}"
        )
    return table


_READING: Mapping[str, Callable[[Any], list[str | None]]] = exhaustive(
    "reading text",
    {
        "text": lambda b: [b.title, b.body],
        "callout": lambda b: [b.title, b.body],
        "dialogue": lambda b: [b.title, b.setting, b.debrief, *(ln.text for ln in b.lines)],
        "do_dont": lambda b: [b.title, *b.do, *b.dont],
        "reflection": lambda b: [b.prompt],
        "roleplay": lambda b: [b.title, b.setup, b.customer_brief, b.agent_goal],
        "reply": lambda b: [b.setting, b.customer, b.prompt],
        # A conversation is its own file, played at the learner's pace: not reading time.
        "conversation": lambda b: [],
        "image": lambda b: [b.caption],
        "audio": lambda b: [b.title, b.transcript],
    },
)


def reading_text(block: Any) -> list[str]:
    """The text a learner reads in this block (for reading time and lint), in page order."""
    return [part for part in _READING[block.type](block) if part]


def grouped(blocks: list[Any]) -> list[list[Any]]:
    """Blocks in page order, one group each, except that a 'better' dialogue right after a
    'poor' one joins it: the two are shown side by side, on the page and on paper."""
    groups: list[list[Any]] = []
    for block in blocks:
        prev = groups[-1] if groups else None
        if (
            isinstance(block, DialogueBlock)
            and block.quality == "better"
            and prev
            and len(prev) == 1
            and isinstance(prev[0], DialogueBlock)
            and prev[0].quality == "poor"
        ):
            prev.append(block)
        else:
            groups.append([block])
    return groups
