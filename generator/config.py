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
    cue_share_min: int = Field(
        default=15,
        ge=0,
        le=100,
        description="Least percent of single-answer and scenario items (3+ options) whose "
        "correct option may be the longest, or the shortest (cue-longest, cue-shortest).",
    )
    cue_share_max: int = Field(
        default=45, ge=0, le=100, description="Most percent for the same rules."
    )
    true_share_min: int = Field(
        default=35,
        ge=0,
        le=100,
        description="Least percent of true/false items keyed True (true-false-balance).",
    )
    true_share_max: int = Field(
        default=65, ge=0, le=100, description="Most percent keyed True (true-false-balance)."
    )
    absolute_wrong_max: int = Field(
        default=80,
        ge=0,
        le=100,
        description="Most percent of options (and true/false statements) with 'always', "
        "'never', 'every' or 'all' that may be wrong (absolute-words).",
    )
    cue_min_items: int = Field(
        default=8,
        ge=1,
        le=1000,
        description="Fewest items a course-wide share needs before the cue rules judge it.",
    )
    final_per_lesson: int = Field(
        default=2,
        ge=1,
        le=20,
        description="Fewest final assessment items per lesson (final-bank).",
    )
    final_copy_overlap: int = Field(
        default=50,
        ge=1,
        le=100,
        description="Percent of words a final item may share with a lesson quiz item before "
        "it counts as copied (final-copied).",
    )


class ProjectConfig(Model):
    """`microlearn.yaml`: project-wide settings of the microlearn tool."""

    lint: LintSettings = Field(default_factory=LintSettings, description="Lint settings.")
    trainer_in_site: bool = Field(
        default=False,
        description="Publish answer keys, the facilitator guide and the trainer page inside "
        "the learner site (anyone with the address can open them). By default they go to "
        "their own folder, site-trainer/, next to site/.",
    )
    media_hosts: list[str] = Field(
        default_factory=list,
        description="Hosts that author Markdown may load images from "
        "(e.g. 'media.example.org'). Learners' browsers contact them, so none by default.",
    )
    conversation_max_turns: int = Field(
        default=8,
        ge=1,
        le=100,
        description="Most choices a learner may need to reach a resolved ending of a "
        "conversation on its shortest path (rule conversation-length).",
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
