"""The command that opens the reader's editor at one line of a file.

``$VISUAL`` (else ``$EDITOR``) is a command line, parsed as a shell would
(``code -w``, ``emacs -nw``). Each editor says "go to line N" its own way:
``+N FILE`` (vi, vim, nvim, nano, emacs, kak, micro), ``FILE:N`` (helix),
``-g FILE:N`` (VS Code), ``FILE:N`` (Sublime Text). An editor not known here
gets the file alone: better the right file at its top than a wrong argument.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import PurePath

#: Editors that take ``+LINE FILE``.
PLUS_LINE = {"vi", "vim", "nvim", "gvim", "view", "nano", "emacs", "emacsclient", "kak", "micro", "mg", "jed"}
#: Editors that take ``FILE:LINE``.
COLON_LINE = {"hx", "helix", "subl", "sublime_text"}
#: Editors that take ``-g FILE:LINE`` (and ``-w`` to wait until the file is closed).
GOTO_FLAG = {"code", "code-insiders", "codium", "cursor"}


def editor_command(environ: Mapping[str, str] | None = None) -> str:
    """``$VISUAL``, else ``$EDITOR``, else ``vi`` (what a Unix system always has)."""
    environ = os.environ if environ is None else environ
    return (environ.get("VISUAL") or "").strip() or (environ.get("EDITOR") or "").strip() or "vi"


def editor_argv(command: str, path: str | PurePath, line: int) -> list[str]:
    """The argv that opens ``path`` at ``line`` (1-based) with the editor ``command``.

    Raises:
        ValueError: ``command`` is empty or not a valid shell-style command line.
    """
    words = shlex.split(command)
    if not words:
        raise ValueError("no editor command")
    name = PurePath(words[0]).name.lower().removesuffix(".exe")
    file, line = str(path), max(1, line)
    if name in PLUS_LINE:
        return [*words, f"+{line}", file]
    if name in COLON_LINE:
        return [*words, f"{file}:{line}"]
    if name in GOTO_FLAG:
        wait = [] if {"-w", "--wait"} & set(words[1:]) else ["-w"]
        return [*words, *wait, "-g", f"{file}:{line}"]
    return [*words, file]
