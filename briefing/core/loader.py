"""Load a deck file into the model, reporting every problem in one run.

The loader walks the YAML node tree (see :mod:`briefing.core.yamlread`) rather
than plain Python data, so each problem points at the line and column
where it was written. It never stops at the first problem: a person fixing
a deck wants the whole list.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from briefing.core.gcpause import collector_paused
from briefing.core.kinds import ITEMS_KEY, KINDS, SLIDE_KINDS, ItemField, SlideKindSpec
from briefing.core.model import FORMAT_VERSION, Citation, Deck, Item, Location, Slide, Source
from briefing.core.paths import display_path, resolve_source_path
from briefing.core.problems import DeckError, Problem
from briefing.core.sourcetext import quoted_within
from briefing.core.tradecraft import CONFIDENCES, CREDIBILITIES, RELIABILITIES, SCALES, band_for, parse_grade
from briefing.core.yamlread import MappingNode, Node, ScalarNode, SequenceNode, parse_nodes, read_utf8

T = TypeVar("T")

_STR = "tag:yaml.org,2002:str"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_BOOL_WORDS = {"yes", "no", "on", "off", "true", "false", "y", "n"}

_DECK_KEYS = {
    "briefing", "title", "subtitle", "as_of", "authors", "sources", "slides", "scale", "strict", "min_grade"
}  # fmt: skip
_SOURCE_KEYS = {
    "id", "path", "title", "publisher", "date", "url", "sha256", "original",
    "reliability", "credibility", "retrieved",
}  # fmt: skip
_SLIDE_KEYS = {"kind", "title", "subtitle", "notes", "id", "reveal"}
_CITE_KEYS = {"quote", "source", "prefix", "suffix"}


class _ItemPlan(NamedTuple):
    """A kind's fields, grouped by when :meth:`_DeckBuilder.item` reads them."""

    required: tuple[ItemField, ...]
    chosen: tuple[ItemField, ...]
    citing: tuple[ItemField, ...]
    optional: tuple[ItemField, ...]


def _plan(spec: SlideKindSpec) -> _ItemPlan:
    fields = spec.fields
    return _ItemPlan(
        required=tuple(f for f in fields if f.required),
        chosen=tuple(f for f in fields if f.required and f.choices),
        citing=tuple(f for f in fields if f.cites),
        optional=tuple(f for f in fields if not f.required and not f.cites),
    )


_PLANS = {name: _plan(spec) for name, spec in KINDS.items()}


def _loc(node: Node) -> Location:
    return Location(node.line + 1, node.column + 1)


