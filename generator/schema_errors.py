"""Turn pydantic validation errors into located, plain-language problems.

Pydantic reports a location as a tuple of keys (with union tags mixed in); we walk that
tuple through the document's data to find the deepest real node, then phrase the message
as "expected X, found Y", the way authors think about YAML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Problem, closest
from generator.yamlload import Document

RULE_ERRORS = {"single_correct"}
"""Custom pydantic error types whose name (in kebab-case) is the rule id of the problem."""


def describe(value: Any) -> str:
    """How a YAML value reads to an author: "text 'abc'", "the number 3", "a list"..."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        short = short.replace("\r", "\\r").replace("\n", "\\n")  # messages are one line
        return f"text '{short}'" if value.strip() else "empty text"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    return type(value).__name__


def dotted(path: tuple[Any, ...]) -> str:
    """`("blocks", 2, "title")` -> `blocks[2].title`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _resolve(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], Any, Any]:
    """Follow `loc` through `data`, skipping union tags. Returns (real path, parent, rest)."""
    path: list[Any] = []
    node = data
    rest: Any = None
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            path.append(part)
            node = node[part]
        else:
            rest = part  # a missing key, an extra key, or a union tag name
    return tuple(path), node, rest


def _fields(model: type[BaseModel], data: Any, path: tuple[Any, ...]) -> list[str]:
    """Known field names at `path` (best effort, for "did you mean")."""
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    node: dict[str, Any] = schema
    value = data
    for part in path:
        node = _deref(node, defs, value)
        if isinstance(part, int):
            node = node.get("items", {})
            value = value[part] if isinstance(value, list) else None
        else:
            node = node.get("properties", {}).get(part, {})
            value = value.get(part) if isinstance(value, dict) else None
    node = _deref(node, defs, value)
    return list(node.get("properties", {}))


def _deref(node: dict[str, Any], defs: dict[str, Any], value: Any) -> dict[str, Any]:
    while True:
        if "$ref" in node:
            node = defs[node["$ref"].split("/")[-1]]
        elif "anyOf" in node or "oneOf" in node:
            choices = node.get("oneOf") or node.get("anyOf") or []
            tag = value.get("type") if isinstance(value, dict) else None
            picked = None
            for choice in choices:
                target = defs.get(choice.get("$ref", "").split("/")[-1], choice)
                const = target.get("properties", {}).get("type", {}).get("const")
                if "properties" in target and (tag is None or const == tag):
                    picked = choice
                    if const == tag:
                        break
            if picked is None:
                return {}
            node = picked
        else:
            return node


@dataclass(frozen=True)
class _Error:
    """One pydantic error, resolved against the document's data."""

    kind: str
    path: tuple[Any, ...]  # deepest real node the error is about
    value: Any  # the value found there
    rest: Any  # the key or tag that is not in the data (missing, extra, union tag)
    ctx: dict[str, Any]
    msg: str  # pydantic's own message, for kinds without a phrase of ours


def _found(expected: str) -> Callable[[_Error], str]:
    return lambda e: f"expected {expected}, found {describe(e.value)}"


def _pattern(e: _Error) -> str:
    if "objective" in e.path:
        return (
            f"expected an objective id or '<lesson-id>/<objective-id>', found {describe(e.value)}"
        )
    return (
        f"expected a slug (lowercase letters, digits and single hyphens, e.g. "
        f"'active-listening'), found {describe(e.value)}"
    )


def _length(e: _Error) -> str:
    want = (
        f"at least {e.ctx.get('min_length')}"
        if e.kind == "too_short"
        else f"at most {e.ctx.get('max_length')}"
    )
    unit = "character(s)" if isinstance(e.value, str) else "item(s)"
    n = len(e.value) if isinstance(e.value, (list, str)) else "?"
    return f"expected {want} {unit}, found {n}"


def _bound(word: str) -> Callable[[_Error], str]:
    return lambda e: (
        f"expected a number {word} {next(iter(e.ctx.values()), '?')}, found {describe(e.value)}"
    )


def _union_tag(e: _Error) -> str:
    found = e.value.get("type") if isinstance(e.value, dict) else None
    return (
        f"expected 'type' to be one of {e.ctx.get('expected_tags', '')}, found "
        f"{describe(found) if found is not None else 'no type'}"
    )


def _other(e: _Error) -> str:
    return f"{e.msg}, found {describe(e.value)}"


