"""The project's own `mkdocs.yml`, read safely: plain YAML plus the tags MkDocs documents.

MkDocs reads config files with PyYAML's full loader, so a `!!python/...` tag in a project's
`mkdocs.yml` would run code during a build. We read the user's file (and every file it names
with `INHERIT`) with a safe loader that knows only `!ENV` and `!relative`, check the settings
we rely on, merge the chain the way MkDocs does, and hand the engine plain data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem
from generator.yamlload import Document, YamlProblem, read_document

FILE = "mkdocs.yml"
MAX_INHERIT = 8  # a longer chain is a loop or a mistake


@dataclass(frozen=True)
class Relative:
    """A `!relative` value; kept as a tag so the engine resolves it per page, except for
    `$config_dir`, which must point at the user's folder, not at our scratch copy."""

    value: str
    config_dir: str

    def resolved(self) -> str | None:
        """The path for `$config_dir[/suffix]`, or None when only the engine can tell."""
        if self.value == "$config_dir" or self.value.startswith("$config_dir/"):
            return os.path.join(self.config_dir, self.value[len("$config_dir/") :])
        return None


class _Loader(yaml.SafeLoader):
    """Safe YAML plus MkDocs' `!ENV` and `!relative`; no other tag is constructed."""

    config_dir = ""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, else the default;
    a value is typed like YAML (`!ENV DEBUG` with DEBUG=true gives true), as MkDocs does."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = [loader.construct_object(n, deep=True) for n in node.value]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


def _relative(loader: _Loader, node: yaml.Node) -> Relative:
    return Relative(str(loader.construct_scalar(node)), loader.config_dir)  # type: ignore[arg-type]


_Loader.add_constructor("!ENV", _env)
_Loader.add_constructor("!relative", _relative)

_EXPECTED: dict[tuple[str, ...], tuple[tuple[type, ...], str]] = {
    ("INHERIT",): ((str,), "a file name"),
    ("site_name",): ((str,), "text"),
    ("site_description",): ((str,), "text"),
    ("site_url",): ((str,), "a URL"),
    ("site_author",): ((str,), "text"),
    ("copyright",): ((str,), "text"),
    ("theme",): ((str, dict), "a theme name or a mapping"),
    ("theme", "features"): ((list,), "a list of feature names"),
    ("theme", "language"): ((str,), "a language code"),
    ("theme", "palette"): ((list, dict), "a mapping or a list"),
    ("plugins",): ((list, dict), "a list of plugins"),
    ("markdown_extensions",): ((list, dict), "a list of extensions"),
    ("extra",): ((dict,), "a mapping"),
    ("extra", "polyfills"): ((list,), "a list of script paths"),
    ("extra_css",): ((list,), "a list of stylesheet paths"),
    ("extra_javascript",): ((list,), "a list of script paths"),
    ("nav",): ((list,), "a list of pages"),
}


def read_user_config(project: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The project's `mkdocs.yml` with its INHERIT chain merged, and every located problem
    (syntax, encoding, duplicate keys, unknown tags, wrong types). No file: empty settings."""
    file = project / FILE
    if not file.is_file():
        return {}, []
    return _read_chain(project, file, FILE, depth=0)


def _read_chain(
    project: Path, file: Path, display: str, depth: int
) -> tuple[dict[str, Any], list[Problem]]:
    loader = type("_FileLoader", (_Loader,), {"config_dir": str(file.parent.resolve())})
    try:
        doc = read_document(file, display, loader=loader)
    except YamlProblem as exc:
        return {}, [exc.problem]
    except OSError as exc:
        return {}, [
            Problem(display, 1, 1, f"cannot read the file: {exc.strerror}", rule="engine-config")
        ]
    if doc.data is None:
        return {}, []
    if not isinstance(doc.data, dict):
        return {}, [
            doc.problem(
                (),
                f"expected a mapping of settings, found {type(doc.data).__name__}",
                rule="engine-config",
            )
        ]
    problems = _check_types(doc)
    data = dict(doc.data)
    parent_name = data.pop("INHERIT", None)
    if not isinstance(parent_name, str) or problems:
        return data, problems
    parent = (file.parent / parent_name).resolve()
    where = doc.problem(("INHERIT",), "", rule="engine-config")
    if depth >= MAX_INHERIT or not parent.is_file():
        why = (
            f"INHERIT: expected an existing file, found no file '{parent_name}'"
            if depth < MAX_INHERIT
            else f"INHERIT: more than {MAX_INHERIT} files in a chain"
        )
        return data, [Problem(where.path, where.line, where.col, why, rule="engine-config")]
    shown = os.path.relpath(parent, project) if parent.is_relative_to(project) else parent.name
    base, problems = _read_chain(project, parent, shown, depth + 1)
    return merge(base, data), problems


def _check_types(doc: Document) -> list[Problem]:
    problems = []
    for path, (types, wanted) in _EXPECTED.items():
        value: Any = doc.data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if value is not None and not isinstance(value, types):
            problems.append(
                doc.problem(
                    path,
                    f"{'.'.join(path)}: expected {wanted}, found {_describe(value)}",
                    rule="engine-config",
                )
            )
    return problems


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    return "a list" if isinstance(value, list) else repr(value)


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` on top of `base`: mappings merge key by key, anything else is replaced
    (what MkDocs does with INHERIT)."""
    out = dict(base)
    for key, value in override.items():
        old = out.get(key)
        out[key] = merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return out


# libyaml's emitter (in PyYAML's wheels) writes the same text seven times faster.
_SafeDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class EngineDumper(_SafeDumper):  # type: ignore[misc]
    """Writes the generated config; `!relative` values stay tags for the engine to resolve."""


def _represent_relative(dumper: yaml.SafeDumper, rel: Relative) -> yaml.Node:
    path = rel.resolved()
    if path is not None:
        return dumper.represent_str(path)
    return dumper.represent_scalar("!relative", rel.value)


EngineDumper.add_representer(Relative, _represent_relative)
