"""Turn pydantic validation errors into located, plain-language problems.

Pydantic reports a location as a tuple of keys (with union tags mixed in); we walk that
tuple through the document's data to find the deepest real node, then phrase the message
as "expected X, found Y", the way authors think about YAML.
"""

from __future__ import annotations

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


def translate(doc: Document, model: type[BaseModel], exc: ValidationError,
              label: str) -> list[Problem]:
    """One problem per pydantic error, located in `doc`, prefixed with `label`."""
    problems: list[Problem] = []
    missing: dict[tuple[Any, ...], int] = {}  # (path, key) -> index of its "missing" problem
    misspelt: set[tuple[Any, ...]] = set()  # (path, key) an unknown key was probably meant as
    for err in exc.errors():
        kind = err["type"]
        loc = tuple(err["loc"])
        if kind == "extra_forbidden":  # the last part is the unknown key itself
            path, value, _ = _resolve(doc.data, loc[:-1])
            rest = loc[-1]
        else:
            path, value, rest = _resolve(doc.data, loc)
        where = f"{label}: {dotted(path)}" if path else label
        ctx = err.get("ctx", {})
        key_mark = False
        rule = "schema"
        if kind in RULE_ERRORS:  # raised by a model validator that names its rule
            msg = f"{where}: {err['msg']}"
            rule = kind.replace("_", "-")
        elif kind == "missing":
            msg = f"{where}: missing required key '{rest}'"
            missing[(*path, rest)] = len(problems)
        elif kind == "extra_forbidden":
            known = _fields(model, doc.data, path)
            guess = closest(str(rest), known)
            hint = f" (did you mean '{guess}'?)" if guess else \
                f" (expected one of: {', '.join(known)})" if known else ""
            if guess:
                misspelt.add((*path, guess))
            path = (*path, rest)
            where = f"{label}: {dotted(path)}"
            msg = f"{where}: unknown key '{rest}'{hint}"
            key_mark = True
        elif kind in ("union_tag_invalid", "union_tag_not_found"):
            tags = ctx.get("expected_tags", "")
            found = value.get("type") if isinstance(value, dict) else None
            msg = (f"{where}: expected 'type' to be one of {tags}, found "
                   f"{describe(found) if found is not None else 'no type'}")
            path = (*path, "type") if isinstance(value, dict) and "type" in value else path
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            msg = f"{where}: expected a mapping (key: value pairs), found {describe(value)}"
        elif kind == "list_type":
            msg = f"{where}: expected a list, found {describe(value)}"
        elif kind == "string_type":
            msg = f"{where}: expected text, found {describe(value)}"
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            msg = f"{where}: expected a whole number, found {describe(value)}"
        elif kind in ("bool_type", "bool_parsing"):
            msg = f"{where}: expected true or false, found {describe(value)}"
        elif kind == "literal_error":
            msg = f"{where}: expected one of {ctx.get('expected')}, found {describe(value)}"
        elif kind == "string_pattern_mismatch":
            msg = (f"{where}: expected a slug (lowercase letters, digits and single hyphens, "
                   f"e.g. 'active-listening'), found {describe(value)}")
            if "objective" in path:
                msg = (f"{where}: expected an objective id or '<lesson-id>/<objective-id>', "
                       f"found {describe(value)}")
        elif kind in ("too_short", "too_long"):
            n = len(value) if isinstance(value, (list, str)) else "?"
            if kind == "too_short":
                want = f"at least {ctx.get('min_length')}"
            else:
                want = f"at most {ctx.get('max_length')}"
            unit = "character(s)" if isinstance(value, str) else "item(s)"
            msg = f"{where}: expected {want} {unit}, found {n}"
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            bound = {"greater_than_equal": "at least", "less_than_equal": "at most",
                     "greater_than": "more than", "less_than": "less than"}[kind]
            limit = next(iter(ctx.values()), "?")
            msg = f"{where}: expected a number {bound} {limit}, found {describe(value)}"
        elif kind == "value_error":
            msg = f"{where}: {str(ctx.get('error', err['msg']))}"
        else:
            msg = f"{where}: {err['msg']}, found {describe(value)}"
        problems.append(doc.problem(path, msg, key=key_mark, rule=rule))
    # `titel:` gives "unknown key 'titel' (did you mean 'title'?)"; "missing 'title'" is noise.
    dropped = {missing[k] for k in misspelt if k in missing}
    return [p for i, p in enumerate(problems) if i not in dropped]
