"""Write the tree microlearn hands to the site engine (docs/ and mkdocs.yml), and stop.

    python bench/emit.py PROJECT DEST

`mkdocs build -f DEST/mkdocs.yml` then builds exactly the pages `microlearn build` would,
which is the baseline the build's own cost is compared with.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import validate  # noqa: E402
from generator.engine.write import write_staging  # noqa: E402
from generator.outputs.base import SiteExtras  # noqa: E402
from generator.render import render_site  # noqa: E402


def emit(project: Path, dest: Path) -> Path:
    """Write the engine's input for `project` into `dest`; returns its mkdocs.yml."""
    cur, problems = validate(project)
    if cur is None:
        raise SystemExit("\n".join(p.format() for p in problems))
    staging = write_staging(project, dest, render_site(cur, SiteExtras()), cur.course)
    return staging.config


if __name__ == "__main__":
    print(emit(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()))
