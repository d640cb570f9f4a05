"""Decks and sources are read only when they are regular files, and only as much as allowed.

A FIFO waits forever for a writer, a device never ends, and a file checked
at load time can be swapped for a symlink before it is read. Each gets a
located error at once: the commands run in a child process with a time
and memory limit, so a hang or a runaway read fails the test instead of
stalling the suite.
"""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.core import sourcetext
from briefing.core.loader import load_deck
from briefing.core.sourcetext import SourceError, SourceText
from briefing.core.verify import Verifier
from tests.deckfiles import ARTICLE, make_project, points_slide

#: Seconds a command may take; a FIFO read today never returns.
LIMIT = 30


def briefing(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m briefing ARGS`` in a child with 1 GB of memory at most."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        timeout=LIMIT,
        check=False,
        stdin=subprocess.DEVNULL,
        preexec_fn=limits,
    )


def with_source(root: Path, name: str) -> Path:
    """A project whose deck cites ``seeds/<name>`` (which the test then makes)."""
    deck = make_project(root, points_slide("nearly 30 nations"))
    deck.write_text(deck.read_text().replace("article.txt", name))
    return deck


def test_a_fifo_source_is_a_located_error_at_once(tmp_path: Path) -> None:
    deck = with_source(tmp_path, "pipe.txt")
    os.mkfifo(tmp_path / "seeds" / "pipe.txt")
    run = briefing("check", str(deck))
    assert run.returncode == 1, run.stderr
    assert (
        "deck.yaml:5:11: sources[0].path: source `article` (../seeds/pipe.txt) is a FIFO (named pipe), "
        "not a regular file" in run.stdout
    )
    assert "Traceback" not in run.stderr


