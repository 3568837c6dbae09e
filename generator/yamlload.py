"""Read one YAML file into plain Python data plus the line/column of every node.

PyYAML's composed nodes carry `start_mark`; we keep those marks in a dict keyed by the path
to each value (`("blocks", 2, "title")`), so any later stage can point at the exact line.
The reader refuses what could hurt a build: non-UTF-8 bytes, oversized files, duplicate keys,
and alias chains that would expand into huge documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem
from generator.yamlerrors import describe

try:  # libyaml is in PyYAML's wheels; it composes about ten times faster.
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - only on source builds without libyaml
    _Base = yaml.SafeLoader

BOOL = "tag:yaml.org,2002:bool"
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"


class _Loader(_Base):  # type: ignore[misc]
    """YAML 1.2 booleans: only true/false. YAML 1.1 also reads yes/no/on/off (any case) as
    booleans, so `title: No` became false; editors and the JSON Schemas follow YAML 1.2."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != BOOL]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    # PyYAML calls these three for every node it composes (hundreds of thousands in a big
    # course). PyYAML's own versions also serve resolvers keyed by a path in the document and
    # resolvers for any first character; this loader has neither, so what is left is one
    # lookup by the first character of a plain scalar.
    _by_first: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        """The tag of an untagged node (`implicit`: (plain, quoted) flags for a scalar)."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._by_first.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return STR_TAG
        return MAP_TAG if kind is yaml.MappingNode else SEQ_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_Loader.add_implicit_resolver(
    BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
assert None not in _Loader.yaml_implicit_resolvers and not _Loader.yaml_path_resolvers
_Loader._by_first = {first: tuple(rs) for first, rs in _Loader.yaml_implicit_resolvers.items()}

MAX_FILE_BYTES = 512 * 1024
MAX_NODES = 50_000  # after alias expansion; a real lesson has a few hundred
MAX_DEPTH = 64  # a lesson nests about 6 levels; deeper means a runaway or recursive alias
KEY = "\0key"  # marks[path + (KEY,)] is where a mapping key itself starts
ScalarNode = yaml.ScalarNode

Path_ = tuple[Any, ...]


@dataclass
class Document:
    """A parsed YAML file: its data and where every value (and key) starts."""

    path: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()
    """Lint rules switched off for this file by a `# microlearn: disable=...` comment."""
    disabled_at: int = 0
    """Line of that comment (0 if none), to point at unknown rule ids."""
    literal: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """Literal block texts (`body: |`): where their first line of text starts, so a place
    inside the text can be named by its own line."""
    _texts: list[tuple[Path_, str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _joined: str | None = field(default=None, init=False, repr=False, compare=False)

    def texts(self) -> list[tuple[Path_, str]]:
        """Every text value with its path, as `strings(data)` gives them. Several checks
        read them all; a loaded document's data is never changed, so they are listed once
        (by the reader, as it builds the data)."""
        if self._texts is None:
            self._texts = list(strings(self.data))
        return self._texts

    def mentions(self, *needles: str) -> bool:
        """Does any text value contain one of `needles`? One search over all the texts
        joined, so a check that looks for them can skip the many documents without any."""
        if self._joined is None:
            self._joined = "\0".join([text for _, text in self.texts()])
        return any(needle in self._joined for needle in needles)

    def at_offset(self, path: Path_, offset: int) -> tuple[int, int]:
        """Line and column of character `offset` of the text at `path`: exact inside a
        literal block (`|`), else where the value starts."""
        start = self.literal.get(tuple(path))
        value = self._value(path)
        if start is None or not isinstance(value, str):
            return self.at(*path)
        before = value[:offset]
        line_start = before.rfind("\n") + 1
        return start[0] + before.count("\n"), start[1] + offset - line_start

    def _value(self, path: Path_) -> Any:
        node = self.data
        for part in path:
            node = node[part]
        return node

    def at(self, *path: Any) -> tuple[int, int]:
        """Line and column (1-based) of the value at `path`, or of its nearest ancestor."""
        p: Path_ = tuple(path)
        while p and p not in self.marks:
            p = p[:-1]
        return self.marks.get(p, (1, 1))

    def key_at(self, *path: Any) -> tuple[int, int]:
        """Position of the mapping key that holds `path` (falls back to the value)."""
        mark = self.marks.get((*path, KEY))
        return mark if mark else self.at(*path)

    def problem(
        self,
        path: Path_,
        message: str,
        *,
        rule: str = "schema",
        severity: str = "error",
        key: bool = False,
    ) -> Problem:
        """A problem located at `path` inside this document."""
        line, col = self.key_at(*path) if key else self.at(*path)
        return Problem(self.path, line, col, message, severity, rule)  # type: ignore[arg-type]


def strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text value in parsed YAML data, with its path (for marks and messages), depth
    first in the order of the data."""
    if isinstance(data, str):
        return iter([(path, data)])
    found: list[tuple[Path_, str]] = []
    _collect(data, path, found)
    return iter(found)


