"""Lint rules for branching conversations (graph errors are in `convgraph.py`)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.convgraph import shortest_resolution
from generator.errors import Problem
from generator.lint.base import Context, Rule


def conversation_length(ctx: Context) -> Iterator[Problem]:
    limit = ctx.src.config.conversation_max_turns
    for conv_id in sorted(ctx.cur.conversations):
        turns = shortest_resolution(ctx.cur.conversations[conv_id])
        if turns is not None and turns > limit:
            yield ctx.warn(
                ctx.src.doc("conversation", conv_id),
                ("nodes",),
                f"conversation '{conv_id}': the shortest way to a resolved ending takes "
                f"{turns} choices, expected at most {limit} (conversation_max_turns); "
                "cut a turn or raise the limit in microlearn.yaml",
                "conversation-length",
                key=True,
            )


RULES = [
    Rule(
        "conversation-length",
        "the shortest path to a resolved ending of a conversation takes more choices "
        "than conversation_max_turns (default 8)",
        conversation_length,
    ),
]
