"""Write the rendered pages and a generated engine config into a scratch folder.

The generated `mkdocs.yml` holds the project's own `mkdocs.yml` (read safely, see `userconfig`,
so branding edits there take effect) and adds only what the course needs: the docs folder,
the navigation, our theme overrides, and the settings that keep the site fast, private and
usable offline.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.engine.pages import engine_nav, engine_text
from generator.engine.userconfig import EngineDumper, merge, read_user_config
from generator.errors import ContentError
from generator.models import Course
from generator.render import RenderedSite

THEME_DIR = Path(__file__).parent / "theme"
HOOKS = Path(__file__).parent / "hooks.py"
REQUIRED_FEATURES = ["navigation.prune"]
REQUIRED_PLUGINS = ["search", "offline"]
COURSE_SETTINGS = ("site_name", "site_description", "site_url")  # taken from course.yaml
LOCAL_SHIM = "assets/microlearn/iframe-worker-shim.js"


@dataclass(frozen=True)
class Staging:
    """The scratch folder of one build."""

    root: Path
    origins: dict[str, str] = field(default_factory=dict)
    """Engine setting -> the source file it came from, when not the user's mkdocs.yml."""

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"


def engine_config(
    user: dict[str, Any], course: Course, nav: list[Any], docs_dir: Path
) -> dict[str, Any]:
    """The generated config: the user's own settings (read safely, INHERIT merged) with
    what the course needs on top."""
    theme = _mapping(user.get("theme"))
    features = list(theme.get("features") or [])
    features += [f for f in REQUIRED_FEATURES if f not in features]
    plugins = _plugins(user.get("plugins"))
    config: dict[str, Any] = {
        "docs_dir": str(docs_dir),
        "use_directory_urls": False,
        "nav": nav,
        "theme": {
            "name": "material",
            "custom_dir": str(THEME_DIR),
            "font": False,
            "features": features,
            "language": theme.get("language", course.language),
        },
        "plugins": plugins,
        "hooks": [*_list(user.get("hooks")), str(HOOKS)],
        # The offline plugin would add a shim from a CDN; ours ships with the theme, and
        # main.html loads it only when search is opened from a folder (file://).
        "extra": {"polyfills": [*_polyfills(user), LOCAL_SHIM]},
    }
    if not user.get("site_name"):
        config["site_name"] = engine_text(course.title)
    if not user.get("site_description"):
        config["site_description"] = engine_text(course.subtitle or course.title)
    if course.url and not user.get("site_url"):
        config["site_url"] = course.url
    return merge(user, config)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _polyfills(user: dict[str, Any]) -> list[str]:
    extra = _mapping(user.get("extra"))
    return [p for p in extra.get("polyfills") or [] if "iframe-worker" not in str(p)]


def _plugins(value: Any) -> list[Any]:
    """The user's plugins plus search and offline; the privacy plugin needs a network."""
    plugins: list[Any] = []
    names = []
    if isinstance(value, dict):  # MkDocs also takes plugins as a mapping
        value = [{name: options} if options else name for name, options in value.items()]
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
    user, problems = read_user_config(project)
    if problems:
        raise ContentError(problems)
    staging = Staging(
        scratch, {key: "content/course.yaml" for key in COURSE_SETTINGS if not user.get(key)}
    )
    for rel, data in sorted(site.encoded.items()):
        target = staging.docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    config = engine_config(user, course, engine_nav(site.nav), staging.docs)
    staging.config.write_text(
        yaml.dump(config, Dumper=EngineDumper, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return staging


def add_files(staging: Staging, files: dict[str, Path]) -> None:
    """Copy ready-made files (PDFs, packages) into the docs folder before the engine runs."""
    for rel, src in sorted(files.items()):
        target = staging.docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
