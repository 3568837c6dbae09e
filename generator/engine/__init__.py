"""The site engine: everything that knows MkDocs and Material lives in this package.

`write` turns rendered pages into a docs folder and a generated `mkdocs.yml`, `run` calls the
engine. Replacing MkDocs means replacing this package alone.
"""

from __future__ import annotations

from generator.engine.run import build_site
from generator.engine.write import Staging, write_staging

__all__ = ["Staging", "build_site", "write_staging"]
