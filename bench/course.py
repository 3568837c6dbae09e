"""Large courses with unique text, made from the shipped course.

    python bench/course.py DEST --lessons 1000

The shipped course stays as it is (other lessons, the glossary and the final assessment link
to it); the remaining lessons are copies of the shipped lessons and their quizzes in which
every word of four letters or more is replaced by a made-up word of the same length and
capitalisation. Each copy has its own vocabulary, so no two questions are alike (the
near-duplicate rule stays quiet, as on a real course) while word counts, Markdown, links and
the shape of every file stay those of real lessons.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PER_MODULE = 25
IGNORED = ("site", "site.*", ".microlearn", ".venv", "node_modules", ".git", "tests", "bench")
WORD = re.compile(r"[A-Za-z]{4,}")
LINK = re.compile(r"(\]\([^)]*\)|<[^>]*>)")  # link targets and HTML tags are kept as they are
CONSONANTS = "bcdfghjklmnprstvwz"
VOWELS = "aeiou"


def _made_up(word: str, salt: str) -> str:
    """A pronounceable made-up word as long as `word`, fixed for (word, salt)."""
    digest = hashlib.blake2b(f"{salt}:{word.lower()}".encode(), digest_size=64).digest()
    letters = [
        (VOWELS if i % 2 else CONSONANTS)[digest[i % 64] % (5 if i % 2 else 18)]
        for i in range(len(word))
    ]
    out = "".join(letters)
    return out.capitalize() if word[0].isupper() else out


def _rewrite_text(text: str, salt: str) -> str:
    parts = LINK.split(text)
    for i in range(0, len(parts), 2):  # odd parts are link targets and tags
        parts[i] = WORD.sub(lambda m: _made_up(m.group(0), salt), parts[i])
    return "".join(parts)


def rewrite(data: Any, salt: str) -> Any:
    """`data` with the words of every prose value replaced; ids (no spaces) stay."""
    if isinstance(data, dict):
        return {k: rewrite(v, salt) for k, v in data.items()}
    if isinstance(data, list):
        return [rewrite(v, salt) for v in data]
    if isinstance(data, str) and any(c.isspace() for c in data.strip()):
        return _rewrite_text(data, salt)
    return data


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text as literal blocks, as authors do."""


_Dumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    ),
)


def _dump(data: Any, path: Path, header: str = "") -> None:
    path.write_text(
        header + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )


def _directives(text: str) -> str:
    """The file's `# microlearn: disable=...` lines, which a YAML dump would drop."""
    return "".join(line + "\n" for line in text.splitlines() if "microlearn: disable" in line)


def make_course(dest: Path, lessons: int) -> Path:
    """A project in `dest` with `lessons` lessons in total (at least the shipped ones)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*IGNORED))
    content = dest / "content"
    course = yaml.safe_load((content / "course.yaml").read_text(encoding="utf-8"))
    sources: list[tuple[str, str]] = []
    for module_id in course["modules"]:
        module = yaml.safe_load((content / module_id / "module.yaml").read_text("utf-8"))
        sources += [(module_id, lesson_id) for lesson_id in module["lessons"]]
    extra = max(0, lessons - len(sources))
    for m in range((extra + PER_MODULE - 1) // PER_MODULE):
        module_id = f"copies-{m:03d}"
        folder = content / module_id
        folder.mkdir()
        ids = []
        for i in range(min(PER_MODULE, extra - m * PER_MODULE)):
            n = m * PER_MODULE + i
            src_module, src_id = sources[n % len(sources)]
            new_id = f"{src_id}-{n:04d}"
            salt = f"copy-{n}"
            ltext = (content / src_module / f"{src_id}.yaml").read_text(encoding="utf-8")
            lesson = rewrite(yaml.safe_load(ltext), salt)
            lesson["id"] = new_id
            if lesson.get("quiz"):
                qtext = (dest / "quizzes" / f"{lesson['quiz']}.yaml").read_text("utf-8")
                quiz = rewrite(yaml.safe_load(qtext), salt)
                quiz["id"] = lesson["quiz"] = new_id
                _dump(quiz, dest / "quizzes" / f"{new_id}.yaml", _directives(qtext))
            _dump(lesson, folder / f"{new_id}.yaml", _directives(ltext))
            ids.append(new_id)
        _dump(
            {
                "id": module_id,
                "title": f"Practice set {m + 1}",
                "summary": rewrite("More lessons to practise every listening skill.", module_id),
                "lessons": ids,
            },
            folder / "module.yaml",
        )
        course["modules"].append(module_id)
    _dump(course, content / "course.yaml")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path, help="project folder to create (replaced)")
    parser.add_argument("--lessons", type=int, default=1000, help="lessons in total")
    args = parser.parse_args()
    make_course(args.dest, args.lessons)
    print(f"wrote a course of {args.lessons} lessons into {args.dest}", file=sys.stderr)


if __name__ == "__main__":
    main()
