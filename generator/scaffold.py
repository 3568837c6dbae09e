"""`microlearn new lesson <module>/<id>`: a valid lesson and quiz to start from.

The new files pass `microlearn validate --strict` as written, so an author always starts
from a building course; their placeholder text says what to write where. The lesson id is
appended to the module's `lessons` list by editing that one line of text, so the module
file keeps its comments and layout.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator import urls
from generator.errors import MicrolearnError
from generator.models import SLUG_RE
from generator.schema import header_for
from generator.yamlload import YamlProblem, read_document

LESSON = """\
{header}
id: {id}
title: {title}
duration: 1                  # minutes of reading; microlearn validate says if it is far off
objectives:                  # 1-3, each an action a learner can show
  - id: apply
    text: Apply the technique from this lesson in a real customer contact.
intro: |
  One short paragraph: why this lesson matters to the learner, in plain words.
blocks:
  - type: text
    title: The idea
    body: |
      Explain the idea in two or three short paragraphs. Say why it works,
      and give one concrete phrase an agent could use.
  - type: do_dont
    do:
      - Something to do, as a short instruction.
    dont:
      - Something to avoid, as a short instruction.
  - type: reflection
    prompt: A question learners answer for themselves about their own contacts.
takeaways:
  - The first thing to remember.
  - The second thing to remember.
  - The third thing to remember.
trainer_notes:
  timing: 15                 # classroom minutes
  notes: |
    How to run this lesson in a classroom, and what to watch for.
  discussion:
    - A question for the group.
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
    objective: apply
    prompt: Ask about one thing the lesson taught. Which option is right?
    options:
      - text: A plausible but wrong option
        feedback: Say why this option is wrong, in a sentence.
      - text: The correct option
        correct: true
        feedback: Say why this option is right, in a sentence.
      - text: Another plausible wrong option
        feedback: Say why a learner might pick this, and why it is wrong.
  - id: q2
    type: true_false
    objective: apply
    prompt: A statement about the lesson that learners judge true or false.
    answer: true
    if_true: Say why the statement is true, in a sentence.
    if_false: Say why the statement is in fact true, in a sentence.
"""


def new_lesson(project: Path, where: str, *, title: str | None = None) -> list[str]:
    """Create content/<module>/<id>.yaml and quizzes/<id>.yaml and list the lesson in the
    module. Returns what was done, one line each. Raises MicrolearnError on bad input."""
    module_id, _, lesson_id = where.strip("/").partition("/")
    if not (re.match(SLUG_RE, module_id) and re.match(SLUG_RE, lesson_id)):
        raise MicrolearnError(
            f"expected MODULE/LESSON-ID with lowercase slugs, like "
            f"'foundations/active-silence', found '{where}'"
        )
    if lesson_id in urls.RESERVED:
        raise MicrolearnError(
            f"lesson id '{lesson_id}' is reserved for the site's own pages; choose another id"
        )
    content = project / "content"
    module_file = content / module_id / "module.yaml"
    lesson_file = content / module_id / f"{lesson_id}.yaml"
    quiz_file = project / "quizzes" / f"{lesson_id}.yaml"
    if not module_file.is_file():
        raise MicrolearnError(f"{_rel(module_file, project)}: module '{module_id}' not found")
    clash = [p for p in content.glob(f"*/{lesson_id}.yaml")] + [quiz_file] * quiz_file.exists()
    if clash:
        raise MicrolearnError(f"{_rel(clash[0], project)}: '{lesson_id}' already exists")
    title = title or lesson_id.replace("-", " ").capitalize()
    module_text = _append_lesson(module_file, project, lesson_id)
    fields = {
        "id": lesson_id,
        "title": _yaml_text(title),
        "quiz_title": _quoted(f"Check: {_lower_first(title)}"),
    }
    lesson_file.write_text(
        LESSON.format(header=header_for("lesson", lesson_file), **fields), encoding="utf-8"
    )
    quiz_file.parent.mkdir(parents=True, exist_ok=True)
    quiz_file.write_text(
        QUIZ.format(header=header_for("quiz", quiz_file), **fields), encoding="utf-8"
    )
    module_file.write_text(module_text, encoding="utf-8")
    return [
        f"created {_rel(lesson_file, project)}",
        f"created {_rel(quiz_file, project)}",
        f"added '{lesson_id}' to {_rel(module_file, project)} lessons",
    ]


def _append_lesson(module_file: Path, project: Path, lesson_id: str) -> str:
    """The module file's text with `lesson_id` added at the end of its lessons list."""
    try:
        doc = read_document(module_file, _rel(module_file, project))
    except YamlProblem as exc:
        raise MicrolearnError(exc.problem.format()) from None
    lessons = doc.data.get("lessons") if isinstance(doc.data, dict) else None
    if not isinstance(lessons, list) or not lessons:
        raise MicrolearnError(f"{doc.path}: expected a 'lessons' list to add to")
    source = module_file.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    line, col = doc.at("lessons", len(lessons) - 1)
    prefix = lines[line - 1][: col - 1]
    if prefix.rstrip().endswith("-"):  # block list: "  - last-id" -> same prefix, new id
        if not lines[line - 1].endswith("\n"):
            lines[line - 1] += "\n"
        lines.insert(line, f"{prefix}{lesson_id}\n")
        return "".join(lines)
    start = sum(len(x) for x in lines[: line - 1]) + col - 1  # flow list: "[a, b]"
    close = source.index("]", start)
    return source[:close].rstrip() + f", {lesson_id}" + source[close:]


def _yaml_text(text: str) -> str:
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
