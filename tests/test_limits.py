"""The YAML reader's limits on both sides, on inputs small enough to run in milliseconds.

An author who hits a limit gets one located line naming our rule; a file just inside the
limit reads as usual. The limits themselves are lowered here (the code reads them at call
time), so each boundary is one value away instead of 50,000 nodes away.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import yamlload
from generator.yamlload import YamlProblem, parse_text, read_document


def refused(text: str) -> str:
    with pytest.raises(YamlProblem) as stop:
        parse_text(text, "x.yaml")
    return stop.value.problem.format()


def test_node_limit_counts_values_and_refuses_one_past_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlload, "MAX_NODES", 5)
    assert parse_text("[1, 2, 3, 4]", "x.yaml").data == [1, 2, 3, 4]  # list + 4 items
    assert refused("[1, 2, 3, 4, 5]") == (
        "x.yaml:1:14: error: document expands to more than 5 values "
        "(are YAML aliases nested?) [yaml-size]"
    )


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("[a, b, c, d, e]", "1:14"),
        ("{k: a, l: [b, c], m: d}", "1:22"),
        ("a: x\nb: y\nc: [z, w]", "3:8"),
    ],
)
def test_node_limit_stops_at_the_same_text_value(
    monkeypatch: pytest.MonkeyPatch, text: str, at: str
) -> None:
    monkeypatch.setattr(yamlload, "MAX_NODES", 5)
    assert refused(text).startswith(f"x.yaml:{at}: error: document expands to more than 5")
    monkeypatch.setattr(yamlload, "MAX_NODES", 6)
    assert parse_text(text, "x.yaml").data


def test_node_limit_counts_every_expansion_of_an_alias(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "a: &x [1, 2]\nb: *x\n"  # mapping, list, 2 items, and the list again with its items
    monkeypatch.setattr(yamlload, "MAX_NODES", 7)
    assert parse_text(text, "x.yaml").data == {"a": [1, 2], "b": [1, 2]}
    monkeypatch.setattr(yamlload, "MAX_NODES", 6)
    # The 7th value is the alias's copy of `2`, which YAML marks where the anchor wrote it.
    assert refused(text).startswith("x.yaml:1:11: error: document expands to more than 6 values")


def nested(levels: int, inner: str = "") -> str:
    return "[" * levels + inner + "]" * levels


def test_depth_limit_refuses_the_first_value_one_level_too_deep() -> None:
    limit = yamlload.MAX_DEPTH
    assert parse_text(nested(limit, "1"), "x.yaml").data is not None
    assert refused(nested(limit + 1, "1")) == (
        f"x.yaml:1:{limit + 2}: error: document is nested more than {limit} levels deep "
        "(is a YAML alias inside itself?) [yaml-size]"
    )


@pytest.mark.parametrize("inner", ["1", "text", "{k: text}"])
def test_depth_limit_counts_text_and_mappings_like_any_value(inner: str) -> None:
    limit = yamlload.MAX_DEPTH
    deeper = inner.startswith("{")  # the mapping's value is one level further in
    assert parse_text(nested(limit - deeper, inner), "x.yaml").data is not None
    assert refused(nested(limit + 1 - deeper, inner)).startswith(
        f"x.yaml:1:{limit + 2 + 3 * deeper}: error: document is nested more than {limit}"
    )


def test_depth_scan_used_after_a_yaml_failure_stops_at_the_same_level() -> None:
    limit = yamlload.MAX_DEPTH
    assert yamlload._depth_exceeded(nested(limit + 1)) is None
    assert yamlload._depth_exceeded(nested(limit + 1, "1")) == (1, limit + 2)
    assert yamlload._depth_exceeded("a:\n  b: " + nested(limit + 2)) == (2, limit + 5)
    # closing a collection goes one level up, not back to the top
    assert yamlload._depth_exceeded("[[[1], " + nested(limit - 1, "1") + "]]") == (1, limit + 7)


def test_file_size_limit_is_inclusive(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_bytes(b"a: 1234567")  # 10 bytes
    assert read_document(file, "x.yaml", max_bytes=10).data == {"a": 1234567}
    with pytest.raises(YamlProblem) as stop:
        read_document(file, "x.yaml", max_bytes=9)
    assert stop.value.problem.format() == (
        "x.yaml:1:1: error: file is 10 bytes; the limit is 9 bytes "
        "(split it into smaller lessons) [file-size]"
    )


def test_bad_byte_is_located_at_its_line_and_column(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_bytes(b"a: 1\nbb: \xff\n")
    with pytest.raises(YamlProblem) as stop:
        read_document(file, "x.yaml")
    assert stop.value.problem.format() == (
        "x.yaml:2:5: error: expected UTF-8 text, found byte 0xff (save the file as UTF-8) "
        "[encoding]"
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "a: 1\nb:\n\tc: 2\n",
            "x.yaml:3:1: error: expected spaces for indentation, found a tab character (replace "
            "the tab with spaces) [yaml-syntax]",
        ),
        (
            "a: 1\na: 2\n",
            "x.yaml:2:1: error: duplicate key 'a' (the earlier value would be "
            "lost) [duplicate-key]",
        ),
        (
            "a: &x {b: 1}\nc:\n  <<: *x\n",
            "x.yaml:3:3: error: expected a plain key, found a "
            "YAML merge key '<<' (write the keys out) [yaml-syntax]",
        ),
        (
            "a: 1\n? [b]\n: 2\n",
            "x.yaml:2:3: error: expected a plain key, found a complex or empty key [yaml-syntax]",
        ),
        (
            "a: 1\nb: !x {c: 1}\n",
            "x.yaml:2:4: error: expected plain data, found the tag '!x' (remove it) [yaml-syntax]",
        ),
        (
            "a: 1\nb: 2024-02-30\n",
            "x.yaml:2:4: error: cannot read '2024-02-30': day is out of range for month (put it "
            "in quotes if it is text) [yaml-syntax]",
        ),
    ],
)
def test_refused_yaml_is_located_at_its_node(text: str, line: str) -> None:
    assert refused(text) == line


def test_impossible_date_is_located_at_its_value() -> None:
    line = refused("a: 1\nb: 2024-02-30\n")  # the reason's wording is Python's, not ours
    assert line.startswith("x.yaml:2:4: error: cannot read '2024-02-30': ")
    assert line.endswith(" [yaml-syntax]") and "\n" not in line


def test_marks_point_at_values_keys_and_the_nearest_ancestor() -> None:
    doc = parse_text("a:\n  - x\n  - y: 1\n", "x.yaml")
    assert doc.at("a", 1, "y") == (3, 8)
    assert doc.key_at("a", 1, "y") == (3, 5)
    assert doc.at("a", 1, "missing", 4) == (3, 5)  # the item that should hold it
    assert doc.key_at("a", 0) == doc.at("a", 0) == (2, 5)
    assert doc.at("nothing") == (1, 1)


def test_disable_comments_are_collected_with_the_first_line() -> None:
    text = "a: 1\n# microlearn: disable=one, two ,\n#microlearn:disable=three # why\n"
    doc = parse_text(text, "x.yaml")
    assert (doc.disabled, doc.disabled_at) == (frozenset({"one", "two", "three"}), 2)
    assert parse_text("a: 1\n", "x.yaml").disabled_at == 0


def test_control_character_is_located_even_after_a_leading_blank_line() -> None:
    assert refused("\na: \x07\n") == (
        "x.yaml:2:4: error: expected printable text, found control character #x0007 "
        "(delete it) [yaml-syntax]"
    )