def _collect(data: Any, path: Path_, found: list[tuple[Path_, str]]) -> None:
    """Append the texts inside the mapping or list `data` (a plain recursive walk: a chain
    of nested generators would hand every text up through each level)."""
    if isinstance(data, dict):
        items: Any = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return
    for key, value in items:
        if isinstance(value, str):
            found.append(((*path, key), value))
        elif isinstance(value, (dict, list)):
            _collect(value, (*path, key), found)


class YamlProblem(Exception):
    """Raised inside the reader; carries a located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


def read_document(
    file: Path, display: str, *, max_bytes: int = MAX_FILE_BYTES, loader: type | None = None
) -> Document:
    """Read and parse `file`; `display` is the path shown in messages. Raises YamlProblem.
    `loader` is a safe loader class with extra tags (default: plain safe YAML)."""
    raw = file.read_bytes()
    if len(raw) > max_bytes:
        raise YamlProblem(
            Problem(
                display,
                1,
                1,
                f"file is {len(raw):,} bytes; the limit is "
                f"{max_bytes:,} bytes (split it into smaller lessons)",
                rule="file-size",
            )
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(
            Problem(
                display,
                line,
                col,
                f"expected UTF-8 text, found byte 0x{raw[exc.start]:02x} (save the file as UTF-8)",
                rule="encoding",
            )
        ) from None
    return parse_text(text, display, loader)


def parse_text(text: str, display: str, loader_class: type | None = None) -> Document:
    """Parse YAML text into a Document. Raises YamlProblem on syntax errors."""
    try:
        loader, node = _compose(text, display, loader_class or _Loader)
    except yaml.MarkedYAMLError as exc:
        said = describe(text, exc)
        raise YamlProblem(
            Problem(display, said.line, said.col, said.message, rule="yaml-syntax")
        ) from None
    except yaml.reader.ReaderError as exc:
        line, col = _position(text, exc.position)
        raise YamlProblem(
            Problem(
                display,
                line,
                col,
                f"expected printable text, found "
                f"control character #x{exc.character:04x} (delete it)"
                if isinstance(exc.character, int)
                else f"YAML syntax error: {_one_line(exc.reason)}",
                rule="yaml-syntax",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(
            Problem(display, 1, 1, f"YAML syntax error: {_one_line(str(exc))}", rule="yaml-syntax")
        ) from None
    except RecursionError:  # the pure-Python composer recurses once per nesting level
        raise YamlProblem(_too_deep(display, 1, 1)) from None
    else:
        loader.dispose()
    disabled, disabled_at = _directives(text)
    doc = Document(display, None, disabled=disabled, disabled_at=disabled_at)
    if node is not None:
        builder = _Builder(loader, doc, text)
        doc.data = builder.build(node, ())
        doc._texts = builder.texts
    return doc


def _compose(text: str, display: str, loader_class: type) -> tuple[Any, yaml.Node | None]:
    """Compose the document; when YAML refuses it, report our own depth limit if that is why.

    libyaml has nesting limits of its own (0.2.6 stops at 1,000 levels, with its own message,
    while still scanning ahead). Ours is far lower, so on any failure we read the events again
    up to the failure and stop at the first node nested deeper than ours: a runaway nesting
    gets the same rule and position whatever YAML library is installed.
    """
    loader = loader_class(text)
    try:
        return loader, loader.get_single_node()
    except (yaml.YAMLError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _depth_exceeded(text[: mark.index + 1] if mark else text)
        if where is None:
            raise
        raise YamlProblem(_too_deep(display, *where)) from None


def _depth_exceeded(text: str) -> tuple[int, int] | None:
    """Line and column of the first node nested more than MAX_DEPTH levels, if any.

    The pure-Python parser yields events one by one with a bounded look-ahead and has no depth
    limit of its own, so it reaches our limit first. It is slow, hence only used on failures.
    """
    loader = yaml.SafeLoader(text)
    depth = 0  # collections open around the next event
    try:
        while loader.check_event():
            event = loader.get_event()  # type: ignore[no-untyped-call]
            mark = event.start_mark
            if isinstance(event, yaml.NodeEvent) and depth > MAX_DEPTH and mark is not None:
                return mark.line + 1, mark.column + 1
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()
    return None


def _too_deep(display: str, line: int, col: int) -> Problem:
    return Problem(
        display,
        line,
        col,
        f"document is nested more than {MAX_DEPTH} levels deep (is a YAML alias inside itself?)",
        rule="yaml-size",
    )


_DIRECTIVE = re.compile(r"^\s*#\s*microlearn:\s*disable\s*=\s*([^#\n]*)", re.M)


def _directives(text: str) -> tuple[frozenset[str], int]:
    """Rule ids named in `# microlearn: disable=a,b` comment lines, and the first such line."""
    rules: set[str] = set()
    first = 0
    if "microlearn:" not in text:  # nearly every file: skip the line-by-line search
        return frozenset(), 0
    for match in _DIRECTIVE.finditer(text):
        rules.update(r.strip() for r in match.group(1).split(",") if r.strip())
        first = first or text.count("\n", 0, match.start()) + 1
    return frozenset(rules), first


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _one_line(message: str) -> str:
    return " ".join(message.split())


_PLAIN_TAGS = (MAP_TAG, SEQ_TAG)


class _Builder:
    """Turns composed nodes into dicts, lists and scalars while recording marks.

    Most nodes are plain text inside a mapping or list: `_child` takes those without the
    general `build`, but with its checks (node count and depth) in the same order, so a
    limit stops at the same node either way. Every text value is also listed with its
    path as it is built, in the order of `strings(data)` (depth first, in document order).
    """

    def __init__(self, loader: Any, doc: Document, text: str = "") -> None:
        self.loader = loader
        self.doc = doc
        self.count = 0
        self.texts: list[tuple[Path_, str]] = []
        self.text = text
        self._lines: list[str] | None = None

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlProblem(
                self._problem(
                    node,
                    f"document expands to more than {MAX_NODES:,} "
                    "values (are YAML aliases nested?)",
                    "yaml-size",
                )
            )
        if len(path) > MAX_DEPTH:
            raise YamlProblem(
                _too_deep(self.doc.path, node.start_mark.line + 1, node.start_mark.column + 1)
            )
        start = node.start_mark
        self.doc.marks[path] = (start.line + 1, start.column + 1)
        if node.tag == STR_TAG and type(node) is yaml.ScalarNode:  # most nodes: plain text
            if node.style == "|":
                self._literal(node, path)
            self.texts.append((path, node.value))
            return node.value
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            if node.tag in self.loader.yaml_constructors:  # a tag the loader was given
                return self._value(node, path)
            raise YamlProblem(
                self._problem(
                    node,
                    f"expected plain data, found the tag '{node.tag}' (remove it)",
                    "yaml-syntax",
                )
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, path)
        return self._value(node, path)

    def _value(self, node: yaml.Node, path: Path_) -> Any:
        """A scalar other than plain text, or a value of a tag the loader was given."""
        value = self._scalar(node)
        self.texts += strings(value, path)  # whatever it holds, as the walk would find it
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        marks = self.doc.marks
        inline = len(path) < MAX_DEPTH  # a child is one level deeper
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == STR_TAG and type(key_node) is ScalarNode:  # most keys
                key = key_node.value
            else:
                key = self._key(key_node)
            if key in result:
                raise YamlProblem(
                    self._problem(
                        key_node,
                        f"duplicate key '{key}' (the earlier value would be lost)",
                        "duplicate-key",
                    )
                )
            start = key_node.start_mark
            marks[(*path, key, KEY)] = (start.line + 1, start.column + 1)
            result[key] = self._child(value_node, (*path, key), inline)
        return result

    def _child(self, node: yaml.Node, path: Path_, inline: bool) -> Any:
        """`build(node, path)` for a value in a mapping or list (`inline`: shallow enough to
        pass the depth check). Most values are plain text: those are taken here, with the
        checks of `build` in its order, so a limit stops at the same node either way."""
        if (
            inline
            and type(node) is ScalarNode
            and node.tag == STR_TAG
            and node.style != "|"
            and self.count < MAX_NODES
        ):
            self.count += 1
            start = node.start_mark
            self.doc.marks[path] = (start.line + 1, start.column + 1)
            self.texts.append((path, node.value))
            return node.value
        return self.build(node, path)

    def _key(self, key_node: yaml.Node) -> Any:
        """A mapping key other than plain text, if it is a plain value."""
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlProblem(
                self._problem(
                    key_node,
                    "expected a plain key, found a YAML merge key '<<' (write the keys out)",
                    "yaml-syntax",
                )
            )
        key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise YamlProblem(
                self._problem(
                    key_node,
                    "expected a plain key, found a complex or empty key",
                    "yaml-syntax",
                )
            )
        return key

    def _sequence(self, node: yaml.SequenceNode, path: Path_) -> list[Any]:
        inline = len(path) < MAX_DEPTH
        result: list[Any] = []
        for i, item in enumerate(node.value):
            result.append(self._child(item, (*path, i), inline))
        return result

    def _literal(self, node: yaml.Node, path: Path_) -> None:
        """Record where the text of a `|` block starts: the line after the indicator, at the
        indentation of its first line of text."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        lines = self._lines
        first = row = node.start_mark.line + 1  # leading blank lines are "\n"s of the text
        while row < len(lines) and not lines[row].strip():
            row += 1
        if row < len(lines):
            line = lines[row]
            self.doc.literal[path] = (first + 1, len(line) - len(line.lstrip(" ")) + 1)

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == STR_TAG:  # most values: the constructor would return the same text
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            # e.g. an unknown !tag, or a timestamp like 2024-02-30 that is not a real date
            what = exc.problem if isinstance(exc, yaml.MarkedYAMLError) else str(exc)
            value = _one_line(str(node.value))
            if node.tag.startswith("!"):
                text = f"{node.tag} {value}".strip()
                message = (
                    f"expected text, found '{node.tag}' at its start, which YAML reads "
                    f'as a tag (put the text in quotes: "{text}")'
                )
            else:
                reason = _one_line(str(what))
                message = f"cannot read '{value}': {reason} (put it in quotes if it is text)"
            raise YamlProblem(self._problem(node, message, "yaml-syntax")) from None

    def _problem(self, node: yaml.Node, message: str, rule: str) -> Problem:
        return Problem(
            self.doc.path, node.start_mark.line + 1, node.start_mark.column + 1, message, rule=rule
        )
