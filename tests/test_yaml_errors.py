"""YAML syntax errors point at the line the author has to change and say what to do.

The case folders (tests/cases/yaml-*) pin one message each; these tests vary where the
mistake is, so the position is found, not fixed by one example, and fuzz the describer with
damaged files: it must always answer in plain words and never crash.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.yamlload import YamlProblem, parse_text

BASE = (Path(__file__).resolve().parent / "cases/_base/content/basics/first-steps.yaml").read_text(
    encoding="utf-8"
)
LINES = BASE.splitlines(keepends=True)
JARGON = (
    "mapping values are not allowed",
    "could not find expected",
    "did not find expected",
    "while scanning",
    "while parsing",
    "cannot start any token",
)


def problem_of(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        parse_text(text, "lesson.yaml")
    return caught.value


def key_lines() -> list[int]:
    """0-based lines of `key: value` pairs (outside the Markdown body)."""
    return [
        i
        for i, line in enumerate(LINES)
        if ": " in line and not line.startswith("#") and "'" not in line
    ]


def breaks_syntax(row: int) -> bool:
    """`timing 10` as the only key of a mapping is valid YAML (text where a mapping was
    expected): the validator reports that one, not the reader."""
    try:
        parse_text(
            "".join(LINES[:row] + [LINES[row].replace(": ", " ", 1)] + LINES[row + 1 :]),
            "lesson.yaml",
        )
    except YamlProblem:
        return True
    return False


@pytest.mark.parametrize("row", [i for i in key_lines() if breaks_syntax(i)])
def test_missing_colon_is_reported_on_its_own_line(row: int) -> None:
    lines = list(LINES)
    lines[row] = lines[row].replace(": ", " ", 1)
    problem = problem_of("".join(lines)).problem
    assert problem.line == row + 1, problem.format()
    assert "without a colon" in problem.message and "write '" in problem.message
    assert problem.rule == "yaml-syntax"


@pytest.mark.parametrize("row", [i for i in key_lines() if LINES[i].startswith("  ")])
def test_a_tab_in_the_indentation_is_named_on_its_line(row: int) -> None:
    lines = list(LINES)
    lines[row] = "\t" + lines[row].lstrip(" ")
    problem = problem_of("".join(lines)).problem
    assert (problem.line, problem.col) == (row + 1, 1)
    assert "found a tab character (replace the tab with spaces)" in problem.message


@pytest.mark.parametrize("value", ["Step one: greet", "Note: names: matter"])
def test_unquoted_colon_in_text_says_put_the_text_in_quotes(value: str) -> None:
    problem = problem_of(BASE.replace("title: First steps", f"title: {value}")).problem
    assert (problem.line, problem.col) == (3, 8)
    assert f'put the text in quotes: title: "{value}"' in problem.message


def test_the_suggested_fix_parses() -> None:
    """Applying what the message says gives a file that reads."""
    problem = problem_of(BASE.replace("title: First steps", "title: Step one: greet")).problem
    fixed = problem.message.split("put the text in quotes: ")[1].rstrip(")")
    doc = parse_text(BASE.replace("title: First steps", fixed), "lesson.yaml")
    assert doc.data["title"] == "Step one: greet"


damage = st.tuples(
    st.integers(0, len(BASE) - 1),
    st.sampled_from([":", "\t", '"', "'", "  ", "- ", "[", "*", "\n", "#", "|"]),
    st.integers(0, 3),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(damage, min_size=1, max_size=3))
def test_damaged_files_get_a_located_plain_message(edits: list[tuple[int, str, int]]) -> None:
    text = BASE
    for at, insert, cut in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut :]
    try:
        parse_text(text, "lesson.yaml")
    except YamlProblem as exc:
        problem = exc.problem
        assert 1 <= problem.line <= text.count("\n") + 1
        assert problem.col >= 1
        assert problem.message.strip()
        plain = problem.message.split(" (")[0]
        assert not any(word in plain for word in JARGON), problem.message


def test_a_place_inside_a_literal_block_has_its_own_line() -> None:
    text = "id: a\nbody: |\n\n  First line.\n  Second line with ![](media/x.png) in it.\nend: 1\n"
    doc = parse_text(text, "lesson.yaml")
    body = doc.data["body"]
    assert doc.at_offset(("body",), body.index("![")) == (5, 20)
    assert doc.at_offset(("end",), 0) == (6, 6)  # not a literal block: where the value starts
