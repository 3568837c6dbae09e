"""`microlearn new lesson|module|quiz`: valid files to start from, listed where they belong.

The new files are valid as written, so an author always starts from a building course;
their placeholder text starts with `TODO:`, says what to write where, and is reported by
the `todo-placeholder` lint rule until it is replaced. Ids are added to `course.yaml` and
`module.yaml` by editing their text, so those files keep their comments and layout.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator import urls
from generator.errors import MicrolearnError
from generator.models import SLUG_RE
from generator.schema import header_for
from generator.yamledit import append_item, read_mapping, set_key

LESSON = """\
{header}
id: {id}
title: {title}
duration: 1                  # minutes of reading; microlearn validate says if it is far off
objectives:                  # 1-3, each an action a learner can show
  - id: apply
    text: "TODO: Apply the technique from this lesson in a real customer contact."
intro: |
  TODO: One short paragraph: why this lesson matters to the learner, in plain words.
blocks:
  - type: text
    title: The idea
    body: |
      TODO: Explain the idea in two or three short paragraphs. Say why it works,
      and give one concrete phrase an agent could use.
  - type: do_dont
    do:
      - "TODO: Something to do, as a short instruction."
    dont:
      - "TODO: Something to avoid, as a short instruction."
  - type: reflection
    prompt: "TODO: A question learners answer for themselves about their own contacts."
takeaways:
  - "TODO: The first thing to remember."
  - "TODO: The second thing to remember."
  - "TODO: The third thing to remember."
trainer_notes:
  timing: 15                 # classroom minutes
  notes: |
    TODO: How to run this lesson in a classroom, and what to watch for.
  discussion:
    - "TODO: A question for the group."
quiz: {id}
"""

QUIZ = """\
{header}
id: {id}
title: {quiz_title}
pass_mark: 80
shuffle: true
questions:
  - id: q1
    type: single
    objective: {objective}
    prompt: "TODO: Ask about one thing the lesson taught. Which option is right?"
    options:
      - text: "TODO: A plausible but wrong option"
        feedback: "TODO: Say why this option is wrong, in a sentence."
      - text: "TODO: The correct option"
        correct: true
        feedback: "TODO: Say why this option is right, in a sentence."
      - text: "TODO: Another plausible wrong option"
        feedback: "TODO: Say why a learner might pick this, and why it is wrong."
  - id: q2
    type: true_false
    objective: {objective}
    prompt: "TODO: A statement about the lesson that learners judge true or false."
    answer: true
    if_true: "TODO: Say why the statement is true, in a sentence."
    if_false: "TODO: Say why the statement is in fact true, in a sentence."
