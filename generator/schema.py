"""JSON Schemas of the source files, generated from the models, for editor autocompletion.

Every content file starts with `# yaml-language-server: $schema=<relative path>`, which
points the YAML language server (VS Code, Neovim, JetBrains...) at one of these files; it
then completes keys, shows the field descriptions and flags unknown keys as you type.
The schemas are written as JSON Schema draft-07 (`definitions`, not `$defs`), the draft
editors support best. A test keeps the files in sync with the models.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.config import ProjectConfig
from generator.convmodels import Conversation, Skills
from generator.models import Course, Glossary, Lesson, Module, Quiz

SCHEMA_DIR = Path(__file__).parent / "schemas"
KINDS: dict[str, type[BaseModel]] = {
    "course": Course,
    "module": Module,
    "lesson": Lesson,
    "quiz": Quiz,
    "glossary": Glossary,
    "conversation": Conversation,
    "skills": Skills,
    "microlearn": ProjectConfig,
}
HEADER = "# yaml-language-server: $schema="


def schema_of(kind: str) -> dict[str, Any]:
    """The draft-07 JSON Schema of one kind of source file."""
    model = KINDS[kind]
    raw = model.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    definitions = raw.pop("$defs", None)
    schema: dict[str, Any] = {"$schema": "http://json-schema.org/draft-07/schema#"}
    schema.update(raw)
    if definitions:
        schema["definitions"] = definitions
    return schema


def schema_text(kind: str) -> str:
    """The file content of `<kind>.schema.json` (stable, so the test can compare bytes)."""
    return json.dumps(schema_of(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema into `folder`; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


def header_for(kind: str, file: Path) -> str:
    """The first line of a new `kind` file at `file`: a relative path to its schema."""
    target = os.path.relpath(SCHEMA_DIR / f"{kind}.schema.json", file.resolve().parent)
    return HEADER + Path(target).as_posix()
