"""Problems as text for people, as GitHub workflow annotations, or as JSON for tools.

Text is `path:line:col: error|warning: message [rule]`, the form editors and CI logs link to.
GitHub annotations (`::error file=...,line=...,col=...::...`) make pull requests show each
problem on its line. Paths are relative to the project folder; for GitHub they are made
relative to the current directory (the checkout), which is where annotations are resolved.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from generator.errors import SEVERITIES, Problem

FORMATS = ("text", "github", "json")


def promote(problems: Iterable[Problem], strict: bool) -> list[Problem]:
    """Under --strict every warning is an error, and is reported as one (info stays info)."""
    return [
        replace(p, severity="error") if strict and p.severity == "warning" else p for p in problems
    ]


def visible(problems: Iterable[Problem], verbosity: int) -> list[Problem]:
    """What to show: -q (verbosity -1) errors only, by default errors and warnings, -v also
    information."""
    shown = SEVERITIES[: max(1, min(3, verbosity + 2))]
    return [p for p in problems if p.severity in shown]


def render(problems: list[Problem], fmt: str, project: Path) -> str:
    """All problems in the chosen format (no trailing newline; empty if there are none)."""
    if fmt == "json":
        return _json(problems)
    if fmt == "github":
        prefix = _prefix(project)
        return "\n".join(_annotation(p, prefix) for p in problems)
    return "\n".join(_one_line(p.format()) for p in problems)


def summary(problems: list[Problem]) -> str:
    """`2 error(s), 1 warning(s)`, and the information notes if there are any."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    infos = len(problems) - errors - warnings
    return f"{errors} error(s), {warnings} warning(s)" + (f", {infos} note(s)" if infos else "")


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def _prefix(project: Path) -> str:
    try:
        rel = os.path.relpath(project.resolve(), Path.cwd())
    except ValueError:  # another drive on Windows
        return project.resolve().as_posix() + "/"
    return "" if rel == "." else Path(rel).as_posix() + "/"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(p: Problem, prefix: str) -> str:
    props = ",".join(
        [
            f"file={_escape_property(prefix + p.path)}",
            f"line={p.line}",
            f"col={p.col}",
            f"title={_escape_property(p.rule)}",
        ]
    )
    kind = "notice" if p.severity == "info" else p.severity  # GitHub's word for it
    return f"::{kind} {props}::{_escape_data(p.message)}"


def _json(problems: list[Problem]) -> str:
    data = {
        "errors": sum(p.severity == "error" for p in problems),
        "warnings": sum(p.severity == "warning" for p in problems),
        "notes": sum(p.severity == "info" for p in problems),
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "col": p.col,
                "severity": p.severity,
                "rule": p.rule,
                "message": p.message,
            }
            for p in problems
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)
