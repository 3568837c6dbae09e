"""Read the course source tree into models, collecting every problem instead of stopping.

Layout: content/course.yaml, content/glossary.yaml, content/<module>/module.yaml,
content/<module>/<lesson>.yaml, quizzes/<quiz>.yaml. The loader only reads and checks the
shape of each file; cross-file rules are in `validate.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from generator.config import ProjectConfig, load_config
from generator.errors import Problem, os_error_advice
from generator.filecache import FileCache
from generator.models import Course, Glossary, Lesson, Module, Quiz
from generator.schema_errors import translate
from generator.yamlload import Document, YamlProblem, read_document

M = TypeVar("M", bound=BaseModel)


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
    job_aids: dict[str, str] = field(default_factory=dict)
    docs: dict[tuple[str, str], Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    config: ProjectConfig = field(default_factory=ProjectConfig)
    config_doc: Document | None = None
    unreadable: set[str] = field(default_factory=set)  # files that failed to load or parse
    cache: FileCache | None = None  # the live preview keeps parsed files between loads

    def doc(self, kind: str, ident: str) -> Document:
        return self.docs[(kind, ident)]

    def failed(self, kind: str, ident: str) -> bool:
        """True if the file of this lesson or quiz exists but could not be loaded, so
        references to it are not reported again (one broken file, one error)."""
        if kind == "quiz":
            return any(f"quizzes/{ident}.{ext}" in self.unreadable for ext in ("yaml", "yml"))
        if self.course is None:  # no module list, so no lesson is known: say nothing more
            return True
        return any(
            p.startswith("content/") and p.endswith(f"/{ident}.yaml") for p in self.unreadable
        )


def load(root: Path, cache: FileCache | None = None) -> Source:
    """Read every source file under `root` (the project folder); with `cache`, files that
    did not change since the last load with that cache are not read again."""
    src = Source(root, cache=cache)
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
    _load_modules(src)
    _load_quizzes(src)
    _load_job_aids(src)
    return src


def _load_job_aids(src: Source) -> None:
    """The Markdown of each job aid the course lists; a missing file is an error at its name."""
    if src.course is None:
        return
    doc = src.doc("course", src.course.id)
    for i, aid in enumerate(src.course.job_aids):
        path = src.root / "content" / aid.file
        where = ("job_aids", i, "file")
        if not path.is_file() or src.root.resolve() not in path.resolve().parents:
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
    for name in folders if src.course else []:  # unknowable while course.yaml is broken
        if name not in listed and (content / name / "module.yaml").exists():
            src.problems.append(
                Problem(
                    _rel(src, content / name / "module.yaml"),
                    1,
                    1,
                    f"module folder '{name}' is not listed in content/course.yaml modules",
                    "warning",
                    "unlisted",
                )
            )


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
        ldoc = _read(src, lfile)
        lesson = _parse(src, ldoc, Lesson, f"lesson '{lesson_id}'") if ldoc else None
        if lesson is None or ldoc is None:
            src.unreadable.add(_rel(src, lfile))
            continue
        if lesson.id != lesson_id:
            src.problems.append(
                ldoc.problem(
                    ("id",),
                    f"lesson: expected id '{lesson_id}' (its file name), found '{lesson.id}'",
                    rule="file-name",
                )
            )
            src.unreadable.add(_rel(src, lfile))
            continue
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
                Problem(
                    _rel(src, lfile),
                    1,
                    1,
                    f"lesson file is not listed in {_rel(src, folder / 'module.yaml')} lessons",
                    "warning",
                    "unlisted",
                )
            )


def _load_quizzes(src: Source) -> None:
    folder = src.root / "quizzes"
    if not folder.is_dir():
        return
    for qfile in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
        qdoc = _read(src, qfile)
        quiz = _parse(src, qdoc, Quiz, f"quiz '{qfile.stem}'") if qdoc else None
        if quiz is None or qdoc is None:
            src.unreadable.add(_rel(src, qfile))
            continue
        if quiz.id != qfile.stem:
            src.problems.append(
                qdoc.problem(
                    ("id",),
                    f"quiz: expected id '{qfile.stem}' (its file name), found '{quiz.id}'",
                    rule="file-name",
                )
            )
            src.unreadable.add(_rel(src, qfile))
            continue
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


def _rel(src: Source, path: Path) -> str:
    try:
        return path.relative_to(src.root).as_posix()
    except ValueError:
        return path.as_posix()


def _read(src: Source, path: Path) -> Document | None:
    display = _rel(src, path)
    if not path.is_file():
        src.problems.append(Problem(display, 1, 1, "file not found", rule="reference"))
        return None

    def read() -> tuple[Document | None, list[Problem]]:
        root = src.root.resolve()
        if root not in path.resolve().parents:  # never read, or quote, a file outside it
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
