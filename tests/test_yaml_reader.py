"""The YAML reader's shortcuts give what PyYAML's general code would: tags and texts."""

from __future__ import annotations

import pytest
import yaml
from yaml.resolver import BaseResolver

from generator import yamlload
from generator.yamlload import parse_text

SCALARS = [
    "", "~", "null", "Null", "n", "no", "yes", "On", "true", "False", "TRUE", "tRue",
    "0", "-1", "+12", "0x1f", "0o17", "1_000", "1.5", "-.5", ".inf", "-.Inf", ".nan",
    "1e3", "2024-01-02", "2024-01-02 10:00:00", "<<", "=", "Hello", "tea", "2024 plans",
    ".hidden", "#x", "~home",
]  # fmt: skip


@pytest.mark.parametrize("value", SCALARS)
@pytest.mark.parametrize("implicit", [(True, False), (False, True), (False, False)])
def test_scalar_tags_are_those_pyyaml_resolves(value: str, implicit: tuple[bool, bool]) -> None:
    loader = yamlload._Loader("")
    try:
        expected = BaseResolver.resolve(loader, yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
        assert loader.resolve(yaml.ScalarNode, value, implicit) == expected
    finally:
        loader.dispose()


def test_collection_tags_are_those_pyyaml_resolves() -> None:
    loader = yamlload._Loader("")
    try:
        for kind in (yaml.MappingNode, yaml.SequenceNode):
            for implicit in (True, False):
                expected = BaseResolver.resolve(loader, kind, None, implicit)  # type: ignore[no-untyped-call]
                assert loader.resolve(kind, None, implicit) == expected
    finally:
        loader.dispose()


def test_plain_values_read_as_yaml_1_2_says() -> None:
    data = parse_text("a: yes\nb: true\nc: 3\nd: null\ne: '3'\nf: 2024-01-02", "x.yaml").data
    assert data["a"] == "yes" and data["b"] is True and data["c"] == 3 and data["d"] is None
    assert data["e"] == "3" and str(data["f"]) == "2024-01-02"


def test_every_text_is_listed_with_its_path_as_a_walk_finds_it() -> None:
    text = (
        "title: Hello\nn: 3\nbody: |\n  line one\n  line two\nitems:\n"
        "  - plain\n  - {a: x, b: [y, 2, z]}\n  - &anchor [p, q]\n"
        "again: *anchor\nwhen: 2024-01-02\nquoted: 'yes'\nempty:\n"
    )
    doc = parse_text(text, "x.yaml")
    assert doc.texts() == list(yamlload.strings(doc.data))
    assert [t for _, t in doc.texts()] == [
        "Hello", "line one\nline two\n", "plain", "x", "y", "z", "p", "q", "p", "q", "yes"
    ]  # fmt: skip
    assert parse_text("just text", "x.yaml").texts() == [((), "just text")]
    assert yamlload.Document("y.yaml", {"a": ["b"]}).texts() == [(("a", 0), "b")]
