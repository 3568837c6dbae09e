"""Write the rendered pages and a generated engine config into a scratch folder.

The generated `mkdocs.yml` inherits the project's own `mkdocs.yml` (so branding edits there
take effect) and adds only what the course needs: the docs folder, the navigation, our theme
overrides, and the settings that keep the site fast, private and usable offline.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.engine.pages import engine_nav, engine_text
from generator.models import Course
from generator.render import RenderedSite

THEME_DIR = Path(__file__).parent / "theme"
REQUIRED_FEATURES = ["navigation.prune"]
REQUIRED_PLUGINS = ["search", "offline"]
LOCAL_SHIM = "assets/microlearn/iframe-worker-shim.js"


@dataclass(frozen=True)
class Staging:
    """The scratch folder of one build."""

    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"


class _TolerantLoader(yaml.SafeLoader):
    """Reads a user's mkdocs.yml without executing or failing on its custom tags (!ENV...)."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, s, node: None)


def read_user_config(path: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as data (custom tags read as empty values)."""
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506
    return data if isinstance(data, dict) else {}


def engine_config(user: dict[str, Any], user_file: Path | None, course: Course,
                  nav: list[Any], docs_dir: Path) -> dict[str, Any]:
    """The generated config: what we set on top of the user's own file."""
    theme = _mapping(user.get("theme"))
    features = list(theme.get("features") or [])
    features += [f for f in REQUIRED_FEATURES if f not in features]
    plugins = _plugins(user.get("plugins"))
    config: dict[str, Any] = {
        "docs_dir": str(docs_dir),
        "use_directory_urls": False,
        "nav": nav,
        "theme": {"name": "material", "custom_dir": str(THEME_DIR), "font": False,
                  "features": features, "language": theme.get("language", course.language)},
        "plugins": plugins,
        # The offline plugin would add a shim from a CDN; ours ships with the theme.
        "extra": {"polyfills": [*_polyfills(user), LOCAL_SHIM]},
    }
    if user_file is not None and user_file.is_file():
        config["INHERIT"] = str(user_file.resolve())
    if not user.get("site_name"):
        config["site_name"] = engine_text(course.title)
    if not user.get("site_description"):
        config["site_description"] = engine_text(course.subtitle or course.title)
    if course.url and not user.get("site_url"):
        config["site_url"] = course.url
    return config


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _polyfills(user: dict[str, Any]) -> list[str]:
    extra = _mapping(user.get("extra"))
    return [p for p in extra.get("polyfills") or [] if "iframe-worker" not in str(p)]


def _plugins(value: Any) -> list[Any]:
    """The user's plugins plus search and offline; the privacy plugin needs a network."""
    plugins: list[Any] = []
    names = []
    for item in value or []:
        name = next(iter(item)) if isinstance(item, dict) else item
        if name in ("privacy", "material/privacy"):
            continue
        plugins.append(item)
        names.append(str(name).removeprefix("material/"))
    plugins += [p for p in REQUIRED_PLUGINS if p not in names]
    return plugins


def write_staging(project: Path, scratch: Path, site: RenderedSite, course: Course) -> Staging:
    """Write pages and config into a fresh `scratch` folder."""
    if scratch.exists():
        shutil.rmtree(scratch)
    staging = Staging(scratch)
    for rel, text in sorted(site.pages.items()):
        target = staging.docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    user_file = project / "mkdocs.yml"
    config = engine_config(read_user_config(user_file), user_file, course, engine_nav(site.nav),
                           staging.docs)
    staging.config.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                              encoding="utf-8")
    return staging


def add_files(staging: Staging, files: dict[str, Path]) -> None:
    """Copy ready-made files (PDFs, packages) into the docs folder before the engine runs."""
    for rel, src in sorted(files.items()):
        target = staging.docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