def test_a_fifo_deck_is_a_located_error_at_once(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    os.mkfifo(deck)
    run = briefing("check", str(deck))
    assert run.returncode == 2
    assert "deck.yaml:1:1: is a FIFO (named pipe), not a regular file" in run.stderr
    assert "Traceback" not in run.stderr


def test_dev_zero_as_a_deck_is_refused_without_reading(tmp_path: Path) -> None:
    run = briefing("check", "/dev/zero")
    assert run.returncode == 2
    assert "dev/zero:1:1: is a character device, not a regular file" in run.stderr
    assert "Traceback" not in run.stderr and "MemoryError" not in run.stderr


def test_a_device_inside_the_project_is_refused(tmp_path: Path) -> None:
    """``/dev/zero`` behind an allowed path: a device node where the article should be."""
    deck = with_source(tmp_path, "zero.txt")
    try:
        os.mknod(tmp_path / "seeds" / "zero.txt", stat.S_IFCHR | 0o644, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("making a device node needs root (CAP_MKNOD)")
    run = briefing("check", str(deck))
    assert run.returncode == 1
    assert "source `article` (../seeds/zero.txt) is a character device, not a regular file" in run.stdout
    assert "Traceback" not in run.stderr


def test_a_source_is_read_no_further_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file larger than its size says (growing, or a /proc file) stops at limit + 1 bytes."""
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 5000)
    real_stat, real_fstat, real_read = os.stat, os.fstat, os.read
    read: list[int] = []

    def small(result: os.stat_result) -> os.stat_result:
        fields = list(result[:10])
        fields[stat.ST_SIZE] = 10
        return os.stat_result(fields)

    def lying_stat(target, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_stat(target, *args, **kwargs)
        return small(result) if os.fspath(target) == os.fspath(path) else result

    def lying_fstat(fd: int) -> os.stat_result:
        result = real_fstat(fd)
        return small(result) if result.st_ino == real_stat(path).st_ino else result

    def counting_read(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(sourcetext, "MAX_SOURCE_BYTES", 1000)
    with monkeypatch.context() as patch:
        patch.setattr(os, "stat", lying_stat)
        patch.setattr(os, "fstat", lying_fstat)
        patch.setattr(os, "read", counting_read)
        with pytest.raises(SourceError, match="is too large"):
            SourceText.read(path)
    assert sum(read) <= 1001


def test_read_regular_refuses_by_size_before_reading(tmp_path: Path) -> None:
    from briefing.core.safefile import TooLarge, read_regular

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(TooLarge) as caught:
        read_regular(path, 1000)
    assert caught.value.size == 2000
    assert read_regular(path, 2000) == b"x" * 2000


def test_a_source_swapped_for_a_symlink_after_its_path_was_resolved(tmp_path: Path) -> None:
    """The last-component swap between resolving a path and opening it is refused, not followed."""
    from briefing.core.paths import real_source_path
    from briefing.core.safefile import NotRegularFile, read_regular

    deck_path = make_project(tmp_path / "p", points_slide("nearly 30 nations"))
    real, reason = real_source_path(deck_path, "../seeds/article.txt")
    assert real is not None, reason
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    real.unlink()
    real.symlink_to(secret)
    with pytest.raises(NotRegularFile, match="symlink"):
        read_regular(real, 1000, follow=False)
    with pytest.raises(SourceError, match="symlink now"):
        SourceText.read(real, follow=False)


def test_the_verifier_checks_a_sources_path_again_when_it_reads_it(tmp_path: Path) -> None:
    """A source swapped after load for a symlink out of the project is refused, not verified."""
    deck_path = make_project(tmp_path / "p", points_slide("nearly 30 nations"))
    deck = load_deck(deck_path)
    verifier = Verifier(deck)  # as the viewer holds it: sources are read lazily
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE, encoding="utf-8")  # the same words: they would verify
    article = tmp_path / "p" / "seeds" / "article.txt"
    article.unlink()
    article.symlink_to(secret)
    assert verifier.source_text("article") is None
    result = verifier.result(deck.citations[0])
    assert result.status == "unchecked"
    assert "is a symlink that points outside the deck's project" in result.message


def test_a_nul_in_a_source_path_is_a_located_error(tmp_path: Path) -> None:
    deck = make_project(tmp_path, points_slide("nearly 30 nations"))
    deck.write_text(deck.read_text().replace("../seeds/article.txt", '"a\\0b"'))
    run = briefing("check", str(deck))
    assert run.returncode == 1
    assert "deck.yaml:5:11: sources[0].path: must not contain a NUL character" in run.stderr
    assert "Traceback" not in run.stderr


TWO_SOURCES = """briefing: 1
title: Two sources
sources:
  - id: article
    path: ../seeds/article.txt
  - id: other
    path: ../seeds/other.txt
slides:
  - kind: points
    title: First
    points:
      - text: from the article
        cite: [{source: article, quote: "nearly 30 nations"}]
  - kind: points
    title: Second
    points:
      - text: from the other
        cite: [{source: other, quote: "nearly 30 nations"}]
"""


async def test_the_viewer_never_shows_a_swapped_source_as_verified(tmp_path: Path) -> None:
    """Swapped after start-up for a symlink out of the project: opened, it is not shown as verified."""
    from briefing.screens.source import SourceScreen
    from briefing.ui.app import BriefingApp

    deck_path = make_project(tmp_path / "p", "", header=TWO_SOURCES)
    (tmp_path / "p" / "seeds" / "other.txt").write_text(ARTICLE, encoding="utf-8")
    deck = load_deck(deck_path)
    # Reload off: with it on, the swap reloads the deck, whose loader refuses the path (also safe).
    app = BriefingApp(deck, Verifier(deck), live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        secret = tmp_path / "secret.txt"
        secret.write_text(ARTICLE, encoding="utf-8")
        other = tmp_path / "p" / "seeds" / "other.txt"
        other.unlink()
        other.symlink_to(secret)
        await pilot.press("right", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        status = str(screen.query_one("#source-status").render())
        banner = str(screen.query_one("#source-banner").render())
        assert "✓ verified" not in status and not screen.verified
        assert "points outside the deck's project" in banner
        assert not screen.view.text  # the secret file's text is not shown
