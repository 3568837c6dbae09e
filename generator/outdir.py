"""Output folders the build owns: which folder it may replace, and how it replaces it.

The build writes into a staging folder and swaps it in at the very end. Before it does, it
checks that the target is a folder *it* made (a marker file says so), that it is not a link
and that it neither is nor holds the course sources. A project lock queues concurrent builds;
the swap exchanges the two folders in one step where Linux allows it, so a reader (or a kill)
never finds the site missing, and leftovers of an interrupted swap are recovered next time.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

from generator.errors import BuildError

log = logging.getLogger(__name__)

MARKER = ".microlearn-output"
"""Written into every output folder; only a folder holding it (or empty) is ever replaced."""
SOURCES = ("content", "quizzes", ".git", "generator", "tests")
_INCOMING = ".incoming-"
_OLD = ".old-"


def _inside(path: Path, parent: Path) -> bool:
    return path == parent or parent in path.parents


EXPORT = "export"
"""The scratch folder (in `.microlearn/`) where `microlearn export` builds a package."""


def claim(root: Path, target: Path, *, scratch: Path) -> Path:
    """Check that the build may replace `target` (see `check_target`) and put back a site
    that an interrupted swap left aside. Returns the resolved folder."""
    target = Path(os.path.abspath(target))
    own = (scratch / "preview", scratch / EXPORT)  # the preview's site, export builds
    resolved = check_target(
        root,
        target,
        scratch=scratch,
        allow_scratch=any(o == target or o in target.parents for o in own),
    )
    with project_lock(scratch):
        recover(resolved)
    return resolved


def check_target(root: Path, target: Path, *, scratch: Path, allow_scratch: bool = False) -> Path:
    """The resolved output folder, or a BuildError saying why microlearn may not write there.

    `root` and `scratch` must already be resolved. `allow_scratch` admits a folder inside the
    scratch area (the preview server's own output)."""
    shown = _shown(target, root)
    if target.is_symlink():
        raise BuildError(
            f"{shown}: is a symbolic link; microlearn only replaces a real folder "
            "it made. Remove the link, or pass --site-dir with the real folder"
        )
    resolved = target.resolve()
    if _inside(root, resolved):
        raise BuildError(
            f"{shown}: is the project folder or contains it; choose an output "
            "folder inside the project, such as site/"
        )
    for name in SOURCES:
        source = root / name
        if source.exists() and (_inside(resolved, source) or _inside(source, resolved)):
            raise BuildError(
                f"{shown}: would overwrite the course sources in {name}/; "
                "choose another output folder"
            )
    if _inside(resolved, scratch) and not allow_scratch:
        raise BuildError(
            f"{shown}: lies in microlearn's scratch folder "
            f"{scratch.name}/; choose another output folder"
        )
    parent = next((p for p in resolved.parents if p.exists()), resolved.parent)
    if not os.access(parent, os.W_OK):  # also false on a read-only file system, even for root
        raise BuildError(
            f"{parent}: cannot write there (read-only or no "
            "permission); build from a writable copy or pass --site-dir"
        )
    if resolved.exists() or resolved.is_symlink():
        if not resolved.is_dir():
            raise BuildError(
                f"{shown}: is a file, not a folder; move it away or pass "
                "--site-dir with another folder"
            )
        if not _owned(resolved):
            raise BuildError(
                f"{shown}: holds files microlearn did not write (no {MARKER} "
                "file); move them away or pass --site-dir with another folder"
            )
    return resolved


def _owned(folder: Path) -> bool:
    """Empty, marked, or a site from a version that wrote no marker yet (same runtime folder)."""
    try:
        if (folder / MARKER).is_file() or not any(folder.iterdir()):
            return True
    except OSError:
        return False
    return (folder / "index.html").is_file() and (folder / "assets" / "microlearn").is_dir()


def _shown(path: Path, root: Path) -> str:
    """The folder as the author knows it: relative to the project when inside it."""
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def mark(folder: Path) -> None:
    """Mark `folder` as an output of the build (called on the staging folder)."""
    (folder / MARKER).write_text(
        "This folder is written by `microlearn build` and replaced "
        "whole on every build. Do not keep your own files here.\n",
        encoding="utf-8",
    )


@contextlib.contextmanager
def project_lock(scratch: Path) -> Iterator[None]:
    """Hold the project's build lock; a second build waits until the first has finished."""
    scratch.mkdir(parents=True, exist_ok=True)
    with open(scratch / "lock", "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("waiting for another build of this project to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(target: Path) -> None:
    """Finish or undo a swap that was interrupted: never leave the project without its site."""
    parent = target.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(target.name + _OLD + "*"))
    incoming = sorted(parent.glob(target.name + _INCOMING + "*"))
    if not target.exists() and not target.is_symlink() and olds:
        os.replace(olds[-1], target)
        log.warning("restored %s from an interrupted build", target.name)
        olds = olds[:-1]
    for leftover in [*olds, *incoming]:
        shutil.rmtree(leftover, ignore_errors=True)


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new` (same file system) so that `target` always exists."""
    token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    incoming = target.with_name(target.name + _INCOMING + token)
    shutil.move(str(new), incoming)
    if target.exists() and _exchange(incoming, target):
        shutil.rmtree(incoming, ignore_errors=True)  # now holds the previous site
        return
    old = target.with_name(target.name + _OLD + token)
    if target.exists():
        os.replace(target, old)  # from here until the next line `recover` can undo a kill
    try:
        os.replace(incoming, target)
    except OSError:
        if old.exists():
            os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux renameat2(RENAME_EXCHANGE); False if unsupported."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    func = getattr(libc, "renameat2", None)
    if func is None:
        return False
    result = func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def clean_stale_staging(scratch: Path, prefix: str = "build-") -> None:
    """Remove staging folders left by builds that were killed (their process is gone)."""
    for folder in scratch.glob(prefix + "*"):
        pid = folder.name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
