"""The file watcher behind reload: one report per save, renames seen, nothing when idle."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from briefing.store.watch import FileWatch, Watcher, inotify_available


class Calls:
    def __init__(self) -> None:
        self.seen: list[list[Path]] = []
        self.event = threading.Event()

    def __call__(self, paths: list[Path]) -> None:
        self.seen.append(paths)
        self.event.set()


def _wait(calls: Calls, count: int, timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while len(calls.seen) < count and time.monotonic() < end:
        time.sleep(0.02)


def test_filewatch_reports_each_change_once(tmp_path: Path) -> None:
    deck, other = tmp_path / "deck.yaml", tmp_path / "other.txt"
    deck.write_text("a")
    other.write_text("b")
    watch = FileWatch({deck: "deck.yaml", other: "source a (other.txt)"})
    assert watch.poll() == []
    deck.write_text("ab")
    assert watch.poll() == [deck]
    assert watch.poll() == []
    other.unlink()
    assert watch.poll() == [other]
    assert watch.message(other) == "source a (other.txt) was removed"
    assert watch.changed == (deck, other)


needs_inotify = pytest.mark.skipif(not inotify_available(), reason="inotify is Linux's")


@needs_inotify
def test_a_save_in_several_steps_is_one_change(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text("start\n")
    calls = Calls()
    watcher = Watcher({deck: "deck.yaml"}, calls, debounce=0.2)
    try:
        assert watcher.kind == "inotify"
        with deck.open("w") as handle:  # truncate, then write in pieces
            for n in range(5):
                handle.write(f"line {n}\n")
                handle.flush()
                time.sleep(0.03)
        _wait(calls, 1)
        time.sleep(0.5)  # no second report for the same save
        assert calls.seen == [[deck]]
    finally:
        watcher.stop()


@needs_inotify
def test_rename_over_the_file_is_seen_and_other_files_are_not(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text("start\n")
    calls = Calls()
    watcher = Watcher({deck: "deck.yaml"}, calls, debounce=0.1)
    try:
        (tmp_path / ".deck.yaml.swp").write_text("swap")  # an editor's own files
        time.sleep(0.4)
        assert calls.seen == []
        new = tmp_path / "4913"
        new.write_text("saved by rename\n")
        os.replace(new, deck)
        _wait(calls, 1)
        assert calls.seen == [[deck]]
    finally:
        watcher.stop()


@needs_inotify
def test_an_idle_watcher_uses_no_cpu(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text("start\n")
    watcher = Watcher({deck: "deck.yaml"}, Calls())
    try:
        before = time.process_time()
        time.sleep(1.0)
        used = time.process_time() - before
        assert used < 0.05, f"{used:.3f} s of CPU in 1 s idle"
    finally:
        watcher.stop()


def test_the_slow_poll_where_there_is_no_inotify(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text("start\n")
    calls = Calls()
    watcher = Watcher({deck: "deck.yaml"}, calls, poll=0.1, use_inotify=False)
    try:
        assert watcher.kind == "poll"
        deck.write_text("changed, longer\n")
        _wait(calls, 1)
        assert calls.seen == [[deck]]
    finally:
        watcher.stop()


def test_retarget_watches_new_files(tmp_path: Path) -> None:
    deck, source = tmp_path / "deck.yaml", tmp_path / "sub" / "a.txt"
    source.parent.mkdir()
    deck.write_text("x")
    source.write_text("y")
    calls = Calls()
    watcher = Watcher({deck: "deck.yaml"}, calls, debounce=0.1, poll=0.1)
    try:
        watcher.retarget({deck: "deck.yaml", source: "source a"})
        time.sleep(0.1)
        source.write_text("y changed")
        _wait(calls, 1)
        assert calls.seen == [[source]]
    finally:
        watcher.stop()


def test_retarget_keeps_a_save_not_yet_reported(tmp_path: Path) -> None:
    deck, source = tmp_path / "deck.yaml", tmp_path / "a.txt"
    deck.write_text("x")
    source.write_text("y")
    calls = Calls()
    watcher = Watcher({deck: "deck.yaml"}, calls, poll=60, use_inotify=False)
    try:
        deck.write_text("x, saved while the deck was being reloaded")
        watcher.retarget({deck: "deck.yaml", source: "source a"})
        assert watcher.poll() == [deck]
    finally:
        watcher.stop()
