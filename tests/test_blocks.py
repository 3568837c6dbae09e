"""Every block kind has its entry in every table that differs by kind."""

from __future__ import annotations

import pytest

from generator import blocks, render
from generator.blocks import KINDS, exhaustive, grouped
from generator.models import DialogueBlock, TextBlock
from generator.outputs.handouts import views


def test_block_kinds_come_from_the_block_union() -> None:
    assert {
        "text",
        "dialogue",
        "callout",
        "do_dont",
        "reflection",
        "roleplay",
        "reply",
        "conversation",
        "image",
        "audio",
    } == KINDS


@pytest.mark.parametrize("table", [blocks._READING, render._PAGE_ITEMS, views._HANDOUT_PARTS])
def test_every_table_covers_every_kind(table: object) -> None:
    assert set(table) == KINDS  # type: ignore[call-overload]


def test_a_table_missing_a_kind_stops_at_import() -> None:
    table = {kind: 1 for kind in KINDS if kind != "roleplay"}
    with pytest.raises(AssertionError, match="roleplay"):
        exhaustive("page items", table)
    with pytest.raises(AssertionError, match="unknown kind"):
        exhaustive("page items", {**table, "roleplay": 1, "video": 1})


def _dialogue(quality: str | None) -> DialogueBlock:
    return DialogueBlock.model_validate(
        {
            "type": "dialogue",
            "title": "t",
            "setting": "s",
            "customer": "C",
            "agent": "A",
            "quality": quality,
            "lines": [{"customer": "hi"}, {"agent": "hello"}],
        }
    )


def test_only_a_better_dialogue_right_after_a_poor_one_pairs() -> None:
    text = TextBlock.model_validate({"type": "text", "body": "b"})
    poor, better, plain = _dialogue("poor"), _dialogue("better"), _dialogue(None)
    assert [len(g) for g in grouped([poor, better, better])] == [2, 1]
    assert [len(g) for g in grouped([poor, text, better])] == [1, 1, 1]
    assert [len(g) for g in grouped([better, poor])] == [1, 1]
    assert [len(g) for g in grouped([plain, better, poor, poor, better])] == [1, 1, 1, 2]