_MAPPING = _found("a mapping (key: value pairs)")
_NUMBER = _found("a whole number")
_BOOL = _found("true or false")
MESSAGES: dict[str, Callable[[_Error], str]] = {
    "missing": lambda e: f"missing required key '{e.rest}'",
    "model_type": _MAPPING,
    "dict_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "list_type": _found("a list"),
    "string_type": _found("text"),
    "int_type": _NUMBER,
    "int_parsing": _NUMBER,
    "int_from_float": _NUMBER,
    "bool_type": _BOOL,
    "bool_parsing": _BOOL,
    "literal_error": lambda e: (
        f"expected one of {e.ctx.get('expected')}, found {describe(e.value)}"
    ),
    "string_pattern_mismatch": _pattern,
    "too_short": _length,
    "too_long": _length,
    "greater_than_equal": _bound("at least"),
    "less_than_equal": _bound("at most"),
    "greater_than": _bound("more than"),
    "less_than": _bound("less than"),
    "value_error": lambda e: str(e.ctx.get("error", e.msg)),
    "union_tag_invalid": _union_tag,
    "union_tag_not_found": _union_tag,
    **{kind: (lambda e: e.msg) for kind in RULE_ERRORS},
}
"""Pydantic error type -> the plain-language message after 'label: path: '."""


YES_NO = {"yes", "no", "on", "off", "y", "n"}


def hint(e: _Error) -> str:
    """What to write instead, for the mistakes YAML makes easy (a trailing ' (...)' or '')."""
    v = e.value
    if e.kind == "string_type" and isinstance(v, dict) and len(v) == 1:
        key, inner = next(iter(v.items()))  # `- Remember: greet` reads as a mapping
        if isinstance(inner, str):
            text = f"{key}: {inner}".replace('"', '\\"')
            return f' (text with ": " in it must be in quotes: "{text}")'
    if e.kind == "string_type" and not isinstance(v, (dict, list)) and v is not None:
        return " (put the text in quotes)"
    if e.kind in ("bool_type", "bool_parsing") and isinstance(v, str) and v.lower() in YES_NO:
        return " (write true or false; 'yes', 'no', 'on' and 'off' are text)"
    if isinstance(v, str) and (
        (e.kind in ("int_type", "int_parsing") and v.strip().lstrip("+-").isdigit())
        or (e.kind == "bool_type" and v.lower() in ("true", "false"))
    ):
        return " (write it without quotes)"
    if e.kind in ("model_type", "dict_type", "model_attributes_type") and isinstance(v, str):
        word = v.split()[0] if v.split() else v
        return f" (is a colon missing, as in '{word}: ...'?)"
    if e.kind == "too_short" and e.path[-1:] == ("lessons",) and v == []:
        return " (add one with: microlearn new lesson <module-id>/<lesson-id>)"
    return ""


def translate(
    doc: Document, model: type[BaseModel], exc: ValidationError, label: str
) -> list[Problem]:
    """One problem per pydantic error, located in `doc`, prefixed with `label`."""
    problems: list[Problem] = []
    missing: dict[tuple[Any, ...], int] = {}  # (path, key) -> index of its "missing" problem
    misspelt: set[tuple[Any, ...]] = set()  # (path, key) an unknown key was probably meant as
    for err in exc.errors():
        kind, loc = err["type"], tuple(err["loc"])
        extra = kind == "extra_forbidden"  # the last part of loc is the unknown key itself
        path, value, rest = _resolve(doc.data, loc[:-1] if extra else loc)
        e = _Error(kind, path, value, loc[-1] if extra else rest, err.get("ctx", {}), err["msg"])
        mark = path
        if extra:
            text, guess = _unknown_key(e, _fields(model, doc.data, path))
            misspelt.update([(*path, guess)] if guess else [])
            path = mark = (*path, e.rest)
        else:
            text = MESSAGES.get(kind, _other)(e) + hint(e)
        if kind == "missing":
            missing[(*path, e.rest)] = len(problems)
        if kind.startswith("union_tag") and isinstance(value, dict) and "type" in value:
            mark = (*path, "type")
        where = f"{label}: {dotted(path)}" if path else label
        problems.append(
            doc.problem(
                mark,
                f"{where}: {text}",
                key=extra,
                rule=kind.replace("_", "-") if kind in RULE_ERRORS else "schema",
            )
        )
    # `titel:` gives "unknown key 'titel' (did you mean 'title'?)"; "missing 'title'" is noise.
    dropped = {missing[k] for k in misspelt if k in missing}
    return [p for i, p in enumerate(problems) if i not in dropped]


def _unknown_key(e: _Error, known: list[str]) -> tuple[str, str | None]:
    guess = closest(str(e.rest), known)
    hint = (
        f" (did you mean '{guess}'?)"
        if guess
        else f" (expected one of: {', '.join(known)})"
        if known
        else ""
    )
    return f"unknown key '{e.rest}'{hint}", guess
