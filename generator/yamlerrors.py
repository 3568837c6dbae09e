"""YAML syntax errors in an author's words: what was expected, what was found, what to do.

The parser reports where it gave up, in its own terms ("mapping values are not allowed in
this context"), often a line after the real mistake. `describe` looks at the text around
that point and at the tokens read before it, names the common mistake (missing colon,
unquoted colon, wrong indentation, tab, unclosed quote, text that starts with a YAML sign)
and moves the position to the line where the author has to change something.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import yaml
from pydantic import BaseModel

KEY_LINE = re.compile(r"^(\s*(?:-\s+)*)([^\s\-?:#'\"\[{][^:#]*?|'[^']*'|\"[^\"]*\")\s*:(\s|$)")
SPECIAL_START = "*&!|>%@`[{?-"


@dataclass(frozen=True)
class Described:
    """A located, plain-words explanation of a syntax error (1-based line and column)."""

    line: int
    col: int
    message: str


def describe(text: str, exc: yaml.MarkedYAMLError) -> Described:
    """Explain `exc`, raised while parsing `text`, for an author."""
    lines = text.split("\n")
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Described(1, 1, _fallback(exc))
    row, col = mark.line, mark.column
    problem, context = exc.problem or "", exc.context or ""
    for explain in (
        _tab,
        _block_header,
        _escape,
        _special_start,
        _sign_at_start,
        _missing_colon,
        _unclosed_quote,
        _mapping_value,
        _expected_key,
        _expected_dash,
        _flow,
    ):
        found = explain(Site(text, lines, row, col, problem, context, exc))
        if found:
            return found
    return Described(row + 1, col + 1, _fallback(exc))


@dataclass(frozen=True)
class Site:
    """Where the parser stopped and everything needed to look around it."""

    text: str
    lines: list[str]
    row: int  # 0-based, as in yaml marks
    col: int
    problem: str
    context: str
    exc: yaml.MarkedYAMLError

    def line(self, row: int) -> str:
        return self.lines[row] if 0 <= row < len(self.lines) else ""

    def previous(self, row: int) -> int:
        """The nearest line above `row` with content (not blank, not a comment), or -1."""
        row -= 1
        while row >= 0 and (not self.line(row).strip() or self.line(row).lstrip().startswith("#")):
            row -= 1
        return row

    def opener(self) -> tuple[int, int, str]:
        """Where the construct the parser was reading started (0-based) and its first sign."""
        cm = self.exc.context_mark
        assert cm is not None
        return cm.line, cm.column, self.line(cm.line)[cm.column : cm.column + 1]

    def tokens(self) -> list[yaml.Token]:
        """Tokens the scanner reads before the error (the pure-Python scanner, error path only)."""
        found: list[yaml.Token] = []
        try:
            for token in yaml.scan(self.text, Loader=yaml.SafeLoader):
                if (token.start_mark.line, token.start_mark.column) >= (self.row, self.col):
                    break
                found.append(token)
        except yaml.YAMLError:
            pass
        return found

    def last_scalar(self) -> yaml.ScalarToken | None:
        scalars = [t for t in self.tokens() if isinstance(t, yaml.ScalarToken)]
        return scalars[-1] if scalars else None


def _tab(s: Site) -> Described | None:
    for row in (s.row, s.previous(s.row)):
        line = s.line(row)
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in lead:
            return Described(
                row + 1,
                lead.index("\t") + 1,
                "expected spaces for indentation, "
                "found a tab character (replace the tab with spaces)",
            )
    if s.line(s.row)[s.col : s.col + 1] == "\t":
        return Described(
            s.row + 1,
            s.col + 1,
            "expected a space, found a tab character (replace the tab with spaces)",
        )
    return None


def _special_start(s: Site) -> Described | None:
    """`title: *bold* text`, `title: [draft] intro`, `title: @name`: the first sign means
    something to YAML, so the text needs quotes."""
    for row in (s.row, s.previous(s.row)):
        match = KEY_LINE.match(s.line(row))
        value = s.line(row)[match.end() :].strip() if match else ""
        if not (value and value[0] in SPECIAL_START):
            continue
        if value[0] in "|>" and re.fullmatch(r"[|>][-+0-9]*\s*(#.*)?", value):
            continue  # a real block scalar header
        if value[0] == "-" and not value.startswith("- "):
            continue  # -5, -word: plain text
        if value[0] in "[{" and (_closes_at_end(value) or "flow" in s.context):
            continue  # a real flow list or mapping (an unclosed one is `_flow`'s)
        if value[0] in "&!" and row != s.row:
            continue
        key = match.group(2) if match else ""
        return Described(
            row + 1,
            match.end()
            + len(s.line(row)[match.end() :])
            - len(s.line(row)[match.end() :].lstrip())
            + 1
            if match
            else 1,
            f"expected text after '{key}:', found '{value[0]}' at its start, "
            f"which YAML reads as a special sign (put the text in quotes: "
            f"{key}: {_quote(value)})",
        )
    return None


def _sign_at_start(s: Site) -> Described | None:
    """A line (or list item) that starts with a YAML sign, e.g. `- *bold*`, `@name`, or a
    stray character typed at the start of a line."""
    line = s.line(s.row)
    head = len(line) - len(line.lstrip(" "))
    while line[head : head + 2] == "- ":
        head += 2
    sign = line[head : head + 1]
    if not sign or sign not in "*&!%@`{[|>" or s.col < head:
        return None
    if sign in "[{" and _closes_at_end(line[head:]):
        return None
    return Described(
        s.row + 1,
        head + 1,
        f"expected text or 'key: value', found '{sign}' at the start, which YAML reads as a "
        "special sign (remove it, or put the whole text in quotes)",
    )


def _block_header(s: Site) -> Described | None:
    """`intro: > Some text` or `- | text`: a block text starts on the next line."""
    if "block scalar" not in s.context or s.exc.context_mark is None:
        return None
    row, col, sign = s.opener()
    return Described(
        row + 1,
        col + 1,
        f"expected the text after '{sign}' to start on the next line, found more on this line "
        f"(move the text to the lines below, indented, or put it in quotes without '{sign}')",
    )


def _escape(s: Site) -> Described | None:
    """A backslash in double-quoted text that is not a YAML escape, e.g. `"C:\temp"`."""
    if "escape character" not in s.problem:
        return None
    found = s.line(s.row)[s.col : s.col + 2]
    return Described(
        s.row + 1,
        s.col + 1,
        f"expected a YAML escape after '\\' in \"...\" text, found '{found}' (write '\\\\' for a "
        "backslash, or put the text in single quotes)",
    )


def _closes_at_end(value: str) -> bool:
    value = value.split(" #")[0].rstrip()
    return value.endswith("]" if value[0] == "[" else "}")


def _missing_colon(s: Site) -> Described | None:
    if "could not find expected ':'" not in s.problem or s.exc.context_mark is None:
        return None
    row = s.exc.context_mark.line
    return _no_colon_on(s, row)


def _no_colon_on(s: Site, row: int) -> Described:
    line = s.line(row)
    indent = len(line) - len(line.lstrip(" "))
    content = line.strip()
    glued = re.match(r"^(-\s+)?([^\s:]+):(\S.*)$", content)
    if glued:
        return Described(
            row + 1,
            indent + 1,
            f"expected a space after the colon, found "
            f"'{content}' (write '{glued.group(2)}: {glued.group(3)}')",
        )
    dash, content = re.match(r"^((?:-\s+)*)(.*)$", content).groups()  # type: ignore[union-attr]
    key, _, rest = content.partition(" ")
    colon = f"write '{dash}{key}: {rest.strip() or '...'}'"
    found = f"expected 'key: value', found '{content}' without a colon"
    above = s.previous(row)
    above_key = KEY_LINE.match(s.line(above))
    above_text = s.line(above)[above_key.end() :].strip() if above_key else ""
    col = indent + len(dash) + 1
    if dash or key in known_keys() or " " not in above_text or above_key is None:
        return Described(row + 1, col, f"{found} ({colon})")
    name = above_key.group(2)
    carry = (
        f"if it continues the text of '{name}' on line {above + 1}, indent it more than '{name}'"
    )
    return Described(row + 1, col, f"{found} ({carry}; if '{key}' is a key, {colon})")


@functools.cache
def known_keys() -> frozenset[str]:
    """Every key a source file may use, to tell a key without its colon from stray text."""
    from generator import models  # only needed on the error path

    return frozenset(
        name
        for obj in vars(models).values()
        if isinstance(obj, type) and issubclass(obj, BaseModel)
        for name in obj.model_fields
    )


def _mapping_value(s: Site) -> Described | None:
    """`mapping values are not allowed`: a colon the parser did not expect."""
    if "mapping values are not allowed" not in s.problem:
        return None
    scalar = s.last_scalar()
    if scalar is None or not scalar.plain:
        return None
    start = scalar.start_mark
    if start.line == s.row:  # `title: Step one: greet`
        line = s.line(s.row)
        key = KEY_LINE.match(line)
        value = line[start.column :].split(" #")[0].rstrip()
        fix = f"{key.group(1).lstrip()}{key.group(2)}: {_quote(value)}" if key else _quote(value)
        return Described(
            start.line + 1,
            start.column + 1,
            f"expected one value, found "
            f"text with ': ' in it, which YAML reads as another key (put the "
            f"text in quotes: {fix.strip()})",
        )
    first = s.line(start.line)
    starts_line = (
        first[: start.column].strip() in ("", "-")
        or re.fullmatch(r"(-\s+)+", first[: start.column].strip() + " ") is not None
    )
    if starts_line:  # `timing 10` and then `notes: hi`: the colon is missing above
        return _no_colon_on(s, start.line)
    return _too_deep(s, start.line)


def _too_deep(s: Site, owner_row: int) -> Described:
    """A `key:` line indented under a key that already has its value on its own line."""
    line = s.line(s.row)
    indent = len(line) - len(line.lstrip(" "))
    owner = KEY_LINE.match(s.line(owner_row))
    key = KEY_LINE.match(line) or owner
    name = key.group(2) if key else line.strip()
    if owner is None:
        return Described(
            s.row + 1,
            indent + 1,
            f"bad indentation: expected '{name}' to line "
            f"up with the keys above it, found it indented further",
        )
    owner_col = len(owner.group(1)) + 1
    return Described(
        s.row + 1,
        indent + 1,
        f"bad indentation: expected '{name}' at column "
        f"{owner_col}, in line with '{owner.group(2)}' on line {owner_row + 1}, "
        f"found it at column {indent + 1}; '{owner.group(2)}' already has its "
        f"value, so nothing can be indented under it",
    )


def _unclosed_quote(s: Site) -> Described | None:
    if "while scanning a quoted scalar" in s.context and s.exc.context_mark is not None:
        row, col, quote = s.opener()
        return Described(
            row + 1,
            col + 1,
            f"expected a closing {quote} for the text "
            f"that starts here, found the end of the file (add the closing "
            f"{quote} where the text ends)",
        )
    if "did not find expected key" not in s.problem:
        return None
    scalar = s.last_scalar()
    if scalar is None or scalar.plain or scalar.style not in ("'", '"'):
        return None
    start, end = scalar.start_mark, scalar.end_mark
    quote = scalar.style
    if end.line > start.line:
        return Described(
            start.line + 1,
            start.column + 1,
            f"expected a closing {quote} on "
            f"this line, found the next one only on line {end.line + 1} (add the "
            f"closing {quote} where the text ends)",
        )
    if end.line == s.row:
        if quote == "'":
            return Described(
                start.line + 1,
                start.column + 1,
                "expected the text to end at "
                "the closing ', found more text after it: an apostrophe inside "
                "'...' ends the text (write it twice, as in 'Don''t', or put "
                "the text in double quotes)",
            )
        return Described(
            start.line + 1,
            start.column + 1,
            f"expected the text to end at the "
            f"closing {quote}, found more text after it (put the whole text in "
            f"quotes, and write a {quote} inside it as \\{quote})",
        )
    return None


def _expected_key(s: Site) -> Described | None:
    """`did not find expected key`: a line that does not fit the mapping it is in."""
    if "did not find expected key" not in s.problem:
        return None
    line = s.line(s.row)
    indent = len(line) - len(line.lstrip(" "))
    scalar = s.last_scalar()
    if scalar is not None and scalar.style in ("|", ">"):
        owner = s.previous(scalar.start_mark.line + 1)
        key = KEY_LINE.match(s.line(owner))
        name = key.group(2) if key else "the text"
        first = scalar.start_mark.line + 1
        while first < s.row and not s.line(first).strip():
            first += 1
        want = len(s.line(first)) - len(s.line(first).lstrip(" "))
        return Described(
            s.row + 1,
            indent + 1,
            f"bad indentation: expected this line of the "
            f"text of '{name}' (line {owner + 1}) at column {want + 1} like its "
            f"first line, found column {indent + 1}",
        )
    above = s.previous(s.row)
    if line.lstrip().startswith("- "):
        above_line = s.line(above)
        if above_line.lstrip().startswith("- "):
            want = len(above_line) - len(above_line.lstrip(" "))
            return Described(
                s.row + 1,
                indent + 1,
                f"bad indentation: expected '-' at column "
                f"{want + 1} like the list item on line {above + 1}, found "
                f"column {indent + 1}",
            )
        return Described(
            s.row + 1,
            indent + 1,
            "expected 'key: value' here, found a list "
            "item '- ...' (a list goes on the lines after a key that ends with "
            "':', indented under it)",
        )
    return _sibling_indent(s, above)


def _sibling_indent(s: Site, above: int) -> Described | None:
    line = s.line(s.row)
    indent = len(line) - len(line.lstrip(" "))
    key = KEY_LINE.match(line)
    name = key.group(2) if key else line.strip()
    sibling = KEY_LINE.match(s.line(above))
    if sibling is None:
        return None
    want = len(sibling.group(1))
    if want == indent:
        return None
    return Described(
        s.row + 1,
        indent + 1,
        f"bad indentation: expected '{name}' at column "
        f"{want + 1} like '{sibling.group(2)}' on line {above + 1}, found column "
        f"{indent + 1}",
    )


def _expected_dash(s: Site) -> Described | None:
    """`did not find expected '-' indicator`: a line in a list that is not a list item."""
    if "expected '-' indicator" not in s.problem:
        return None
    line = s.line(s.row)
    indent = len(line) - len(line.lstrip(" "))
    above = s.previous(s.row)
    above_line = s.line(above)
    item = KEY_LINE.match(above_line)
    if item and item.group(1).strip() in ("", "-") and len(item.group(1)) != indent:
        found = _sibling_indent(s, above)
        if found:
            return found
    dash = s.exc.context_mark.column if s.exc.context_mark else indent
    return Described(
        s.row + 1,
        indent + 1,
        f"expected a list item '- ...' at column {dash + 1}"
        f", found '{line.strip()}' (start it with '- ', or indent it to belong to "
        f"the item above)",
    )


def _flow(s: Site) -> Described | None:
    if "flow" not in s.context or s.exc.context_mark is None:
        return None
    row, col, opener = s.opener()
    closer = {"[": "]", "{": "}"}.get(opener, "]")
    return Described(
        row + 1,
        col + 1,
        f"expected '{closer}' to close the '{opener}' "
        f"opened here, found line {s.row + 1} without it (close it, or put text "
        f"that starts with '{opener}' in quotes)",
    )


def _quote(value: str) -> str:
    if '"' not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _fallback(exc: yaml.MarkedYAMLError) -> str:
    jargon = " ".join(" ".join(x for x in (exc.context, exc.problem) if x).split())
    return (
        f"cannot read this line as YAML ({jargon}); check its indentation and quotes, "
        "and those of the line above"
    )
