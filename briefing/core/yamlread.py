"""Read a deck file into a YAML node tree, refusing everything risky.

PyYAML's loaders happily expand aliases (a 400-byte "billion laughs" file
becomes tens of megabytes), build Python objects from tags, and let a
duplicate key silently replace the first. briefing wants none of that: it
reads bytes with a size cap, insists on UTF-8, scans the event stream for
anchors, aliases, tags and runaway nesting, and only then composes nodes,
which keep their line and column for error messages. The libyaml-backed
``CSafeLoader`` is used when present (about seven times faster on large
decks).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from briefing.core.paths import MAX_DECK_BYTES
from briefing.core.problems import DeckError, Problem
from briefing.core.safefile import NotRegularFile, TooLarge, read_regular

#: Deepest nesting accepted; a real deck needs about six levels.
MAX_DEPTH = 32

if TYPE_CHECKING:
    from typing import Protocol

    class _Position(Protocol):
        """A place in the text: ``yaml.Mark``, or libyaml's ``yaml._yaml.Mark``."""

        @property
        def line(self) -> int: ...

        @property
        def column(self) -> int: ...


def line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def _decode(data: bytes) -> str:
    return data.decode("utf-8").removeprefix("\ufeff")


def read_utf8(path: Path, shown: str, limit: int = MAX_DECK_BYTES, data: bytes | None = None) -> bytes:
    """Read a UTF-8 text file's bytes, raising :class:`DeckError` (unusable) if it is not one.

    Only a regular file is read, and no more than ``limit`` + 1 bytes of
    it (see :mod:`briefing.core.safefile`): a FIFO or a device is refused
    at once. A leading BOM is left in, and CRLF line endings (YAML accepts
    both). ``data``, when given, is the file's bytes already read (the deck
    cache reads them to compute its key): they are checked, not read again.

    The loader parses the bytes: libyaml reads UTF-8 itself, and the text
    as a ``str`` (two or four bytes a character once one is beyond Latin-1)
    plus the UTF-8 copy PyYAML makes of it to hand to libyaml were three
    times the file's size in memory while its tree was built.
    """

    def fail(message: str, line: int = 1, col: int = 1) -> DeckError:
        return DeckError([Problem(shown, line, col, "", message)], unusable=True)

    def too_large(size: int | None) -> DeckError:
        given = f"{size:,} bytes" if size is not None else f"over {limit:,} bytes"
        return fail(f"file is too large ({given}; the limit is {limit:,}): split the deck into several files")

    if data is None:
        try:
            data = read_regular(path, limit)
        except TooLarge as error:
            raise too_large(error.size) from None
        except NotRegularFile as error:
            raise fail(f"{error.strerror}: a deck is a YAML file") from None
        except IsADirectoryError:
            raise fail("is a folder, not a deck file") from None
        except FileNotFoundError:
            raise fail("no such file") from None
        except PermissionError:
            raise fail("cannot read the file: permission denied") from None
        except (OSError, ValueError) as error:  # ValueError: a NUL in the path
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise fail(f"cannot read the file: {reason}") from None
    if len(data) > limit:
        raise too_large(len(data))
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = line_col(data, nul)
        raise fail("contains a NUL byte: this is a binary file, not a YAML deck", line, col)
    try:
        if not data.isascii():
            data.decode("utf-8")  # only to check: the text is let go at once
    except UnicodeDecodeError as error:
        line, col = line_col(data, error.start)
        raise fail(
            f"is not valid UTF-8 (byte 0x{data[error.start]:02x}): save the file as UTF-8",
            line,
            col,
        ) from None
    return data


class Node:
    """A node of the deck's tree: its tag, its value and where it starts.

    What the loader reads of PyYAML's nodes, and nothing more: a deck of
    10,000 slides is some 450,000 nodes, and a PyYAML node (a ``__dict__``,
    a style, a start and an end mark of six fields each) took about 200
    bytes more than this one.

    Attributes:
        tag: the resolved tag, as PyYAML's composer gives it.
        value: a scalar's text; a list's nodes; a mapping's keys and values, alternating.
        line: 0-based line where the node starts (as ``yaml.Mark.line``).
        column: 0-based column where it starts (as ``yaml.Mark.column``).
    """

    __slots__ = ("column", "line", "tag", "value")

    def __init__(self, tag: str, value: Any, line: int, column: int) -> None:
        self.tag = tag
        self.value = value
        self.line = line
        self.column = column


class ScalarNode(Node):
    """A scalar: ``value`` is its text."""

    __slots__ = ()


class SequenceNode(Node):
    """A list: ``value`` is its nodes."""

    __slots__ = ()


class MappingNode(Node):
    """A mapping: ``value`` is its keys and values, alternating (no tuple per pair), in order."""

    __slots__ = ()

    def pairs(self) -> Iterator[tuple[Node, Node]]:
        """The mapping's ``(key, value)`` node pairs, in order."""
        nodes = iter(self.value)
        return zip(nodes, nodes, strict=False)


def _mark(shown: str, mark: _Position | None, message: str) -> Problem:
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    return Problem(shown, line, col, "", message)


_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
#: The node class and tag each opening event makes.
_OPENERS: dict[type, tuple[type[Node], str]] = {
    yaml.MappingStartEvent: (MappingNode, "tag:yaml.org,2002:map"),
    yaml.SequenceStartEvent: (SequenceNode, "tag:yaml.org,2002:seq"),
}
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
#: Most problems one parse reports before it stops.
_MAX_PROBLEMS = 50