"""

MODULE = """\
{header}
id: {id}
title: {title}
summary: "TODO: One sentence on what this module covers."
lessons: []                  # add lessons with: microlearn new lesson {id}/<lesson-id>
"""


def new_lesson(project: Path, where: str, *, title: str | None = None) -> list[str]:
    """Create content/<module>/<id>.yaml and quizzes/<id>.yaml and list the lesson in the
    module (also the first lesson of an empty module). Returns what was done, one line each.
    Raises MicrolearnError on bad input, before writing anything."""
    module_id, _, lesson_id = where.strip("/").partition("/")
    if not (re.match(SLUG_RE, module_id) and re.match(SLUG_RE, lesson_id)):
        raise MicrolearnError(
            f"expected MODULE/LESSON-ID with lowercase slugs, like "
            f"'foundations/active-silence', found '{where}'"
        )
    check_id("lesson", lesson_id)
    content = project / "content"
    module_file = content / module_id / "module.yaml"
    lesson_file = content / module_id / f"{lesson_id}.yaml"
    quiz_file = project / "quizzes" / f"{lesson_id}.yaml"
    if not module_file.is_file():
        raise MicrolearnError(
            f"{_rel(module_file, project)}: module '{module_id}' not found "
            f"(create it with: microlearn new module {module_id})"
        )
    clash = [p for p in content.glob(f"*/{lesson_id}.yaml")] + [quiz_file] * quiz_file.exists()
    if clash:
        raise MicrolearnError(f"{_rel(clash[0], project)}: '{lesson_id}' already exists")
    title = title or title_of(lesson_id)
    module_text = append_item(module_file, _rel(module_file, project), "lessons", lesson_id)
    lesson_file.write_text(
        LESSON.format(
            header=header_for("lesson", lesson_file), id=lesson_id, title=yaml_text(title)
        ),
        encoding="utf-8",
    )
    _write_quiz(quiz_file, lesson_id, title, "apply")
    module_file.write_text(module_text, encoding="utf-8")
    return [
        f"created {_rel(lesson_file, project)}",
        f"created {_rel(quiz_file, project)}",
        f"added '{lesson_id}' to {_rel(module_file, project)} lessons",
    ]


def new_module(project: Path, module_id: str, *, title: str | None = None) -> list[str]:
    """Create content/<id>/module.yaml with no lessons yet and list it in course.yaml."""
    if not re.match(SLUG_RE, module_id):
        raise MicrolearnError(
            f"expected a module id in lowercase slug form, like "
            f"'handling-complaints', found '{module_id}'"
        )
    check_id("module", module_id)
    course_file = project / "content" / "course.yaml"
    module_file = project / "content" / module_id / "module.yaml"
    if not course_file.is_file():
        raise MicrolearnError(
            f"{_rel(course_file, project)}: not found; is "
            f"'{project}' a microlearn project? (start one with: "
            "microlearn init <folder>)"
        )
    if module_file.parent.exists():
        raise MicrolearnError(f"{_rel(module_file.parent, project)}: '{module_id}' already exists")
    course_text = append_item(course_file, _rel(course_file, project), "modules", module_id)
    module_file.parent.mkdir(parents=True)
    module_file.write_text(
        MODULE.format(
            header=header_for("module", module_file),
            id=module_id,
            title=yaml_text(title or title_of(module_id)),
        ),
        encoding="utf-8",
    )
    course_file.write_text(course_text, encoding="utf-8")
    return [
        f"created {_rel(module_file, project)}",
        f"added '{module_id}' to {_rel(course_file, project)} modules",
        f"next: microlearn new lesson {module_id}/<lesson-id>",
    ]


def new_quiz(project: Path, lesson_id: str) -> list[str]:
    """Create the quiz of a lesson that has none, and point the lesson's `quiz:` at it."""
    if not re.match(SLUG_RE, lesson_id):
        raise MicrolearnError(f"expected a lesson id in lowercase slug form, found '{lesson_id}'")
    found = sorted((project / "content").glob(f"*/{lesson_id}.yaml"))
    if not found:
        raise MicrolearnError(
            f"lesson '{lesson_id}' not found (expected a file content/<module>/{lesson_id}.yaml)"
        )
    lesson_file = found[0]
    display = _rel(lesson_file, project)
    doc = read_mapping(lesson_file, display)
    quiz_id = doc.data.get("quiz") or lesson_id
    quiz_file = project / "quizzes" / f"{quiz_id}.yaml"
    if not isinstance(quiz_id, str) or not re.match(SLUG_RE, quiz_id):
        line, col = doc.at("quiz")
        raise MicrolearnError(f"{display}:{line}:{col}: expected a quiz id, found '{quiz_id}'")
    if quiz_file.exists():
        raise MicrolearnError(f"{_rel(quiz_file, project)}: quiz '{quiz_id}' already exists")
    lesson_text = None if doc.data.get("quiz") else set_key(lesson_file, display, "quiz", quiz_id)
    objectives: list[str] = [
        o["id"]
        for o in doc.data.get("objectives") or []
        if isinstance(o, dict) and isinstance(o.get("id"), str)
    ]
    title = doc.data.get("title") if isinstance(doc.data.get("title"), str) else None
    _write_quiz(
        quiz_file, quiz_id, title or title_of(lesson_id), objectives[0] if objectives else "apply"
    )
    done = [f"created {_rel(quiz_file, project)}"]
    if lesson_text is not None:
        lesson_file.write_text(lesson_text, encoding="utf-8")
        done.append(f"set 'quiz: {quiz_id}' in {display}")
    return done


def check_id(kind: str, ident: str) -> None:
    """Refuse ids the site uses for its own pages and folders."""
    if ident in urls.RESERVED:
        raise MicrolearnError(
            f"{kind} id '{ident}' is reserved for the site's own pages; choose another id"
        )


def _write_quiz(quiz_file: Path, quiz_id: str, title: str, objective: str) -> None:
    quiz_file.parent.mkdir(parents=True, exist_ok=True)
    quiz_file.write_text(
        QUIZ.format(
            header=header_for("quiz", quiz_file),
            id=quiz_id,
            quiz_title=_quoted(f"Check: {_lower_first(title)}"),
            objective=objective,
        ),
        encoding="utf-8",
    )


def title_of(ident: str) -> str:
    """'active-silence' -> 'Active silence'."""
    return ident.replace("-", " ").capitalize()


def yaml_text(text: str) -> str:
    """`text` as a YAML value on one line: quoted only when YAML would misread it."""
    return _quoted(text) if re.search(r"[:#\[\]{}&*!|>'\"%@`,]|^[-?\s]", text) else text


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _rel(path: Path, project: Path) -> str:
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _lower_first(title: str) -> str:
    """'Active silence' -> 'active silence', but 'Q&A basics' keeps its capitals."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title
