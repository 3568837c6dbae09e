"""Images and audio an author uses: found in Markdown and in blocks, checked, then copied.

Media files live in `content/media/` (sub-folders allowed) and are written as
`media/<file>` wherever they are used, from any lesson: `![What it shows](media/desk.png)`
in Markdown, or the `src` of an `image` or `audio` block. The build copies only the files
in use, to the same `media/` path in the site (so the LMS package has them too), and the
handouts embed them. Remote URLs (`https://...`) are left alone here.
"""

from __future__ import annotations

import base64
import posixpath
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.yamlload import Document

FOLDER = "media"  # under content/, and in the site
MAX_BYTES = 2 * 1024 * 1024
IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}
AUDIO_TYPES = {".mp3", ".m4a", ".ogg", ".oga", ".wav"}
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.I)
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


@dataclass(frozen=True)
class Use:
    """One place a media file is used: the document, the value's path, what was written."""

    doc: Document
    path: tuple[Any, ...]
    target: str
    kind: str  # image | audio
    offset: int = 0  # where in the text (Markdown) the reference starts

    def problem(self, message: str, rule: str = "media") -> Problem:
        line, col = self.doc.at_offset(self.path, self.offset)
        return Problem(self.doc.path, line, col, message, rule=rule)


def uses(docs: Iterator[Document] | list[Document]) -> Iterator[Use]:
    """Every local media reference in the documents (remote URLs are skipped)."""
    for doc in docs:
        markup = doc.mentions("![", "<")  # else only block sources can name media
        for path, text in doc.texts():
            if path and path[-1] == "src" and _block_kind(doc, path):
                found = [(text, _block_kind(doc, path), 0)]
            elif not markup:
                continue
            else:  # most texts hold neither "![" nor "<", so neither pattern can match
                found = []
                if "![" in text:
                    found += [(m.group(2), "image", m.start()) for m in MD_IMAGE.finditer(text)]
                if "<" in text:
                    found += [(m.group(1), "image", m.start()) for m in HTML_IMAGE.finditer(text)]
            for target, kind, offset in found:
                if not REMOTE.match(target):
                    yield Use(doc, path, target, kind, offset)


def _block_kind(doc: Document, path: tuple[Any, ...]) -> str:
    """'image' or 'audio' if `path` is the `src` of such a block, else ''."""
    node: Any = doc.data
    for part in path[:-1]:
        node = node[part]
    kind = node.get("type") if isinstance(node, dict) else None
    return kind if kind in ("image", "audio") else ""


def site_path(target: str) -> str | None:
    """`media/a/b.png` -> the same path in the site; None if it leaves the media folder."""
    clean = posixpath.normpath(target.split("#")[0].split("?")[0])
    if not clean.startswith(FOLDER + "/") or clean.startswith("../"):
        return None
    return clean


def check(root: Path, found: Iterable[Use]) -> list[Problem]:
    """Every media reference (`uses`) must name a file in content/media/ of a known type
    and size."""
    problems: list[Problem] = []
    folder = (root / "content" / FOLDER).resolve()
    for use in found:
        rel = site_path(use.target)
        file = (root / "content" / rel).resolve() if rel else None
        if file is None or not file.is_relative_to(folder):
            problems.append(
                use.problem(
                    f"{use.kind} '{use.target}': expected a file in "
                    f"content/{FOLDER}/, written as {FOLDER}/<file>"
                )
            )
            continue
        types = IMAGE_TYPES if use.kind == "image" else AUDIO_TYPES
        if file.suffix.lower() not in types:
            problems.append(
                use.problem(
                    f"{use.kind} '{use.target}': expected one of "
                    f"{', '.join(sorted(types))}, found "
                    f"'{file.suffix or 'no extension'}'"
                )
            )
        elif not file.is_file():
            problems.append(use.problem(f"{use.kind} '{use.target}': no such file content/{rel}"))
        elif file.stat().st_size > MAX_BYTES:
            problems.append(
                use.problem(
                    f"{use.kind} '{use.target}': file is "
                    f"{file.stat().st_size:,} bytes; the limit is "
                    f"{MAX_BYTES:,} (make it smaller)"
                )
            )
    return problems


_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".wav": "audio/wav",
}


def mime_type(path: str) -> str:
    """The media type of a file by its extension (the `type` of an audio source)."""
    return _TYPES.get(posixpath.splitext(path)[1].lower(), "application/octet-stream")


def data_uri(files: dict[str, Path]) -> Callable[[str, str], str]:
    """A media URL maker for print: the file itself as a data: URI, so a PDF needs no file
    access and its cache key changes when the image does."""

    def url(target: str, page: str) -> str:
        rel = site_path(target)
        file = files.get(rel or "")
        if file is None:
            return target
        return f"data:{mime_type(rel or '')};base64,{base64.b64encode(file.read_bytes()).decode()}"

    return url


def sync(files: dict[str, Path], folder: Path) -> None:
    """Copy the media files in use into `folder` (a docs folder or a site), skipping those
    already there with the same size and time, so a preview copies only what changed."""
    for rel, src in files.items():
        target = folder / rel
        stat = src.stat()
        if target.is_file() and (target.stat().st_size, target.stat().st_mtime_ns) == (
            stat.st_size,
            stat.st_mtime_ns,
        ):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)


def files(root: Path, found: Iterable[Use]) -> dict[str, Path]:
    """The media files in use (`uses`), site-relative path -> file (call after `check`
    passed)."""
    in_use: dict[str, Path] = {}
    for use in found:
        rel = site_path(use.target)
        if rel and (root / "content" / rel).is_file():
            in_use[rel] = root / "content" / rel
    return dict(sorted(in_use.items()))