def _resolve_plain(tags: dict[str, tuple[str, str]], value: str) -> tuple[str, str]:
    """A plain scalar's text and tag, remembered in ``tags``: plain scalars repeat (keys, ids).

    The text remembered is the one every later scalar of the same text
    shares: one string for the 50,000 ``quote`` keys of a large deck.
    """
    known = tags[value] = (value, _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)))
    return known


def _anchor(shown: str, event: Any) -> Problem:
    return _mark(
        shown, event.start_mark, f"anchor &{event.anchor} is not allowed: write each value out in full"
    )


def _tag(shown: str, event: Any, tag: str) -> Problem:
    return _mark(
        shown, event.start_mark, f"YAML tag {tag} is not allowed: decks hold plain text, lists and mappings"
    )


def _refuse_collection(shown: str, event: Any, problems: list[Problem]) -> None:
    """Refuse a mapping's or list's anchor and explicit tag."""
    if event.anchor:
        problems.append(_anchor(shown, event))
    if event.tag and event.tag != "!":
        problems.append(_tag(shown, event, event.tag))


def _compose(text: str | bytes, shown: str, problems: list[Problem]) -> Node | None:
    """The node tree of ``text``'s one document (``None``: no document), refusals in ``problems``.

    Stops at the first problem that makes going on pointless (a second
    document, runaway nesting) or once it has found enough problems.
    """
    roots: list[Node] = []
    # Open collections: the node and its children (for a mapping, keys and
    # values alternate; they are paired when the mapping ends). The first
    # entry holds the document's root.
    stack: list[tuple[Any, list[Any]]] = [(None, roots)]
    plain_tags: dict[str, tuple[str, str]] = {}
    plain_tag = plain_tags.get
    scalar_event, alias_event, document_start = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
    scalar_node = ScalarNode
    openers, ends, max_problems = _OPENERS, _ENDS, _MAX_PROBLEMS
    documents = 0
    event: Any
    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)
        if kind is scalar_event:
            if event.anchor:
                problems.append(_anchor(shown, event))
            tag, value = event.tag, event.value
            if tag is None or tag == "!":
                if event.implicit[0]:
                    value, tag = plain_tag(value) or _resolve_plain(plain_tags, value)
                else:
                    tag = _STR
            elif not any(event.implicit):
                problems.append(_tag(shown, event, tag))
            mark = event.start_mark
            stack[-1][1].append(scalar_node(tag, value, mark.line, mark.column))
        elif kind in openers:
            if event.anchor or event.tag:
                _refuse_collection(shown, event, problems)
            mark = event.start_mark
            if len(stack) > MAX_DEPTH:
                problems.append(_mark(shown, mark, f"nesting deeper than {MAX_DEPTH} levels"))
                break
            node_class, node_tag = openers[kind]
            node = node_class(node_tag, [], mark.line, mark.column)
            stack[-1][1].append(node)
            stack.append((node, []))
        elif kind in ends:
            node, children = stack.pop()
            node.value = children
        elif kind is alias_event:
            message = f"alias *{event.anchor} is not allowed: write the value out in full"
            problems.append(_mark(shown, event.start_mark, message))
            continue  # the cap is checked after other events only: every alias in a row is listed
        elif kind is document_start:
            documents += 1
            if documents > 1:
                message = "more than one YAML document: a deck is a single document (remove the extra `---`)"
                problems.append(_mark(shown, event.start_mark, message))
                break
        if len(problems) >= max_problems:
            break
    return roots[0] if roots else None


def parse_nodes(text: str | bytes, shown: str) -> Node:
    """Compose ``text`` into a node tree, scanning every event for safety.

    One pass over libyaml's events both checks them (anchors, aliases,
    explicit tags, extra documents, nesting) and builds the nodes, which
    hold what ``yaml.compose`` would (same tags, values and start lines
    and columns; no styles and no end marks, which nothing reads). Letting
    ``yaml.compose`` parse the text a second time cost twice as long on a
    large deck: it calls back into Python for every node anyway. Its
    nodes, with their marks, took more than twice the memory of these
    (175 MiB against about 80 for a 10,000-slide deck).

    ``text`` may be the file's bytes, valid UTF-8 (see :func:`read_utf8`):
    the same events, lines and columns (in characters) as from the text.
    A file that does not parse is parsed again as text, so each message
    is worded as from the text (a reader error names a ``<unicode
    string>`` and counts characters, not bytes).

    Raises :class:`DeckError` (unusable) listing every anchor, alias and tag
    found, or the first syntax error.
    """
    problems: list[Problem] = []
    root = None
    if isinstance(text, bytes):
        try:
            root = _compose(text, shown, problems)
        except yaml.YAMLError:
            problems.clear()
            return parse_nodes(_decode(text), shown)
        return _checked(root, problems, shown)
    try:
        root = _compose(text, shown, problems)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "syntax error"
        if "maximum nesting depth" in reason:
            # libyaml scans ahead and stops at its own limit (1,000 levels)
            # before our check sees the event: the same answer either way.
            problems.append(_mark(shown, mark, f"nesting deeper than {MAX_DEPTH} levels"))
        else:
            problems.append(_mark(shown, mark, f"not valid YAML: {reason}"))
    except yaml.YAMLError as error:
        problems.append(Problem(shown, 1, 1, "", f"not valid YAML: {error}"))
    return _checked(root, problems, shown)


def _checked(root: Node | None, problems: list[Problem], shown: str) -> Node:
    if problems:
        raise DeckError(problems, unusable=True)
    if root is None:
        message = "the file is empty: a deck needs `briefing: 1`, a title, sources and slides"
        raise DeckError([Problem(shown, 1, 1, "", message)], unusable=True)
    return root
