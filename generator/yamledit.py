"""Small edits to an author's YAML file that keep its comments and layout.

Dumping parsed YAML back would lose every comment and reorder keys, so the scaffolding
commands edit the text: add an item at the end of a top-level list, or add a top-level key.
Positions come from the reader's marks, so the edit lands where the parser saw the value.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import MicrolearnError
from generator.yamlload import Document, YamlProblem, read_document


def read_mapping(file: Path, display: str) -> Document:
    """The file parsed; a MicrolearnError (one located line) if it is not a YAML mapping."""
    try:
        doc = read_document(file, display)
    except YamlProblem as exc:
        raise MicrolearnError(exc.problem.format()) from None
    if not isinstance(doc.data, dict):
        raise MicrolearnError(f"{display}:1:1: expected a mapping (key: value pairs)")
    return doc


def append_item(file: Path, display: str, key: str, item: str) -> str:
    """The text of `file` with `item` added at the end of its top-level list `key` (created
    when missing or empty). The file itself is not written."""
    doc = read_mapping(file, display)
    source = file.read_text(encoding="utf-8")
    value = doc.data.get(key)
    if key not in doc.data:
        return _ensure_newline(source) + f"{key}:\n  - {item}\n"
    if value is not None and not isinstance(value, list):
        line, col = doc.at(key)
        raise MicrolearnError(
            f"{display}:{line}:{col}: expected '{key}' to be a list, found {type(value).__name__}"
        )
    lines = source.splitlines(keepends=True)
    if not value:  # `key:`, `key: ~` or `key: []`: make it a block list
        line = _replace_value(lines, doc, key, "")
        lines.insert(line, f"  - {item}\n")
        return "".join(lines)
    line, col = doc.at(key, len(value) - 1)
    prefix = lines[line - 1][: col - 1]
    if prefix.rstrip().endswith("-"):  # block list: "  - last-id" -> same prefix, new id
        if not lines[line - 1].endswith("\n"):
            lines[line - 1] += "\n"
        lines.insert(line, f"{prefix}{item}\n")
        return "".join(lines)
    start = sum(len(x) for x in lines[: line - 1]) + col - 1  # flow list: "[a, b]"
    close = source.index("]", start)
    return source[:close].rstrip() + f", {item}" + source[close:]


def set_key(file: Path, display: str, key: str, value: str) -> str:
    """The text of `file` with top-level `key: value` added (or an empty `key:` filled)."""
    doc = read_mapping(file, display)
    source = file.read_text(encoding="utf-8")
    if key not in doc.data:
        return _ensure_newline(source) + f"{key}: {value}\n"
    if doc.data[key] is not None:
        line, col = doc.at(key)
        raise MicrolearnError(
            f"{display}:{line}:{col}: '{key}' is already set to '{doc.data[key]}'"
        )
    lines = source.splitlines(keepends=True)
    _replace_value(lines, doc, key, f" {value}")
    return "".join(lines)


def _replace_value(lines: list[str], doc: Document, key: str, value: str) -> int:
    """Replace what follows `key:` on its line (keeping a comment); returns the line."""
    line, col = doc.key_at(key)
    text = lines[line - 1].rstrip("\n")
    colon = text.index(":", col - 1 + len(key))
    comment = text.find(" #", colon)
    tail = "  " + text[comment:].strip() if comment >= 0 else ""
    lines[line - 1] = f"{text[: colon + 1]}{value}{tail}\n"
    return line


def _ensure_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"
