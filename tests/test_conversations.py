"""Conversation graphs: the walk helpers, the turn limit on both sides, and the script view."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import validate
from generator.cli import cli
from generator.convgraph import shortest_resolution
from generator.convview import conversation_view, outline
from generator.loader import load
from generator.markup import MarkupRenderer
from generator.render import Place, Shared, _conversation, resolver
from tests.conftest import replace_in

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


def test_a_conversation_on_two_pages_links_from_each(tmp_path: Path) -> None:
    """A conversation's HTML is made once for the site when it reads the same from any
    page; one whose text links is made again for each page that shows it."""
    project = shutil.copytree(FIXTURE, tmp_path / "course")
    replace_in(
        project / "content" / "conversations" / "double-charge.yaml",
        "feedback: A clear action and a promise with a date.",
        "feedback: See [sizes](lesson:wrong-size).",
    )
    cur, problems = validate(project)
    assert cur is not None, [p.format() for p in problems]
    md, shared = MarkupRenderer(resolver(cur)), Shared()

    def html(conversation: str, page: str) -> str:
        return _conversation(conversation, Place(md, page, cur, "x", shared))

    for page, url in [
        ("practice/a.md", "wrong-size.html"),
        ("other/b.md", "../practice/wrong-size.html"),
        ("c.md", "practice/wrong-size.html"),
    ]:
        assert f'<p>See <a href="{url}">sizes</a>.</p>' in html("double-charge", page)
    assert html("wrong-size", "practice/a.md") is html("wrong-size", "c.md")
