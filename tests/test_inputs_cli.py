"""The commands answer every environment with output or a clear error, never a traceback.

Standard output that cannot take UTF-8, that is full or closed; a cache
folder that cannot be read; and text that a terminal would obey (escape
sequences in a file name, C1 controls, bidi overrides) shown by ``check``,
written by ``check --json`` and by ``export``.
"""

from __future__ import annotations

import errno
import io
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli.main import main
from tests.deckfiles import ARTICLE, HEADER, make_project, points_slide

#: What a terminal obeys or reorders: ESC, BEL, 8-bit CSI, bidi controls.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HOSTILE_CHARS = "\x1b\x07\x9b" + BIDI


def briefing(
    *args: str, env: dict[str, str] | None = None, stdout: object = subprocess.PIPE, fsize: int | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m briefing ARGS`` in a child; ``fsize`` caps the size of files it writes."""

    def limits() -> None:
        if fsize is not None:  # a write past it fails with EFBIG, as on a full disk
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
        preexec_fn=limits,
    )


def big_deck(root: Path) -> Path:
    """A deck whose report and export are far larger than a pipe's or a page's buffer."""
    missing = [f"not in the source, number {n} €" for n in range(100)]
    return make_project(root, points_slide(*["nearly 30 nations"] * 300, *missing))


# -- standard output --------------------------------------------------------


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_check_into_dev_full_fails_loudly(tmp_path: Path, json_flag: list[str]) -> None:
    deck = big_deck(tmp_path)
    with open("/dev/full", "w") as full:
        run = briefing("check", *json_flag, str(deck), stdout=full)
    assert run.returncode == 2
    assert "briefing check: cannot write to standard output: No space left on device" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    "args", [["export", "{deck}", "-o", "-"], ["check", "--json", "{deck}"], ["check", "{deck}"]]
)
def test_output_cut_short_by_a_full_disk_is_an_error_not_a_truncated_file(
    tmp_path: Path, args: list[str]
) -> None:
    """Python's buffered stdout reports a short write as success; briefing must not."""
    deck = big_deck(tmp_path)
    out = tmp_path / "out"
    with out.open("w") as handle:
        run = briefing(*(a.format(deck=deck) for a in args), stdout=handle, fsize=4096)
    assert out.stat().st_size <= 4096  # the disk took this much
    assert run.returncode == 2, run.stderr
    assert f"briefing {args[0]}: cannot write to standard output: File too large" in run.stderr
    assert "Traceback" not in run.stderr


def test_closed_stdout_is_an_error(tmp_path: Path) -> None:
    deck = make_project(tmp_path, points_slide("nearly 30 nations"))
    for args in (["check", str(deck)], ["check", "--json", str(deck)], ["export", str(deck), "-o", "-"]):
        run = subprocess.run(
            [sys.executable, "-m", "briefing", *args],
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
            preexec_fn=lambda: os.close(1),
        )
        assert run.returncode == 2, (args, run.stderr)
        assert "cannot write to standard output: standard output is closed" in run.stderr
        assert "Traceback" not in run.stderr


def test_closed_stdin_is_no_trouble_for_the_commands(tmp_path: Path) -> None:
    deck = make_project(tmp_path, points_slide("nearly 30 nations"))
    for args in (["check", str(deck)], ["export", str(deck), "-o", "-"]):
        run = subprocess.run(
            [sys.executable, "-m", "briefing", *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            preexec_fn=lambda: os.close(0),
        )
        assert run.returncode == 0, run.stderr
        assert run.stdout and run.stderr == ""


def test_ascii_stdout_gets_the_same_json_and_readable_lines(tmp_path: Path) -> None:
    # é and 😀 have no \uXXXX-shaped backslash escape: only real JSON escaping keeps them.
    deck = make_project(tmp_path, points_slide("€2 billion", "“not” there at all €", "café 😀"))
    utf8 = briefing("check", "--json", str(deck), env={"PYTHONIOENCODING": "utf-8"})
    ascii_run = briefing("check", "--json", str(deck), env={"PYTHONIOENCODING": "ascii"})
    assert ascii_run.returncode == utf8.returncode == 1, ascii_run.stderr
    assert ascii_run.stdout.isascii()
    assert json.loads(ascii_run.stdout) == json.loads(utf8.stdout)
    plain = briefing("check", str(deck), env={"PYTHONIOENCODING": "ascii"})
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    assert (
        "quote not found in source `article`: \\u201c\\u201cnot\\u201d there at all \\u20ac" in plain.stdout
    )
    assert "1/3 citations verified" in plain.stdout


# -- the cache folder -------------------------------------------------------


def _deny(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make every file call under ``folder`` fail as a folder without permission does."""

    def inside(path: object) -> bool:
        try:
            return os.path.abspath(os.fsdecode(path)).startswith(str(folder))  # type: ignore[arg-type]
        except TypeError:  # a file descriptor
            return False

    def denying(real):  # type: ignore[no-untyped-def]
        def call(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if inside(path):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
            return real(path, *args, **kwargs)

        return call

    for name in ("stat", "lstat", "open", "mkdir", "scandir", "listdir", "replace", "unlink"):
        monkeypatch.setattr(os, name, denying(getattr(os, name)))
    monkeypatch.setattr(io, "open", denying(io.open))


def test_an_unreadable_cache_folder_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = make_project(tmp_path / "p", points_slide("nearly 30 nations", "not in it"))
    cache = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))
    assert main(["check", str(deck)]) == 1  # fills the cache
    expected = capsys.readouterr().out.split(" problem(s)")[0]
    with monkeypatch.context() as patch:
        _deny(patch, cache)
        assert main(["check", str(deck)]) == 1
        assert main(["export", str(deck), "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.split(" problem(s)")[0] == expected
    assert "Traceback" not in captured.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder: the simulation above covers it")
def test_an_unreadable_cache_folder_for_real(tmp_path: Path) -> None:  # pragma: no cover - not as root
    deck = make_project(tmp_path / "p", points_slide("nearly 30 nations"))
    cache = tmp_path / "cache"
    assert briefing("check", str(deck), env={"BRIEFING_CACHE_DIR": str(cache)}).returncode == 0
    cache.chmod(0)
    try:
        run = briefing("check", str(deck), env={"BRIEFING_CACHE_DIR": str(cache)})
    finally:
        cache.chmod(0o700)
    assert run.returncode == 0 and "Traceback" not in run.stderr


# -- text is data -----------------------------------------------------------


def test_escape_sequences_in_a_deck_file_name_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "deck\x1b]0;pwned\x07\x1b[2J\x9b31m.yaml"
    good = make_project(tmp_path, points_slide("nearly 30 nations", "not there"), name=name)
    assert main(["check", str(good)]) == 1
    bad = good.with_name("bad\x1b[2J.yaml")
    bad.write_text("a: [\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    assert main(["export", str(bad), "-o", "-"]) == 2
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "decks/deck.yaml: 1 slides, 2 items, 1/2 citations verified" in output  # the name, cleaned
    assert "decks/bad.yaml: 1 problem(s); the deck cannot be used" in output
    assert not set(output) & set(HOSTILE_CHARS)


DECK_WITH_CONTROLS = (
    HEADER.replace("title: Test deck", 'title: "Deck \\u202eevil\\u202c \\x9b31m"')
    + """  - kind: points
    title: "Points \\u2066x\\u2069"
    points:
      - text: "a \\u202epoint\\u202c"
        cite: ["Evil \\u202etxt.exe\\u202c"]
      - text: "\\x9b31m red"
        cite: ["\\x9b31m red here"]
      - text: a point
        cite: ["missing \\u202e \\x9b2J"]
"""
)
ARTICLE_WITH_CONTROLS = ARTICLE + "Evil \u202etxt.exe\u202c and \x9b31m red here.\n"


def controls_project(root: Path) -> Path:
    return make_project(root, "", article=ARTICLE_WITH_CONTROLS, header=DECK_WITH_CONTROLS)


def test_check_shows_no_control_or_bidi_character(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = controls_project(tmp_path)
    assert main(["check", str(deck)]) == 1
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "2/3 citations verified" in output and "quote not found" in output
    assert not set(output) & set(HOSTILE_CHARS)


def test_check_json_escapes_c1_and_bidi_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = controls_project(tmp_path)
    assert main(["check", "--json", str(deck)]) == 1
    out = capsys.readouterr().out
    assert not set(out) & set(HOSTILE_CHARS)
    assert "\\u009b31m red here" in out and "Evil \\u202etxt.exe\\u202c" in out
    document = json.loads(out)  # the escapes decode to the deck's own text
    quotes = [c["quote"] for c in document["decks"][0]["citations"]]
    assert quotes == ["Evil \u202etxt.exe\u202c", "\x9b31m red here", "missing \u202e \x9b2J"]


def test_export_writes_no_control_or_bidi_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = controls_project(tmp_path)
    assert main(["export", str(deck), "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert "Evil txt\\.exe" in out and "evil" in out  # the dot escaped: no autolink
    assert not set(out) & set(HOSTILE_CHARS)
    target = tmp_path / "out.md"
    assert main(["export", str(deck), "-o", str(target)]) == 0
    assert not set(target.read_text(encoding="utf-8")) & set(HOSTILE_CHARS)
