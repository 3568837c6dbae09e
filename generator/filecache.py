"""Parsed source files kept between loads, for the live preview.

A save changes one file; re-reading the other thousand would cost more than the rest of the
preview's work together. A file is read again only when its size, modification time or
inode changed. What is derived from a parsed document (its model, its problems) is kept
with that very document, so it can never outlive the text it came from.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from generator.errors import Problem
from generator.yamlload import Document

T = TypeVar("T")
Stamp = tuple[int, int, int]


def _stamp(path: Path) -> Stamp | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


class FileCache:
    """Documents by path and results derived from each document."""

    def __init__(self) -> None:
        self._docs: dict[Path, tuple[Stamp, Document | None, list[Problem]]] = {}
        self._derived: dict[int, tuple[Document, dict[Hashable, Any]]] = {}

    def read(
        self, path: Path, compute: Callable[[], tuple[Document | None, list[Problem]]]
    ) -> tuple[Document | None, list[Problem]]:
        """The document of `path` and its reading problems, from `compute()` when the file
        is new or changed."""
        stamp = _stamp(path)  # taken first: a write during the read makes it stale, not wrong
        hit = self._docs.get(path)
        if hit is not None and stamp is not None and hit[0] == stamp:
            return hit[1], list(hit[2])
        if hit is not None and hit[1] is not None:
            self._derived.pop(id(hit[1]), None)
        doc, problems = compute()
        if stamp is not None:
            self._docs[path] = (stamp, doc, list(problems))
        return doc, problems

    def derived(self, doc: Document, key: Hashable, compute: Callable[[], T]) -> T:
        """A result computed from `doc` (e.g. its model), computed once per document."""
        entry = self._derived.get(id(doc))
        if entry is None or entry[0] is not doc:
            entry = self._derived[id(doc)] = (doc, {})  # holding doc keeps its id unique
        if key not in entry[1]:
            entry[1][key] = compute()
        result: T = entry[1][key]
        return result
