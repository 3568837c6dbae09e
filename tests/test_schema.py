"""Editor support: the JSON Schemas match the models, every shipped file points at the right
one, and an editor using them accepts the shipped course and flags mistakes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.schema import HEADER, KINDS, SCHEMA_DIR, schema_text

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted([*ROOT.glob("content/**/*.yaml"), *ROOT.glob("quizzes/*.yaml")])


def kind_of(path: Path) -> str:
    rel = path.relative_to(ROOT)
    if rel.parts[0] == "quizzes":
        return "quiz"
    if rel.name in ("course.yaml", "glossary.yaml", "skills.yaml") and len(rel.parts) == 2:
        return rel.stem
    if rel.parts[1] == "conversations":
        return "conversation"
    return "module" if rel.name == "module.yaml" else "lesson"


def schema_path(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(re.escape(HEADER) + r"(\S+)", first)
    assert match, f"{path.relative_to(ROOT)}: first line is not a {HEADER}... line"
    return (path.parent / match.group(1)).resolve()


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_files_are_in_sync_with_the_models(kind: str) -> None:
    on_disk = (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert on_disk == schema_text(kind), "run `microlearn schema` and commit the result"


def test_the_shipped_course_has_files_to_check() -> None:
    assert len(SHIPPED) > 10


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_points_at_its_existing_schema(path: Path) -> None:
    target = schema_path(path)
    assert target.is_file()
    assert target == (SCHEMA_DIR / f"{kind_of(path)}.schema.json").resolve()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_an_editor_accepts_every_shipped_file(path: Path) -> None:
    schema = json.loads(schema_path(path).read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text()))]
    assert errors == []


def _editor_errors(kind: str, data: object) -> list[str]:
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(data)]


def test_an_editor_flags_an_unknown_key_and_a_bad_block_type() -> None:
    lesson = yaml.safe_load(
        (ROOT / "tests/cases/_base/content/basics/first-steps.yaml").read_text()
    )
    assert _editor_errors("lesson", lesson) == []
    lesson["titel"] = lesson.pop("title")
    lesson["blocks"][0]["type"] = "video"
    errors = " | ".join(_editor_errors("lesson", lesson))
    assert "'titel' was unexpected" in errors
    assert "'title' is a required property" in errors
    assert "video" in errors


def test_schemas_describe_fields_for_hover_help() -> None:
    quiz = json.loads((SCHEMA_DIR / "quiz.schema.json").read_text(encoding="utf-8"))
    assert quiz["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in quiz  # draft-07 editors resolve #/definitions/ only
    option = quiz["definitions"]["Option"]["properties"]
    assert option["feedback"]["description"].startswith("Why this option is right or wrong")
