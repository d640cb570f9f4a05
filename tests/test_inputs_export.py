"""An export never destroys what it was made from, nor anything but a regular file.

``--force`` replaces a regular file only (never a device, a FIFO or a
symlink); the deck and its sources are never replaced, ``--force`` or not,
by the command or by the viewer's ``e``; and the temporary file of an
export killed midway is removed by a later export to the same name.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from briefing.cli.main import main
from briefing.output.atomic import write_atomic
from tests.deckfiles import ARTICLE, make_project, points_slide


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    return make_project(tmp_path, points_slide("nearly 30 nations"))


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_never_overwrites_the_deck(deck: Path, force: list[str], capsys: Any) -> None:
    before = deck.read_bytes()
    assert main(["export", str(deck), "-o", str(deck), *force]) == 2
    assert deck.read_bytes() == before
    err = capsys.readouterr().err
    assert "refusing to overwrite" in err and "it is the deck or one of its sources" in err
    assert "pass --force" not in err


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_never_overwrites_a_source(deck: Path, force: list[str]) -> None:
    source = deck.parent.parent / "seeds" / "article.txt"
    assert main(["export", str(deck), "-o", str(source), *force]) == 2
    assert source.read_text(encoding="utf-8") == ARTICLE


def test_another_name_for_the_deck_is_still_the_deck(deck: Path, tmp_path: Path) -> None:
    before = deck.read_bytes()
    hard = tmp_path / "hard.md"
    os.link(deck, hard)
    soft = tmp_path / "soft.md"
    soft.symlink_to(deck)
    for target in (hard, soft, deck.parent / ".." / "decks" / deck.name):
        assert main(["export", str(deck), "-o", str(target), "--force"]) == 2
    assert deck.read_bytes() == before and hard.read_bytes() == before and soft.is_symlink()


def test_stdout_appending_to_the_deck_is_refused(deck: Path) -> None:
    before = deck.read_bytes()
    with deck.open("a") as appending:
        run = subprocess.run(
            [sys.executable, "-m", "briefing", "export", str(deck), "-o", "-"],
            stdout=appending,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert run.returncode == 2
    assert "it is the deck or one of its sources" in run.stderr
    assert deck.read_bytes() == before


def test_force_replaces_no_fifo(deck: Path, tmp_path: Path, capsys: Any) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    assert main(["export", str(deck), "-o", str(fifo), "--force"]) == 2
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert "it is a FIFO (named pipe), not a regular file" in capsys.readouterr().err


def test_force_replaces_no_symlink(deck: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("keep", encoding="utf-8")
    link = tmp_path / "out.md"
    link.symlink_to(elsewhere)
    assert main(["export", str(deck), "-o", str(link), "--force"]) == 2
    assert link.is_symlink() and elsewhere.read_text(encoding="utf-8") == "keep"


def test_force_replaces_no_device(deck: Path, tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root (CAP_MKNOD)")
    assert main(["export", str(deck), "-o", str(device), "--force"]) == 2
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_write_atomic_refuses_kept_files_and_special_files(tmp_path: Path) -> None:
    from briefing.output.atomic import RefusedTarget

    kept = tmp_path / "deck.yaml"
    kept.write_text("deck", encoding="utf-8")
    with pytest.raises(RefusedTarget):
        write_atomic(kept, "x", force=True, keep=[kept])
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(RefusedTarget):
        write_atomic(tmp_path / "fifo", "x", force=True)
    write_atomic(tmp_path / "new.md", "x", keep=[kept])  # others are written as before
    assert (tmp_path / "new.md").read_text(encoding="utf-8") == "x"


KILL_MIDWAY = """
import os, signal, sys
from briefing.output import atomic
atomic.os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)
from briefing.cli.main import main
main(sys.argv[1:])
"""


def test_a_killed_exports_temporary_file_is_removed_by_a_later_export(deck: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "deck.md"
    killed = subprocess.run(
        [sys.executable, "-c", KILL_MIDWAY, "export", str(deck), "-o", str(target)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert killed.returncode == -9
    left = [p for p in out.iterdir()]
    assert len(left) == 1 and left[0].name.startswith(".deck.md.")  # what a kill leaves
    # Someone else's file that only looks similar, and a fresh temporary
    # file (an export running right now), are left alone.
    similar = out / ".deck.md.notours.tmp"
    similar.write_text("x", encoding="utf-8")
    old = time.time() - 24 * 3600  # a day: long past any export still running
    os.utime(left[0], (old, old))
    os.utime(similar, (old, old))
    assert main(["export", str(deck), "-o", str(target)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [".deck.md.notours.tmp", "deck.md"]
    fresh = out / ".deck.md.0123456789ab.tmp"
    fresh.write_text("x", encoding="utf-8")
    assert main(["export", str(deck), "-o", str(target), "--force"]) == 0
    assert fresh.exists()


async def test_the_viewers_export_never_overwrites_a_source(tmp_path: Path, monkeypatch: Any) -> None:
    """``e`` writes ``<deck name>.md`` in the current folder: here, that is the deck's source."""
    from briefing.core.loader import load_deck
    from briefing.core.verify import Verifier
    from briefing.screens.confirm import ConfirmScreen
    from briefing.ui.app import BriefingApp

    project = tmp_path / "brief"
    project.mkdir()
    (project / "brief.md").write_text(ARTICLE, encoding="utf-8")
    deck_path = project / "brief.yaml"
    deck_path.write_text(
        make_project(tmp_path / "scratch", points_slide("nearly 30 nations"))
        .read_text()
        .replace("../seeds/article.txt", "brief.md"),
        encoding="utf-8",
    )
    monkeypatch.chdir(project)
    deck = load_deck(deck_path)
    app = BriefingApp(deck, Verifier(deck))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e", "m")  # export, as Markdown
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):  # asked to overwrite: say yes
            await pilot.press("y")
            await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
    assert (project / "brief.md").read_text(encoding="utf-8") == ARTICLE
    assert any("it is the deck or one of its sources" in m for m in messages), messages
