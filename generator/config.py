"""Project settings from an optional `microlearn.yaml` next to content/ and quizzes/.

Only lint settings live here for now: which rules are off for the whole project, and the
numbers the reading-time rules use. The file is checked like course files (located errors,
"did you mean" for unknown keys), so a typo never silently switches nothing off.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError

from generator.errors import Problem
from generator.models import Model, Slug, Whole
from generator.schema_errors import translate
from generator.yamlload import Document, YamlProblem, read_document

CONFIG_FILE = "microlearn.yaml"


class LintSettings(Model):
    """Pedagogical lint: rules to switch off and the reading-time numbers."""

    disable: list[Slug] = Field(
        default_factory=list, description="Rule ids switched off for the whole project."
    )
    words_per_minute: Whole = Field(
        default=200, ge=50, le=1000, description="Reading speed used to measure lessons."
    )
    reading_budget: Whole = Field(
        default=7,
        ge=1,
        le=60,
        description="Most minutes of reading a lesson may take (rule reading-budget).",
    )
    duration_tolerance: Whole = Field(
        default=2,
        ge=0,
        le=60,
        description="Minutes a lesson's declared duration may differ "
        "from the measured one, or half the measured time if that is more (duration-mismatch).",
    )


class ProjectConfig(Model):
    """`microlearn.yaml`: project-wide settings of the microlearn tool."""

    lint: LintSettings = Field(default_factory=LintSettings, description="Lint settings.")
    media_hosts: list[str] = Field(
        default_factory=list,
        description="Hosts that author Markdown may load images from "
        "(e.g. 'media.example.org'). Learners' browsers contact them, so none by default.",
    )


def load_config(root: Path) -> tuple[ProjectConfig, Document | None, list[Problem]]:
    """The project's settings (defaults when there is no file), its document, and problems."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return ProjectConfig(), None, []
    try:
        doc = read_document(path, CONFIG_FILE)
    except YamlProblem as exc:
        return ProjectConfig(), None, [exc.problem]
    if doc.data is None:
        return ProjectConfig(), doc, []
    try:
        return ProjectConfig.model_validate(doc.data), doc, []
    except ValidationError as exc:
        return ProjectConfig(), doc, translate(doc, ProjectConfig, exc, "microlearn.yaml")
