"""`microlearn init <folder>`: a new course project that builds as it is.

One module, one lesson with its quiz, the site settings (`mkdocs.yml`), a `.gitignore` and
a GitHub Actions workflow that validates every change and publishes main to GitHub Pages.
Placeholder text starts with `TODO:` so the `todo-placeholder` rule lists what is left to
write; everything else passes `microlearn validate --strict`. The schema header of each
file points at the JSON Schemas of the installed microlearn (a path relative to the file).
"""

from __future__ import annotations

import re
from pathlib import Path

from generator import __version__
from generator.errors import MicrolearnError
from generator.scaffold import new_lesson, new_module, title_of, yaml_text
from generator.schema import header_for

STARTER = Path(__file__).parent / "templates" / "starter"
FIRST_MODULE = "getting-started"
FIRST_LESSON = "first-lesson"
FILES = {  # template name -> place in the new project
    "mkdocs.yml": "mkdocs.yml",
    "gitignore": ".gitignore",
    "requirements.txt": "requirements.txt",
    "publish.yml": ".github/workflows/publish.yml",
}


def init_project(folder: Path, *, title: str | None = None) -> list[str]:
    """Create a course project in `folder` (new or empty). Returns what was done."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise MicrolearnError(
            f"{folder}: already exists and is not empty; microlearn init "
            "only writes into a new or empty folder"
        )
    course_id = _slug(folder.resolve().name)
    title = title or title_of(course_id)
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    course_file = content / "course.yaml"
    fields = {
        "__HEADER__": header_for("course", course_file),
        "__ID__": course_id,
        "__TITLE__": yaml_text(title),
        "__VERSION__": __version__,
    }
    course_text = _fill((STARTER / "course.yaml").read_text(encoding="utf-8"), fields)
    course_file.write_text(course_text, encoding="utf-8")
    for template, target in FILES.items():
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            _fill((STARTER / template).read_text(encoding="utf-8"), fields), encoding="utf-8"
        )
    new_module(folder, FIRST_MODULE)
    new_lesson(folder, f"{FIRST_MODULE}/{FIRST_LESSON}")
    return [
        f"created a course in {folder}: content/course.yaml, one module, one lesson and "
        "its quiz, mkdocs.yml, .gitignore, requirements.txt, "
        ".github/workflows/publish.yml",
        "next: replace every 'TODO:' text (microlearn validate lists them), then "
        f"microlearn build -C {folder}",
    ]


def _fill(text: str, fields: dict[str, str]) -> str:
    for marker, value in fields.items():
        text = text.replace(marker, value)
    return text


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "course"
