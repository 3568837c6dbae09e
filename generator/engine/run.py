"""The build call: the only module that imports mkdocs.

The rest of the generator produces a docs folder and a plain config file; MkDocs reports
problems by logging them and then raising `Abort`, so we collect its log records and put
its own words into the error.
"""

from __future__ import annotations

import logging
from pathlib import Path

from generator.errors import BuildError

log = logging.getLogger(__name__)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: list[str] = []
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(message)


def build_site(
    config_file: Path, site_dir: Path, origins: dict[str, str] | None = None
) -> list[str]:
    """Build the site described by `config_file` into `site_dir`; returns engine warnings.
    `origins` names the source file of settings that do not come from the user's mkdocs.yml,
    so an error about one of them points at that file."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handler = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
        build(config)
    except (exceptions.MkDocsException, exceptions.Abort) as exc:
        # Abort says only "Aborted with a configuration error!": the cause was logged.
        causes = handler.errors or [str(exc)]
        origin = next(
            (
                file
                for key, file in (origins or {}).items()
                if any(f"'{key}'" in cause for cause in causes)
            ),
            "mkdocs.yml",
        )
        raise BuildError(f"{origin}: the site engine stopped: {'; '.join(causes)}") from None
    finally:
        mkdocs_log.removeHandler(handler)
    return handler.warnings
