"""Read the course source tree into models, collecting every problem instead of stopping.

Layout: content/course.yaml, content/glossary.yaml, content/skills.yaml,
content/<module>/module.yaml, content/<module>/<lesson>.yaml,
content/conversations/<conversation>.yaml, quizzes/<quiz>.yaml. The loader only reads and
checks the shape of each file; cross-file rules are in `validate.py`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from generator.config import ProjectConfig, load_config
from generator.convmodels import Conversation, Skills
from generator.errors import Problem, os_error_advice
from generator.filecache import FileCache
from generator.media import Use
from generator.models import Course, Glossary, Lesson, Module, Quiz
from generator.schema_errors import translate
from generator.yamlload import Document, YamlProblem, read_document

M = TypeVar("M", bound=BaseModel)
N = TypeVar("N", Lesson, Quiz, Conversation)
CONVERSATIONS = "content/conversations"
SKILLS = "content/skills.yaml"


@dataclass
class Source:
    """What was read: models by id, the documents they came from, and the problems found."""

    root: Path
    course: Course | None = None
    modules: dict[str, Module] = field(default_factory=dict)
    lessons: dict[str, Lesson] = field(default_factory=dict)
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    glossary: Glossary | None = None
    module_of: dict[str, str] = field(default_factory=dict)
    conversations: dict[str, Conversation] = field(default_factory=dict)
    skills: Skills | None = None
    job_aids: dict[str, str] = field(default_factory=dict)
    docs: dict[tuple[str, str], Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    config: ProjectConfig = field(default_factory=ProjectConfig)
    config_doc: Document | None = None
    unreadable: set[str] = field(default_factory=set)
    """Files that failed to load or parse, or lesson files left out of the course."""
    cache: FileCache | None = None  # the live preview keeps parsed files between loads
    media_uses: list[Use] | None = None
    """Media references of all documents, once `validate` has looked for them."""

    @cached_property
    def _root_prefix(self) -> str:
        """The project folder, symbolic links followed, with a trailing separator."""
        return os.path.join(os.path.realpath(self.root), "")

    def inside(self, path: Path) -> bool:
        """Is `path`, symbolic links followed, inside the project folder?"""
        return os.path.realpath(path).startswith(self._root_prefix)

    def doc(self, kind: str, ident: str) -> Document:
        return self.docs[(kind, ident)]

    def failed(self, kind: str, ident: str) -> bool:
        """True if the file of this lesson or quiz exists but could not be loaded, so
        references to it are not reported again (one broken file, one error)."""
        if kind == "quiz":
            return any(f"quizzes/{ident}.{ext}" in self.unreadable for ext in ("yaml", "yml"))
        if kind == "conversation":
            return f"{CONVERSATIONS}/{ident}.yaml" in self.unreadable
        if kind == "skills":
            return SKILLS in self.unreadable
        if self.course is None:  # no module list, so no lesson is known: say nothing more
            return True
        return any(
            p.startswith("content/") and p.endswith(f"/{ident}.yaml") for p in self.unreadable
        )


def load(root: Path, cache: FileCache | None = None) -> Source:
    """Read every source file under `root` (the project folder); with `cache`, files that
    did not change since the last load with that cache are not read again."""
    src = Source(root, cache=cache)
    if not (root / "content").is_dir() and not (root / "quizzes").is_dir():
        src.problems.append(
            Problem(
                "content/course.yaml",
                1,
                1,
                f"'{root.resolve()}' is not a microlearn project: expected content/course.yaml "
                "there (point at the project with -C <folder>, or start one with: microlearn "
                "init <folder>)",
                rule="project",
            )
        )
        return src
    src.config, src.config_doc, config_problems = load_config(root)
    src.problems += config_problems
    course_doc = _read(src, root / "content" / "course.yaml")
    if course_doc is not None:
        src.course = _parse(src, course_doc, Course, "course")
        if src.course:
            src.docs[("course", src.course.id)] = course_doc
    if src.course is None:
        src.unreadable.add("content/course.yaml")
    glossary_file = root / "content" / "glossary.yaml"
    if glossary_file.exists():
        gdoc = _read(src, glossary_file)
        if gdoc is not None:
            src.glossary = _parse(src, gdoc, Glossary, "glossary")
            src.docs[("glossary", "glossary")] = gdoc
    skills_file = root / SKILLS
    if skills_file.exists():
        sdoc = _read(src, skills_file)
        src.skills = _parse(src, sdoc, Skills, "skills") if sdoc else None
        if src.skills is None or sdoc is None:
            src.unreadable.add(SKILLS)
        else:
            src.docs[("skills", "skills")] = sdoc
    _load_modules(src)
    _load_conversations(src)
    _load_quizzes(src)
    _load_job_aids(src)
    return src


def _load_conversations(src: Source) -> None:
    folder = src.root / CONVERSATIONS
    if not folder.is_dir() or (folder / "module.yaml").exists():
        return  # a module folder by that name: its reserved id is the one error to report
    for cfile in sorted(folder.glob("*.yaml")):
        found = _load_named(src, cfile, Conversation, "conversation")
        if found is None:
            continue
        conv, cdoc = found
        src.conversations[conv.id] = conv
        src.docs[("conversation", conv.id)] = cdoc


def _load_job_aids(src: Source) -> None:
    """The Markdown of each job aid the course lists; a missing file is an error at its name."""
    if src.course is None:
        return
    doc = src.doc("course", src.course.id)
    for i, aid in enumerate(src.course.job_aids):
        path = src.root / "content" / aid.file
        where = ("job_aids", i, "file")
        if not path.is_file() or not src.inside(path):
            src.problems.append(
                doc.problem(
                    where,
                    f"job aid: expected a file content/{aid.file}, found none",
                    rule="reference",
                )
            )
            continue
        try:
            src.job_aids[aid.file] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = os_error_advice(exc) if isinstance(exc, OSError) else "expected UTF-8 text"
            src.problems.append(
                doc.problem(where, f"job aid content/{aid.file}: {reason}", rule="io")
            )


def _load_modules(src: Source) -> None:
    content = src.root / "content"
    listed = list(src.course.modules) if src.course else []
    folders = sorted(p.name for p in content.iterdir() if p.is_dir()) if content.is_dir() else []
    course_doc = src.docs.get(("course", src.course.id)) if src.course else None
    first_at: dict[str, int] = {}  # a dict, not list slices: linear in the number of modules
    for index, module_id in enumerate(listed):
        mfile = content / module_id / "module.yaml"
        if first_at.setdefault(module_id, index) != index:
            if course_doc:
                src.problems.append(
                    course_doc.problem(
                        ("modules", index),
                        f"course: modules[{index}]: module '{module_id}' is "
                        f"listed twice (also at modules[{first_at[module_id]}])",
                        rule="duplicate-id",
                    )
                )
            continue
        if not mfile.is_file():
            if course_doc:
                src.problems.append(
                    course_doc.problem(
                        ("modules", index),
                        f"course: modules[{index}]: module '{module_id}' has no "
                        f"file content/{module_id}/module.yaml",
                        rule="reference",
                    )
                )
            continue
        mdoc = _read(src, mfile)
        module = _parse(src, mdoc, Module, f"module '{module_id}'") if mdoc else None
        if module is None or mdoc is None:
            src.unreadable.add(_rel(src, mfile))
            continue
        if module.id in src.modules:
            src.problems.append(
                mdoc.problem(
                    ("id",),
                    f"module '{module.id}': duplicate id "
                    f"(also in {src.doc('module', module.id).path})",
                    rule="duplicate-id",
                )
            )
            continue
        src.modules[module.id] = module
        src.docs[("module", module.id)] = mdoc
        if module.id != module_id:
            src.problems.append(
                mdoc.problem(
                    ("id",),
                    f"module: expected id '{module_id}' (its folder name), found '{module.id}'",
                    rule="file-name",
                )
            )
        _load_lessons(src, module, mdoc, content / module_id)
    for name in folders if src.course and course_doc else []:  # unknowable while broken
        if name not in listed and (content / name / "module.yaml").exists():
            src.problems.append(
                course_doc.problem(  # type: ignore[union-attr]
                    ("modules",),
                    f"course: modules: module folder content/{name}/ is not listed, "
                    f"so it is not in the course (add '- {name}' to modules, or move the folder "
                    "out of content/)",
                    rule="unlisted",
                    key=True,
                )
            )
            _left_out(src, sorted((content / name).glob("*.yaml")))


def _load_lessons(src: Source, module: Module, mdoc: Document, folder: Path) -> None:
    first_at: dict[str, int] = {}  # a dict, not list slices: linear in the number of lessons
    for index, lesson_id in enumerate(module.lessons):
        lfile = folder / f"{lesson_id}.yaml"
        if first_at.setdefault(lesson_id, index) != index:
            first = first_at[lesson_id]
            src.problems.append(
                mdoc.problem(
                    ("lessons", index),
                    f"module '{module.id}': "
                    f"lessons[{index}]: lesson '{lesson_id}' is listed "
                    f"twice (also at lessons[{first}])",
                    rule="duplicate-id",
                )
            )
            continue
        if not lfile.is_file():
            src.problems.append(
                mdoc.problem(
                    ("lessons", index),
                    f"module '{module.id}': "
                    f"lessons[{index}]: lesson '{lesson_id}' has no file "
                    f"{_rel(src, lfile)}",
                    rule="reference",
                )
            )
            continue
        found = _load_named(src, lfile, Lesson, "lesson")
        if found is None:
            continue
        lesson, ldoc = found
        if lesson.id in src.lessons:
            other = src.doc("lesson", lesson.id).path
            src.problems.append(
                mdoc.problem(
                    ("lessons", index),
                    f"module '{module.id}': lesson '{lesson.id}' is already used (in {other})",
                    rule="duplicate-id",
                )
            )
            continue
        src.lessons[lesson.id] = lesson
        src.module_of[lesson.id] = module.id
        src.docs[("lesson", lesson.id)] = ldoc
    for lfile in sorted(folder.glob("*.yaml")):
        if lfile.name != "module.yaml" and lfile.stem not in first_at:
            src.problems.append(
                mdoc.problem(
                    ("lessons",),
                    f"module '{module.id}': lessons: lesson file {_rel(src, lfile)} is "
                    f"not listed, so it is not in the course (add '- {lfile.stem}' to lessons in "
                    f"{mdoc.path}, or move the file out of content/)",
                    rule="unlisted",
                    key=True,
                )
            )
            _left_out(src, [lfile])


def _left_out(src: Source, files: list[Path]) -> None:
    """Lesson files not in the course: the error says so once; links to them, their quiz
    and its objectives would only repeat it with wrong advice, so they count as unread."""
    src.unreadable.update(_rel(src, f) for f in files if f.name != "module.yaml")


def _load_quizzes(src: Source) -> None:
    folder = src.root / "quizzes"
    if not folder.is_dir():
        return
    for qfile in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
        found = _load_named(src, qfile, Quiz, "quiz")
        if found is None:
            continue
        quiz, qdoc = found
        if quiz.id in src.quizzes:  # x.yaml and x.yml
            src.problems.append(
                qdoc.problem(
                    ("id",),
                    f"quiz '{quiz.id}': duplicate id (also in {src.doc('quiz', quiz.id).path})",
                    rule="duplicate-id",
                )
            )
            continue
        src.quizzes[quiz.id] = quiz
        src.docs[("quiz", quiz.id)] = qdoc


def _load_named(src: Source, file: Path, model: type[N], kind: str) -> tuple[N, Document] | None:
    """A file whose `id` must be its file name: the model and its document, or None (and
    the file marked unreadable) when it cannot be read, parsed or is misnamed."""
    doc = _read(src, file)
    item = _parse(src, doc, model, f"{kind} '{file.stem}'") if doc else None
    if item is None or doc is None:
        src.unreadable.add(_rel(src, file))
        return None
    if item.id != file.stem:
        src.problems.append(
            doc.problem(
                ("id",),
                f"{kind}: expected id '{file.stem}' (its file name), found '{item.id}'",
                rule="file-name",
            )
        )
        src.unreadable.add(_rel(src, file))
        return None
    return item, doc


def duplicate_ids(doc: Document, key: str, ids: list[str], label: str) -> list[Problem]:
    """A problem at each id in the list under `key` that an earlier item already has."""
    problems = []
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            what = key.rstrip("s")
            problems.append(
                doc.problem(
                    (key, i, "id"),
                    f"{label}: duplicate {what} id '{ident}'",
                    rule="duplicate-id",
                )
            )
        seen.add(ident)
    return problems


def _rel(src: Source, path: Path) -> str:
    try:
        return path.relative_to(src.root).as_posix()
    except ValueError:
        return path.as_posix()


def _read(src: Source, path: Path) -> Document | None:
    display = _rel(src, path)
    if not path.is_file():
        src.problems.append(
            Problem(display, 1, 1, f"expected a file {display}, found none", rule="reference")
        )
        return None

    def read() -> tuple[Document | None, list[Problem]]:
        if not src.inside(path):  # never read, or quote, a file outside it
            message = "is a symbolic link to a file outside the project; copy the file into "
            message += "the project instead"
            return None, [Problem(display, 1, 1, message, rule="outside-project")]
        try:
            return read_document(path, display), []
        except YamlProblem as exc:
            return None, [exc.problem]
        except OSError as exc:
            return None, [Problem(display, 1, 1, f"cannot read: {os_error_advice(exc)}", rule="io")]

    doc, problems = read() if src.cache is None else src.cache.read(path, read)
    src.problems += problems
    return doc


def _parse(src: Source, doc: Document, model: type[M], label: str) -> M | None:
    def parse() -> tuple[M | None, list[Problem]]:
        if doc.data is None:
            message = f"{label}: expected a mapping (key: value pairs), found an empty file"
            return None, [Problem(doc.path, 1, 1, message)]
        try:
            return model.model_validate(doc.data), []
        except ValidationError as exc:
            return None, translate(doc, model, exc, label)

    result, problems = (
        parse() if src.cache is None else src.cache.derived(doc, (model.__name__, label), parse)
    )
    src.problems += problems
    return result
