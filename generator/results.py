"""Learners' results files (for trainers without an LMS) and merging them into CSV.

The site's course home lets a learner download their quiz results as JSON or CSV
(`assets/microlearn/results.js` writes them; the format is described there and in the
README). `merge_folder` reads a folder of such files and writes one CSV per course with
one row per learner and quiz. A file that is not a results file stops the merge with a
located message, so no one grades from a silently incomplete sheet. Results files are
written by the learner's browser: they show what a learner reports, not what an LMS
recorded.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.errors import ContentError, Problem
from generator.models import Curriculum
from generator.yamlload import Document, YamlProblem, parse_text

FORMAT = "microlearn-results"
VERSION = 1
STATUSES = ("passed", "failed", "not attempted")
MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Row:
    """One learner's result for one quiz; also the CSV columns, in order."""

    course_id: str
    course_title: str
    course_version: str
    learner: str
    quiz_id: str
    quiz_title: str
    final: bool
    pass_mark: int
    status: str
    score: int | None
    best: int | None
    passed: bool
    updated: str
    exported: str


COLUMNS = [f.name for f in fields(Row)]


def results_data(cur: Curriculum) -> Markup:
    """What the home page's download button needs, as JSON safe inside a <script>."""
    quizzes = [(cur.quizzes[r.lesson.quiz], False) for r in cur.ordered_lessons() if r.lesson.quiz]
    final = cur.final_quiz()
    quizzes += [(final, True)] if final else []
    data = {
        "id": cur.course.id,
        "title": cur.course.title,
        "version": cur.course.version,
        "quizzes": [
            {"id": q.id, "title": q.title, "final": is_final, "pass_mark": q.pass_mark}
            for q, is_final in quizzes
        ],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# ---------------------------------------------------------------- reading


class _Bad(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


def read_file(path: Path, display: str) -> list[Row]:
    """The rows of one results file (.json or .csv). Raises ContentError, located."""
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_BYTES:
            raise _Bad(
                Problem(
                    display,
                    1,
                    1,
                    f"file is {len(raw):,} bytes; a results file "
                    f"is far smaller (limit {MAX_BYTES:,})",
                    rule="results",
                )
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _Bad(
                Problem(
                    display,
                    1,
                    1,
                    f"expected UTF-8 text, found byte 0x{raw[exc.start]:02x}",
                    rule="results",
                )
            ) from None
        return (
            _read_csv(text, display) if path.suffix.lower() == ".csv" else _read_json(text, display)
        )
    except _Bad as bad:
        raise ContentError([bad.problem]) from None


def _read_json(text: str, display: str) -> list[Row]:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Bad(
            Problem(
                display,
                exc.lineno,
                exc.colno,
                f"expected JSON, found a syntax error: {exc.msg}",
                rule="results",
            )
        ) from None
    try:
        doc = parse_text(text, display)  # JSON is YAML: this keeps every value's position
    except YamlProblem as exc:
        raise _Bad(exc.problem) from None
    data = doc.data
    check = _Checker(doc)
    check.value((), data, dict, "an object")
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        check.fail(
            ("format",),
            f"expected a microlearn results file (format '{FORMAT}', "
            f"version {VERSION}), found format {data.get('format')!r}, version "
            f"{data.get('version')!r}",
        )
    course = check.value(("course",), data.get("course"), dict, "an object")
    learner = check.value(("learner",), data.get("learner"), dict, "an object")
    quizzes = check.value(("quizzes",), data.get("quizzes"), list, "a list")
    head = dict(
        course_id=check.text(("course", "id"), course.get("id")),
        course_title=check.text(("course", "title"), course.get("title")),
        course_version=check.text(("course", "version"), course.get("version"), empty=True),
        learner=check.text(("learner", "name"), learner.get("name")),
        exported=check.text(("exported",), data.get("exported"), empty=True),
    )
    rows = []
    for n, quiz in enumerate(quizzes):
        at = ("quizzes", n)
        check.value(at, quiz, dict, "an object")
        rows.append(
            Row(
                **head,
                quiz_id=check.text((*at, "id"), quiz.get("id")),
                quiz_title=check.text((*at, "title"), quiz.get("title")),
                final=check.value((*at, "final"), quiz.get("final"), bool, "true or false"),
                pass_mark=check.percent((*at, "pass_mark"), quiz.get("pass_mark"), none=False) or 0,
                status=check.choice((*at, "status"), quiz.get("status")),
                score=check.percent((*at, "score"), quiz.get("score")),
                best=check.percent((*at, "best"), quiz.get("best")),
                passed=check.value((*at, "passed"), quiz.get("passed"), bool, "true or false"),
                updated=check.text((*at, "updated"), quiz.get("updated"), empty=True),
            )
        )
    return rows


class _Checker:
    """Type checks that point at the offending value."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def fail(self, at: tuple[Any, ...], message: str) -> None:
        raise _Bad(self.doc.problem(at, message, rule="results"))

    def value(self, at: tuple[Any, ...], value: Any, kind: type, what: str) -> Any:
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            self.fail(at, f"{_name(at)}: expected {what}, found {_found(value)}")
        return value

    def text(self, at: tuple[Any, ...], value: Any, *, empty: bool = False) -> str:
        if value is None and empty:
            return ""
        text = self.value(at, value, str, "text")
        if not text.strip() and not empty:
            self.fail(at, f"{_name(at)}: expected some text, found an empty string")
        return str(text)

    def percent(self, at: tuple[Any, ...], value: Any, *, none: bool = True) -> int | None:
        if value is None and none:
            return None
        number = self.value(at, value, int, "a whole percent (0-100)")
        if not 0 <= number <= 100:
            self.fail(at, f"{_name(at)}: expected a percent from 0 to 100, found {number}")
        return int(number)

    def choice(self, at: tuple[Any, ...], value: Any) -> str:
        if value not in STATUSES:
            self.fail(
                at, f"{_name(at)}: expected one of {', '.join(STATUSES)}, found {_found(value)}"
            )
        return str(value)


def _name(at: tuple[Any, ...]) -> str:
    return (
        ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in at).replace(".[", "[")
        or "file"
    )


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {json.dumps(value)[:40]}"


def _read_csv(text: str, display: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    if header != COLUMNS:
        raise _Bad(
            Problem(
                display,
                1,
                1,
                f"expected the results columns {','.join(COLUMNS)}, "
                f"found {','.join(header)[:80] or 'an empty file'}",
                rule="results",
            )
        )
    rows = []
    for record in reader:
        if not record:
            continue
        line = reader.line_num
        if len(record) != len(COLUMNS):
            raise _Bad(
                Problem(
                    display,
                    line,
                    1,
                    f"expected {len(COLUMNS)} fields, found {len(record)}",
                    rule="results",
                )
            )
        values = dict(zip(COLUMNS, record, strict=True))
        values["learner"] = _unguard(values["learner"])
        try:
            rows.append(_row_from_strings(values))
        except ValueError as exc:
            column = str(exc.args[0])
            col = _column(record, COLUMNS.index(column))
            raise _Bad(
                Problem(display, line, col, f"{column}: {exc.args[1]}", rule="results")
            ) from None
    return rows


def _column(record: list[str], index: int) -> int:
    """1-based character column where field `index` starts on its line."""
    if index == 0:
        return 1
    prefix = io.StringIO()
    csv.writer(prefix, lineterminator="").writerow(record[:index])
    return len(prefix.getvalue()) + 2


def _row_from_strings(v: dict[str, str]) -> Row:
    def need(col: str) -> str:
        if not v[col].strip():
            raise ValueError(col, "expected some text, found an empty field")
        return v[col]

    def flag(col: str) -> bool:
        if v[col] not in ("true", "false"):
            raise ValueError(col, f"expected true or false, found {v[col]!r}")
        return v[col] == "true"

    def percent(col: str, *, none: bool = True) -> int | None:
        if v[col] == "" and none:
            return None
        if not v[col].isdigit() or int(v[col]) > 100:
            raise ValueError(col, f"expected a whole percent from 0 to 100, found {v[col]!r}")
        return int(v[col])

    if v["status"] not in STATUSES:
        raise ValueError("status", f"expected one of {', '.join(STATUSES)}, found {v['status']!r}")
    return Row(
        need("course_id"),
        need("course_title"),
        v["course_version"],
        need("learner"),
        need("quiz_id"),
        need("quiz_title"),
        flag("final"),
        percent("pass_mark", none=False) or 0,
        v["status"],
        percent("score"),
        percent("best"),
        flag("passed"),
        v["updated"],
        v["exported"],
    )


# ---------------------------------------------------------------- merging and writing


def merge(rows: Iterable[Row]) -> dict[str, list[Row]]:
    """Rows per course, one per learner and quiz: when a learner sent several files, the
    most recent attempt and the best result win, as on the site."""
    kept: dict[tuple[str, str, str], Row] = {}
    for row in rows:
        key = (row.course_id, " ".join(row.learner.casefold().split()), row.quiz_id)
        old = kept.get(key)
        if old is None:
            kept[key] = row
            continue
        newer = row if (row.updated, row.exported) >= (old.updated, old.exported) else old
        passed = old.passed or row.passed
        best = max((b for b in (old.best, row.best) if b is not None), default=None)
        kept[key] = replace(
            newer, status="passed" if passed else newer.status, best=best, passed=passed
        )
    courses: dict[str, list[Row]] = {}
    for key in sorted(kept, key=lambda k: (k[0], k[1])):
        courses.setdefault(key[0], []).append(kept[key])
    return courses


def _guard(text: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: never ours."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _unguard(text: str) -> str:
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                ""
                if v is None
                else str(v).lower()
                if isinstance(v, bool)
                else _guard(v)
                if isinstance(v, str)
                else v
                for v in astuple(row)
            ]
        )
    return out.getvalue()


def merge_folder(folder: Path, out: Path) -> list[tuple[Path, int, int]]:
    """Merge every .json and .csv results file in `folder`; one CSV per course. Returns
    (file written, learners, rows) per course. Nothing is written if any file is bad."""
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in (".json", ".csv") and p.resolve() != out.resolve()
    )
    if not files:
        raise ContentError(
            [
                Problem(
                    str(folder),
                    1,
                    1,
                    "expected .json or .csv results files in this folder, found none",
                    rule="results",
                )
            ]
        )
    rows: list[Row] = []
    problems: list[Problem] = []
    for path in files:
        try:
            rows += read_file(path, str(path))
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    courses = merge(rows)
    written = []
    for course_id, course_rows in courses.items():
        target = out if len(courses) == 1 else out.with_name(f"{out.stem}-{course_id}.csv")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_csv(course_rows), encoding="utf-8", newline="")
        written.append((target, len({r.learner for r in course_rows}), len(course_rows)))
    return written
