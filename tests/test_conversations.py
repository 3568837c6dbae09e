"""Conversation graphs: the walk helpers, the turn limit on both sides, and the script view."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.convgraph import shortest_resolution
from generator.convview import conversation_view, outline
from generator.loader import load
from generator.markup import MarkupRenderer

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "conversation-course"
CASE = Path(__file__).resolve().parent / "cases" / "lint-conversation-length"


def test_shortest_resolution_counts_choices_and_survives_loops() -> None:
    src = load(FIXTURE)
    assert shortest_resolution(src.conversations["double-charge"]) == 2
    assert shortest_resolution(src.conversations["wrong-size"]) == 1


@pytest.mark.parametrize(("limit", "warned"), [(1, True), (2, False)])
def test_turn_limit_warns_only_above_it(tmp_path: Path, limit: int, warned: bool) -> None:
    project = shutil.copytree(CASE, tmp_path / "case")
    (project / "microlearn.yaml").write_text(f"conversation_max_turns: {limit}\n")
    out = CliRunner().invoke(cli, ["validate", "-C", str(project)]).stdout
    assert ("[conversation-length]" in out) is warned


def test_outline_lists_each_step_once_and_points_back_at_repeats() -> None:
    src = load(FIXTURE)
    view = conversation_view(
        src.conversations["double-charge"], src.skills, MarkupRenderer(lambda k, i: i), "x.md"
    )
    rows = outline(view)
    assert [(r.depth, r.number, r.seen) for r in rows] == [
        (0, 1, False),
        (1, 2, False),
        (2, 4, False),
        (2, 5, False),
        (1, 3, False),
        (2, 2, True),
        (2, 6, False),
    ]
    assert [n.id for n in view.nodes][0] == "opening"
    assert [label for _, label in view.skills] == [
        "Acknowledging feelings",
        "Paraphrasing",
        "Taking ownership",
    ]
