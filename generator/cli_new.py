"""`microlearn init` and `microlearn new module|lesson|quiz`: files to start from."""

from __future__ import annotations

from pathlib import Path

import click

from generator.console import Group, project_option, say


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default=None, help="Course title (default: from the folder name).")
def init(folder: Path, title: str | None) -> None:
    """Start a new course project in FOLDER: one module, one lesson, one quiz, site settings
    and a workflow that publishes to GitHub Pages."""
    from generator.starter import init_project

    for line in init_project(folder, title=title):
        say(line)


@click.group(cls=Group)
def new() -> None:
    """Create new course files from a template."""


@new.command("module")
@project_option
@click.argument("module_id", metavar="MODULE-ID")
@click.option("--title", default=None, help="Module title (default: from the id).")
def new_module(project: Path, module_id: str, title: str | None) -> None:
    """Create content/MODULE-ID/module.yaml and list the module in course.yaml."""
    from generator.scaffold import new_module as scaffold_module

    for line in scaffold_module(project, module_id, title=title):
        say(line)


@new.command("lesson")
@project_option
@click.argument("where", metavar="MODULE/LESSON-ID")
@click.option("--title", default=None, help="Lesson title (default: from the id).")
def new_lesson(project: Path, where: str, title: str | None) -> None:
    """Scaffold a lesson and its quiz, and add the lesson to its module."""
    from generator.scaffold import new_lesson as scaffold_lesson

    for line in scaffold_lesson(project, where, title=title):
        say(line)


@new.command("quiz")
@project_option
@click.argument("lesson_id", metavar="LESSON-ID")
def new_quiz(project: Path, lesson_id: str) -> None:
    """Scaffold the quiz of a lesson that has none and point the lesson at it."""
    from generator.scaffold import new_quiz as scaffold_quiz

    for line in scaffold_quiz(project, lesson_id):
        say(line)
