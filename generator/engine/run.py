"""The site engine adapter: the only module that imports mkdocs.

Everything else produces a docs folder and a plain config file; replacing MkDocs with
another engine that reads mkdocs.yml means replacing this module alone.
"""

from __future__ import annotations

import logging
from pathlib import Path

from generator.errors import BuildError

log = logging.getLogger(__name__)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(config_file: Path, site_dir: Path) -> list[str]:
    """Build the site described by `config_file` into `site_dir`; returns engine warnings."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handler = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
        build(config)
    except exceptions.ConfigurationError as exc:
        raise BuildError(f"mkdocs.yml: {exc}") from None
    except (exceptions.MkDocsException, exceptions.Abort) as exc:
        raise BuildError(f"site engine failed: {exc}") from None
    finally:
        mkdocs_log.removeHandler(handler)
    return handler.messages
