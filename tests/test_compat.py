"""Textual's private API that briefing relies on is still there, and only used in one place.

:mod:`briefing.widgets.compat` wraps three private Textual names. A Textual
upgrade that renames one, changes its parameters or stops calling the
layout hook fails here, by name, instead of as a wrong first frame.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from textual.app import App, ComposeResult
from textual.dom import DOMNode
from textual.geometry import Size
from textual.message_pump import MessagePump
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from briefing.widgets import compat
from briefing.widgets.compat import LayoutScrollView, attach

PACKAGE = Path(compat.__file__).parent.parent

#: The private names compat.py uses: (Textual class, name, parameters as
#: (name, default) pairs after ``self``).
RELIED_ON = [
    (
        ScrollView,
        "_size_updated",
        [("size", None), ("virtual_size", None), ("container_size", None), ("layout", True)],
    ),
    (Widget, "_scroll_update", [("virtual_size", None)]),
    (MessagePump, "_attach", [("parent", None)]),
]


def _parameters(function: object) -> list[tuple[str, object]]:
    """A function's parameters after ``self``: (name, default or None); all positional-or-keyword."""
    params = list(inspect.signature(function).parameters.values())  # type: ignore[arg-type]
    assert params[0].name == "self"
    out = []
    for param in params[1:]:
        assert param.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD, param
        out.append((param.name, None if param.default is inspect.Parameter.empty else param.default))
    return out


def test_textual_still_has_the_private_names_with_the_signatures_compat_uses() -> None:
    for owner, name, expected in RELIED_ON:
        function = getattr(owner, name, None)
        assert function is not None, (
            f"Textual no longer has {owner.__name__}.{name}: update briefing/widgets/compat.py"
        )
        assert _parameters(function) == expected, f"{owner.__name__}.{name} changed its parameters"
    # The classes compat works on inherit them as compat expects.
    assert DOMNode._attach is MessagePump._attach
    assert ScrollView._scroll_update is Widget._scroll_update


def test_compat_overrides_the_layout_hook_with_textuals_own_signature() -> None:
    assert "_size_updated" in vars(LayoutScrollView)
    assert _parameters(LayoutScrollView._size_updated) == _parameters(ScrollView._size_updated)
    assert inspect.signature(ScrollView._size_updated).return_annotation in (bool, "bool")


class _Probe(LayoutScrollView):
    """Logs the hooks and the first paint, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.log_: list[tuple[str, object]] = []

    def before_layout_size(self, size: Size) -> None:
        self.log_.append(("before", (size, self.container_size)))

    def after_layout_size(self) -> None:
        self.log_.append(("after", self.container_size))

    def render_line(self, y: int) -> Strip:
        if not any(entry[0] == "paint" for entry in self.log_):
            self.log_.append(("paint", y))
        return Strip.blank(self.size.width)


class _ProbeApp(App[None]):
    CSS = """
    _Probe { width: 1fr; height: 1fr; overflow-y: scroll; }
    Screen > .probe { color: #ff0000; }
    """

    def compose(self) -> ComposeResult:
        yield _Probe()


async def test_the_layout_hooks_run_with_the_new_size_before_the_first_paint() -> None:
    app = _ProbeApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        probe = app.query_one(_Probe)
        kinds = [kind for kind, _ in probe.log_]
        assert kinds[:3] == ["before", "after", "paint"], probe.log_
        # Told the new size while the old one still holds, then after Textual applied it.
        assert probe.log_[0] == ("before", (Size(40, 12), Size(0, 0)))
        assert probe.log_[1] == ("after", Size(40, 12))


async def test_update_scrollbars_shows_a_new_virtual_size_without_a_layout_pass() -> None:
    app = _ProbeApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        probe = app.query_one(_Probe)
        tall = Size(39, 100)
        probe.set_reactive(ScrollView.virtual_size, tall)  # no layout is scheduled
        assert probe.vertical_scrollbar.window_virtual_size != 100
        probe.update_scrollbars(tall)
        assert probe.vertical_scrollbar.window_virtual_size == 100


async def test_attach_styles_an_unmounted_node_as_a_child_of_its_parent() -> None:
    app = _ProbeApp()
    async with app.run_test(size=(40, 12)):
        node = DOMNode(classes="probe")
        attach(node, app.screen)
        assert node.parent is app.screen
        app.stylesheet.apply(node, animate=False)
        assert node.rich_style.color is not None
        assert node.rich_style.color.triplet == (255, 0, 0)  # matched `Screen > .probe`
        assert node not in app.screen.children  # styled, not mounted


def _textual_private_names() -> set[str]:
    """Underscore names Textual's node classes define or set on ``self``."""
    names: set[str] = set()
    for cls in (MessagePump, DOMNode, Widget, ScrollView):
        names |= {n for n in vars(cls) if n.startswith("_") and not n.startswith("__")}
        tree = ast.parse(inspect.getsource(inspect.getmodule(cls)))  # type: ignore[arg-type]
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "self"
            ):
                if node.attr.startswith("_") and not node.attr.startswith("__"):
                    names.add(node.attr)
    return names


def test_only_compat_uses_textuals_private_names() -> None:
    """Elsewhere, a name like ``_size_updated`` or ``._attach`` belongs in compat.py."""
    private = _textual_private_names()
    assert {"_size_updated", "_scroll_update", "_attach"} <= private
    uses = []
    # Only these folders import Textual (see the import contracts in pyproject.toml).
    paths = [
        path for folder in ("ui", "screens", "widgets") for path in sorted((PACKAGE / folder).glob("*.py"))
    ]
    assert len(paths) > 10
    for path in paths:
        if path == Path(compat.__file__):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.FunctionDef) and node.name in private:
                uses.append(f"{where}: def {node.name}")
            elif isinstance(node, ast.Attribute) and node.attr in private:
                # Setting one of Textual's own attributes is as private as reading it.
                uses.append(f"{where}: .{node.attr}")
    assert uses == [], "Textual private API outside briefing/widgets/compat.py:\n" + "\n".join(uses)


def test_compat_is_a_leaf_that_imports_only_textual() -> None:
    """The widgets may import compat (pyproject's one layer exception) because it imports nothing of ours."""
    tree = ast.parse(Path(compat.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 0
    } | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert imported, "no imports found"
    assert all(name == "__future__" or name.split(".")[0] == "textual" for name in imported), imported