def _did_you_mean(word: str, choices: Collection[str]) -> str:
    import difflib  # only when something is misspelt

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _kind_of(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return {
        "tag:yaml.org,2002:bool": "a true/false value",
        "tag:yaml.org,2002:int": "a number",
        "tag:yaml.org,2002:float": "a number",
        "tag:yaml.org,2002:null": "nothing (null)",
        "tag:yaml.org,2002:timestamp": "a date",
    }.get(node.tag, "a value")


class _Walker:
    """Collects problems while turning nodes into model objects."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[Problem] = []

    def problem(self, node: Node, path: str, message: str) -> None:
        loc = _loc(node)
        self.problems.append(Problem(self.shown, loc.line, loc.col, path, message))

    def mapping(self, node: Node, path: str, allowed: Collection[str]) -> dict[str, Node] | None:
        """A mapping's values by key, after checking keys are known and unique."""
        if not isinstance(node, MappingNode):
            self.problem(node, path, f"expected a mapping (key: value lines), found {_kind_of(node)}")
            return None
        out: dict[str, Node] = {}
        for key_node, value_node in node.pairs():
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                self.problem(key_node, path, f"keys must be plain words, found {_kind_of(key_node)}")
                continue
            key = key_node.value
            where = f"{path}.{key}" if path else key
            if key in out:
                first = _loc(out[key])
                self.problem(
                    key_node,
                    where,
                    f"duplicate key `{key}` (first given at line "
                    f"{first.line}): YAML would silently keep only the last one",
                )
                continue
            if key not in allowed:
                self.problem(
                    key_node,
                    where,
                    f"unknown key `{key}`{_did_you_mean(key, allowed)}; "
                    f"allowed here: {', '.join(sorted(allowed))}",
                )
                continue
            out[key] = value_node
        return out

    def text(self, node: Node, path: str, empty_ok: bool = False) -> str | None:
        """A string field; other scalars get a hint to quote them."""
        if isinstance(node, ScalarNode) and node.tag == _STR:
            if not empty_ok and not node.value.strip():
                self.problem(node, path, "must not be empty")
                return None
            return node.value
        hint = ""
        if isinstance(node, ScalarNode):
            raw = node.value
            if raw.lower() in _BOOL_WORDS:
                hint = f': YAML reads a bare {raw} as true/false, so quote it: "{raw}"'
            elif node.tag == "tag:yaml.org,2002:null":
                hint = ": write some text, or remove the key"
            else:
                hint = f': YAML changes how such values read (e.g. 1.10 becomes 1.1), so quote it: "{raw}"'
        self.problem(node, path, f"expected text, found {_kind_of(node)}{hint}")
        return None

    def seq(self, node: Node, path: str, min_items: int = 0) -> list[Node] | None:
        """A list field's nodes."""
        if not isinstance(node, SequenceNode):
            self.problem(node, path, f"expected a list, found {_kind_of(node)}")
            return None
        if len(node.value) < min_items:
            self.problem(node, path, f"needs at least {min_items} entr{'y' if min_items == 1 else 'ies'}")
        return list(node.value)

    def texts(self, node: Node, path: str) -> tuple[str, ...]:
        """A list of strings."""
        nodes = self.seq(node, path) or []
        out = (self.text(n, f"{path}[{i}]") for i, n in enumerate(nodes))
        return tuple(t for t in out if t is not None)

    def boolean(self, node: Node, path: str) -> bool:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return node.value.lower() in ("true", "yes", "on", "y")
        self.problem(node, path, f"expected true or false, found {_kind_of(node)}")
        return False

    def required(
        self,
        fields: dict[str, Node],
        owner: Node,
        path: str,
        key: str,
        read: Callable[[Node, str], T | None],
    ) -> T | None:
        if key not in fields:
            self.problem(owner, path, f"missing required key `{key}`")
            return None
        return read(fields[key], f"{path}.{key}" if path else key)

    def optional_text(self, fields: dict[str, Node], path: str, key: str) -> str:
        if key not in fields:
            return ""
        return self.text(fields[key], f"{path}.{key}" if path else key, empty_ok=True) or ""


class _DeckBuilder(_Walker):
    """Builds a :class:`Deck` from the root node."""

    def __init__(self, shown: str, deck_path: Path) -> None:
        super().__init__(shown)
        self.deck_path = deck_path
        self.source_ids: list[str] = []
        self.items_by_id: dict[str, Item] = {}
        self.id_nodes: dict[str, Node] = {}
        self.rests_on: list[tuple[str, tuple[str, ...], Node]] = []
        self.scale = "icd203"
        self.partial: Deck | None = None

    def build(self, root: Node) -> Deck | None:
        fields = self.mapping(root, "", _DECK_KEYS)
        if fields is None:
            return None
        version_node = fields.get("briefing")
        if version_node is None:
            self.problem(
                root,
                "",
                f"missing required key `briefing` (the format version: "
                f"add `briefing: {FORMAT_VERSION}` at the top)",
            )
        elif not (
            isinstance(version_node, ScalarNode)
            and version_node.tag == "tag:yaml.org,2002:int"
            and version_node.value == str(FORMAT_VERSION)
        ):
            self.problem(
                version_node,
                "briefing",
                f"unsupported format version "
                f"`{version_node.value if isinstance(version_node, ScalarNode) else '?'}`: "
                f"this briefing reads version {FORMAT_VERSION}",
            )
        title = self.required(fields, root, "", "title", self.text)
        subtitle = self.optional_text(fields, "", "subtitle")
        as_of = self.optional_text(fields, "", "as_of")
        authors = self.texts(fields["authors"], "authors") if "authors" in fields else ()
        self.scale = self.choice(fields, "", "scale", tuple(SCALES)) or "icd203"
        strict = self.boolean(fields["strict"], "strict") if "strict" in fields else False
        min_grade = self.optional_text(fields, "", "min_grade").strip().upper()
        if min_grade and parse_grade(min_grade) is None:
            self.problem(
                fields["min_grade"],
                "min_grade",
                "expected an Admiralty grade: a letter A–F (reliability) and a digit 1–6 "
                "(credibility), e.g. `min_grade: C3`",
            )
        sources = self.required(fields, root, "", "sources", self.sources) or ()
        slides = self.required(fields, root, "", "slides", self.slides) or ()
        self.check_rests_on()
        if self.problems:
            self.partial = self.partial_deck(title or "", subtitle, sources or (), slides)
            return None
        return Deck(
            title=title or "",
            subtitle=subtitle,
            as_of=as_of,
            authors=authors,
            sources=tuple(sources),
            slides=tuple(slides),
            path=self.deck_path,
            scale=self.scale,
            strict=strict,
            min_grade=min_grade,
            items_by_id=self.items_by_id,
        )

    def partial_deck(
        self, title: str, subtitle: str, sources: list[Source] | tuple[()], slides: list[Slide] | tuple[()]
    ) -> Deck | None:
        """The slides no problem points into, as a deck to view beside the problems (``None``: none)."""
        bad = {p.path.split(".", 1)[0] for p in self.problems if p.path.startswith("slides[")}
        # A source with a problem is left out: so are the slides citing it.
        known = {s.id for s in sources}
        good = tuple(
            slide
            for slide in slides
            if slide.path not in bad and all(c.source_id in known for c in slide.citations)
        )
        if not good:
            return None
        return Deck(
            title=title or self.deck_path.name,
            subtitle=subtitle,
            sources=tuple(sources),
            slides=good,
            path=self.deck_path,
            items_by_id={i.id: i for s in good for i in s.items if i.id},
        )

    def sources(self, node: Node, path: str) -> list[Source] | None:
        nodes = self.seq(node, path, min_items=1)
        if nodes is None:
            return None
        out = []
        for i, source_node in enumerate(nodes):
            where = f"{path}[{i}]"
            fields = self.mapping(source_node, where, _SOURCE_KEYS)
            if fields is None:
                continue
            source_id = self.required(fields, source_node, where, "id", self.text)
            if source_id is not None and not _ID.match(source_id):
                self.problem(fields["id"], f"{where}.id", "ids use letters, digits, `-`, `_` and `.`")
            elif source_id is not None and source_id in self.source_ids:
                self.problem(fields["id"], f"{where}.id", f"duplicate source id `{source_id}`")
            written = self.required(fields, source_node, where, "path", self.text)
            resolved = None
            if written is not None:
                resolved, reason = resolve_source_path(self.deck_path, written)
                if resolved is None:
                    self.problem(fields["path"], f"{where}.path", reason)
            sha = self.optional_text(fields, where, "sha256").strip().lower()
            if sha and not re.fullmatch(r"[0-9a-f]{64}", sha):
                self.problem(
                    fields["sha256"],
                    f"{where}.sha256",
                    "expected 64 hexadecimal digits (the output of `sha256sum FILE`)",
                )
            if source_id is None or written is None:
                continue
            self.source_ids.append(source_id)
            out.append(
                Source(
                    id=source_id,
                    path=written,
                    resolved=resolved,
                    title=self.optional_text(fields, where, "title"),
                    publisher=self.optional_text(fields, where, "publisher"),
                    date=self.optional_text(fields, where, "date"),
                    url=self.optional_text(fields, where, "url"),
                    original=self.optional_text(fields, where, "original"),
                    sha256=sha,
                    reliability=self.choice(fields, where, "reliability", RELIABILITIES),
                    credibility=self.choice(fields, where, "credibility", CREDIBILITIES),
                    retrieved=self.optional_text(fields, where, "retrieved"),
                    location=_loc(fields["path"]),
                )
            )
        return out

    def slides(self, node: Node, path: str) -> list[Slide] | None:
        nodes = self.seq(node, path, min_items=1)
        if nodes is None:
            return None
        out = []
        for i, slide_node in enumerate(nodes):
            slide = self.slide(slide_node, f"{path}[{i}]")
            if slide is not None:
                out.append(slide)
            # Let each slide's nodes go once it is built, so the model does
            # not grow on top of the whole node tree (peak memory: a large
            # deck's tree is three times the size of its model). The list is
            # typed for what it holds while it is read, hence the ignore.
            nodes[i] = node.value[i] = None  # type: ignore[call-overload]
        return out

    def slide(self, node: Node, path: str) -> Slide | None:
        if not isinstance(node, MappingNode):
            self.problem(
                node, path, f"expected a slide (a mapping with `kind` and `title`), found {_kind_of(node)}"
            )
            return None
        kind_node = next(
            (v for k, v in node.pairs() if isinstance(k, ScalarNode) and k.value == "kind"), None
        )
        kind = self.text(kind_node, f"{path}.kind") if kind_node is not None else None
        if kind_node is None:
            self.problem(node, path, f"missing required key `kind` (one of: {', '.join(SLIDE_KINDS)})")
        elif kind is not None and kind not in SLIDE_KINDS:
            self.problem(
                kind_node,
                f"{path}.kind",
                f"unknown slide kind `{kind}`"
                f"{_did_you_mean(kind, SLIDE_KINDS)}; one of: {', '.join(SLIDE_KINDS)}",
            )
            kind = None
        items_key = ITEMS_KEY.get(kind or "", "")
        allowed = _SLIDE_KEYS | ({items_key} if items_key else set(ITEMS_KEY.values()))
        fields = self.mapping(node, path, allowed)
        if fields is None or kind is None:
            return None
        title = self.required(fields, node, path, "title", self.text)
        items: list[Item] = []
        if items_key in fields:
            items = self.items(fields[items_key], f"{path}.{items_key}", KINDS[kind])
        elif KINDS[kind].min_items:
            self.problem(node, path, f"missing required key `{items_key}` (the slide's items)")
        slide_id = self.optional_text(fields, path, "id")
        return Slide(
            kind=kind,
            title=title or "",
            items=tuple(items),
            subtitle=self.optional_text(fields, path, "subtitle"),
            notes=self.optional_text(fields, path, "notes"),
            id=slide_id,
            path=path,
            location=_loc(node),
            reveal=self.boolean(fields["reveal"], f"{path}.reveal") if "reveal" in fields else False,
        )

    def items(self, node: Node, path: str, spec: SlideKindSpec) -> list[Item]:
        nodes = self.seq(node, path, min_items=spec.min_items) or []
        out = []
        for i, item_node in enumerate(nodes):
            item = self.item(item_node, f"{path}[{i}]", spec)
            if item is not None:
                out.append(item)
        return out

    def item(self, node: Node, path: str, spec: SlideKindSpec) -> Item | None:
        """One item of a slide of kind ``spec``, built from the registry's fields."""
        fields = self.mapping(node, path, spec.keys)
        if fields is None:
            return None
        item_id = self.optional_text(fields, path, "id")
        if item_id and not _ID.match(item_id):
            self.problem(fields["id"], f"{path}.id", "ids use letters, digits, `-`, `_` and `.`")
        judgement = self.boolean(fields["judgement"], f"{path}.judgement") if "judgement" in fields else False
        rests_on = self.texts(fields["rests_on"], f"{path}.rests_on") if "rests_on" in fields else ()
        draft = self.boolean(fields["draft"], f"{path}.draft") if "draft" in fields else False
        citations = self.citations(fields["cite"], f"{path}.cite") if "cite" in fields else []
        values = self.own_fields(_PLANS[spec.name], fields, node, path, citations)
        self.check_backing(fields, node, path, judgement, rests_on, citations, spec.backed)
        confidence = self.choice(fields, path, "confidence", CONFIDENCES)
        likelihood = self.likelihood(fields, path)
        if values is None:
            return None
        # Built once its citations are known, so a frozen item is never copied to add them.
        item = spec.item_class(
            **values,
            path=path,
            location=_loc(node),
            id=item_id,
            citations=tuple(citations),
            judgement=judgement,
            rests_on=rests_on,
            draft=draft,
            confidence=confidence,
            likelihood=likelihood,
        )
        if item_id:
            self.name_item(item, fields["id"], path)
        if rests_on:
            self.rests_on.append((path, rests_on, fields["rests_on"]))
        return item

    def own_fields(
        self,
        plan: _ItemPlan,
        fields: dict[str, Node],
        node: Node,
        path: str,
        citations: list[Citation],
    ) -> dict[str, Any] | None:
        """The item's own fields by attribute; ``None`` if a required one is missing or wrong.

        The words a citing field shows are checked as a citation (see
        :meth:`displayed_quote`). Optional fields are read only for an item
        that will be built.
        """
        values: dict[str, Any] = {}
        for f in plan.required:
            values[f.attr] = self.required(fields, node, path, f.key, self.text)
        for f in plan.chosen:
            value = values[f.attr]
            if value is not None and value not in f.choices:
                self.problem(
                    fields[f.key],
                    f"{path}.{f.key}",
                    f"unknown {f.key} `{value}`"
                    f"{_did_you_mean(value, f.choices)}; one of: {', '.join(f.choices)}",
                )
                values[f.attr] = None
        for f in plan.citing:
            quote = values[f.attr] if f.required else self.optional_text(fields, path, f.key)
            values[f.attr] = quote
            if quote and quote.strip():
                self.displayed_quote(fields[f.key], quote, f"{path}.{f.key}", citations)
        if None in values.values():
            return None
        for f in plan.optional:
            values[f.attr] = self.optional_text(fields, path, f.key)
        return values

    def check_backing(
        self,
        fields: dict[str, Node],
        node: Node,
        path: str,
        judgement: bool,
        rests_on: tuple[str, ...],
        citations: list[Citation],
        backed: bool = True,
    ) -> None:
        """Every item is cited, or a judgement saying what it rests on (unless its kind is not ``backed``)."""
        if judgement and not rests_on:
            self.problem(
                fields["judgement"],
                f"{path}.rests_on",
                "a judgement must name the items it rests on: add `rests_on: [item-id, ...]`",
            )
        if rests_on and not judgement:
            self.problem(
                fields["rests_on"],
                f"{path}.rests_on",
                "`rests_on` is for judgements: add `judgement: true`, or cite the source instead",
            )
        if backed and not citations and not judgement:
            self.problem(
                node,
                path,
                "every item needs a source: add `cite:` with the exact words "
                "that back it, or mark it `judgement: true` with `rests_on`",
            )

    def choice(self, fields: dict[str, Node], path: str, key: str, choices: tuple[str, ...]) -> str:
        """An optional key whose value must be one of ``choices`` (empty when absent or wrong)."""
        if key not in fields:
            return ""
        where = f"{path}.{key}" if path else key
        node = fields[key]
        raw = node.value if isinstance(node, ScalarNode) else None
        value = raw if isinstance(raw, str) else None
        if value is None or value not in choices:
            shown = value if value is not None else _kind_of(node)
            self.problem(
                node,
                where,
                f"unknown {key} `{shown}`{_did_you_mean(str(shown), choices)}; one of: {', '.join(choices)}",
            )
            return ""
        return value

    def likelihood(self, fields: dict[str, Node], path: str) -> str:
        """An item's ``likelihood:``, a band of the deck's scale, given by its name."""
        if "likelihood" not in fields:
            return ""
        node, where = fields["likelihood"], f"{path}.likelihood"
        value = self.text(node, where)
        if value is None:
            return ""
        band = band_for(self.scale, value)
        if band is None:
            names = [b.name for b in SCALES[self.scale]]
            self.problem(
                node,
                where,
                f"`{value}` is not on the deck's likelihood scale ({self.scale})"
                f"{_did_you_mean(value, names)}; "
                f"one of: {', '.join(names)} (or set `scale:` to the other scale)",
            )
            return ""
        return band.name

    def name_item(self, item: Item, id_node: Node, path: str) -> None:
        """Record ``item`` under its id, unless an earlier item took it."""
        if item.id in self.items_by_id:
            first = _loc(self.id_nodes[item.id])
            self.problem(
                id_node, f"{path}.id", f"duplicate item id `{item.id}` (first used at line {first.line})"
            )
        else:
            self.items_by_id[item.id] = item
            self.id_nodes[item.id] = id_node

    def default_source(self, node: Node, path: str) -> str:
        if len(self.source_ids) == 1:
            return self.source_ids[0]
        if self.source_ids:
            self.problem(
                node,
                path,
                "the deck has several sources: say which with "
                f"`source:` (one of: {', '.join(self.source_ids)})",
            )
        return ""

    def displayed_quote(self, node: Node, quote: str, path: str, citations: list[Citation]) -> None:
        """Add to ``citations`` what checks the words the item shows in quotation marks.

        Alone, the shown words are the item's citation. Beside `cite:`, they
        are verified as they stand: by a cite whose passage holds them as
        whole words (its verification covers them), else by one more
        citation against the first cite's source.
        """
        if not citations:
            citations.append(self.citation_from(node, quote, path))
        elif not any(quoted_within(quote, c.quote) for c in citations):
            citations.append(
                Citation(source_id=citations[0].source_id, quote=quote, path=path, location=_loc(node))
            )

    def citation_from(self, node: Node, quote: str, path: str) -> Citation:
        return Citation(
            source_id=self.default_source(node, path), quote=quote, path=path, location=_loc(node)
        )

    def citations(self, node: Node, path: str) -> list[Citation]:
        nodes = self.seq(node, path, min_items=1) or []
        out = []
        for i, cite_node in enumerate(nodes):
            where = f"{path}[{i}]"
            if isinstance(cite_node, ScalarNode):
                quote = self.text(cite_node, where)
                if quote is not None:
                    out.append(self.citation_from(cite_node, quote, where))
                continue
            fields = self.mapping(cite_node, where, _CITE_KEYS)
            if fields is None:
                continue
            quote = self.required(fields, cite_node, where, "quote", self.text)
            if "source" in fields:
                source_id = self.text(fields["source"], f"{where}.source") or ""
                if source_id and source_id not in self.source_ids:
                    self.problem(
                        fields["source"],
                        f"{where}.source",
                        f"unknown source `{source_id}`"
                        f"{_did_you_mean(source_id, self.source_ids)}; the deck's sources: "
                        f"{', '.join(self.source_ids) or 'none'}",
                    )
            else:
                source_id = self.default_source(cite_node, where)
            if quote is not None:
                out.append(
                    Citation(
                        source_id=source_id,
                        quote=quote,
                        prefix=self.optional_text(fields, where, "prefix"),
                        suffix=self.optional_text(fields, where, "suffix"),
                        path=where,
                        location=_loc(fields["quote"]),
                    )
                )
        return out

    def check_rests_on(self) -> None:
        for path, ids, node in self.rests_on:
            for i, item_id in enumerate(ids):
                if item_id not in self.items_by_id:
                    target = node.value[i] if isinstance(node, SequenceNode) else node
                    self.problem(
                        target,
                        f"{path}.rests_on[{i}]",
                        f"no item has the id `{item_id}`{_did_you_mean(item_id, list(self.items_by_id))}",
                    )


def load_deck(path: Path | str, data: bytes | None = None) -> Deck:
    """Load and validate a deck file.

    ``data``, when given, is the file's bytes, already read (by the deck
    cache, which hashes them): the deck is loaded from exactly these bytes.

    Raises:
        DeckError: with every problem found; ``unusable`` is set when the
            file could not be read or parsed at all.
    """
    with collector_paused():  # the tree and the model are acyclic (see gcpause)
        return _load(Path(path), data)


def _load(path: Path, data: bytes | None = None) -> Deck:
    shown = display_path(path)
    root = parse_nodes(read_utf8(path, shown, data=data), shown)
    if not isinstance(root, MappingNode):
        line, col = root.line + 1, root.column + 1
        raise DeckError(
            [
                Problem(
                    shown,
                    line,
                    col,
                    "",
                    f"a deck is a mapping (title:, sources:, "
                    f"slides: ...), but this file holds {_kind_of(root)}",
                )
            ],
            unusable=True,
        )
    builder = _DeckBuilder(shown, Path(os.path.abspath(path)))
    deck = builder.build(root)
    if deck is None:
        if not builder.problems:  # pragma: no cover - build() always says why
            builder.problems.append(Problem(shown, 1, 1, "", "not a deck"))
        problems = sorted(builder.problems, key=lambda p: (p.line, p.col))
        raise DeckError(problems, partial=builder.partial)
    return deck
