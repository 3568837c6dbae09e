"""The editor's JSON Schemas and `microlearn validate` agree on every value.

One corpus feeds both: valid source files, and copies with one value replaced (by text,
numbers, booleans, blanks, lists, mappings, null) or one key removed or added. For each
document the schema and the validator must both accept or both refuse. The one rule JSON
Schema draft-07 cannot state, "exactly one correct option", is listed by name.
YAML text is read by our reader, which like editors follows YAML 1.2: `yes`, `No`, `on`
are text, not booleans.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from generator.schema import KINDS, schema_of
from generator.yamlload import parse_text, read_document

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "course": ["content/course.yaml", "tests/cases/_base/content/course.yaml"],
    "module": ["content/foundations/module.yaml"],
    "glossary": ["content/glossary.yaml"],
    "lesson": [
        "tests/fixtures/handouts-course/content/foundations/hearing-vs-listening.yaml",
        "tests/fixtures/handouts-course/content/foundations/undivided-attention.yaml",
        "tests/cases/_base/content/basics/first-steps.yaml",
    ],
    "quiz": [
        "tests/fixtures/handouts-course/quizzes/hearing-vs-listening.yaml",
        "tests/fixtures/handouts-course/quizzes/undivided-attention.yaml",
        "tests/cases/_base/quizzes/first-steps.yaml",
    ],
}
VALUES: list[Any] = [
    True,
    False,
    "yes",
    "No",
    "true",
    "on",
    "1",
    1,
    0,
    3,
    -1,
    2.0,
    1.5,
    "",
    " ",
    None,
    [],
    {},
    "text",
    "first-steps",
    ["a"],
    [1],
    {"a": 1},
    101,
    "a4",
]
VALIDATOR_ONLY = {"single_correct"}  # "exactly one correct option": beyond draft-07
Doc = dict[str, Any]


def load(rel: str) -> Doc:
    data = read_document(ROOT / rel, rel).data
    assert isinstance(data, dict)
    return data


def places(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every value's path; of long lists only the first two items (they repeat a shape)."""
    if path:
        yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from places(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data[:2]):
            yield from places(value, (*path, i))


def replaced(doc: Doc, path: tuple[Any, ...], value: Any) -> Doc:
    new = copy.deepcopy(doc)
    target = new
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return new


def without(doc: Doc, path: tuple[Any, ...]) -> Doc | None:
    new = copy.deepcopy(doc)
    target = new
    for part in path[:-1]:
        target = target[part]
    if not isinstance(target, dict):
        return None
    del target[path[-1]]
    return new


def corpus(kind: str) -> Iterator[Doc]:
    for rel in SOURCES[kind]:
        doc = load(rel)
        yield doc
        for path in places(doc):
            for value in VALUES:
                yield replaced(doc, path, value)
            smaller = without(doc, path)
            if smaller is not None:
                yield smaller
            if isinstance(value_at(doc, path), dict):  # a key the mapping may not have
                yield replaced(doc, (*path, "correct"), True)


def value_at(doc: Doc, path: tuple[Any, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def verdicts(kind: str, doc: Any, validator: jsonschema.Draft7Validator) -> tuple[bool, bool]:
    """(validator accepts, schema accepts); a refusal by a validator-only rule is skipped by
    counting it as the schema's answer."""
    schema_ok = validator.is_valid(doc)
    try:
        KINDS[kind].model_validate(doc)
    except ValidationError as exc:
        kinds = {e["type"] for e in exc.errors()}
        return (schema_ok if kinds <= VALIDATOR_ONLY else False), schema_ok
    except (TypeError, KeyError):  # a replaced parent made the path meaningless
        return schema_ok, schema_ok
    return True, schema_ok


@pytest.mark.parametrize("kind", list(SOURCES))
def test_schema_and_validator_agree_on_every_value(kind: str) -> None:
    validator = jsonschema.Draft7Validator(schema_of(kind))
    disagree = []
    seen = 0
    for doc in corpus(kind):
        seen += 1
        ours, schema = verdicts(kind, doc, validator)
        if ours != schema:
            disagree.append((ours, schema, doc))
    assert seen > 100
    assert not disagree, f"{len(disagree)} of {seen} documents, first: {disagree[0]}"


QUIZ = load("tests/cases/_base/quizzes/first-steps.yaml")


@pytest.mark.parametrize(
    ("line", "accepted"),
    [
        ("correct: true", True),
        ("correct: True", True),
        ("correct: yes", False),
        ("correct: on", False),
        ("correct: 1", False),
        ('correct: "true"', False),
    ],
)
def test_booleans_are_read_as_editors_read_them(line: str, accepted: bool) -> None:
    base = (ROOT / "tests/cases/_base/quizzes/first-steps.yaml").read_text()
    text = base.replace("correct: true", line)
    doc = parse_text(text, "quiz.yaml").data
    validator = jsonschema.Draft7Validator(schema_of("quiz"))
    assert verdicts("quiz", doc, validator) == (accepted, accepted)


@pytest.mark.parametrize("word", ["No", "Yes", "on", "off", "y", "n"])
def test_yes_and_no_are_text(word: str) -> None:
    base = (ROOT / "tests/cases/_base/content/basics/first-steps.yaml").read_text()
    doc = parse_text(base.replace("title: First steps", f"title: {word}"), "l.yaml").data
    assert doc["title"] == word
    validator = jsonschema.Draft7Validator(schema_of("lesson"))
    assert verdicts("lesson", doc, validator) == (True, True)
