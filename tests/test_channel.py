"""The presenter channel: messages, the socket's place, several listeners, failing soft."""

from __future__ import annotations

import asyncio
import os
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.store import channel
from briefing.store.channel import Broadcaster, Listener, Position, channel_path, decode, encode


@pytest.fixture
def folder() -> Iterator[Path]:
    """A short private folder (socket paths are limited to ~100 bytes)."""
    with tempfile.TemporaryDirectory(prefix="bch") as name:
        yield Path(name)


async def until(condition: object, timeout: float = 5.0) -> None:
    """Wait until ``condition()`` holds (the channel is asynchronous)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():  # type: ignore[operator]
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.01)


def test_messages_round_trip() -> None:
    for position in (Position(0), Position(3, 1), Position(2, 0, (2, 0, 1))):
        assert decode(encode(position)) == position
    assert encode(Position(1, None)).endswith(b"\n")


@pytest.mark.parametrize(
    "line",
    [b"", b"not json", b"[]", b'{"slide": -1}', b'{"slide": true}', b'{"item": 2}', b"\xff\xfe", b"1e999"],
)
def test_malformed_messages_are_ignored(line: bytes) -> None:
    assert decode(line) is None


def test_a_malformed_drill_is_dropped_not_the_position() -> None:
    assert decode(b'{"slide": 2, "item": 1, "drill": [1, "x", 0]}') == Position(2, 1, None)


def test_the_socket_is_named_by_the_decks_real_path(folder: Path) -> None:
    deck = folder / "deck.yaml"
    deck.write_text("x")
    link = folder / "link.yaml"
    link.symlink_to(deck)
    assert channel_path(deck, folder) == channel_path(link, folder)
    assert channel_path(deck, folder) != channel_path(folder / "other.yaml", folder)


def test_runtime_folder_is_private(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    made = channel.runtime_folder()
    assert made == folder / "briefing"
    assert stat.S_IMODE(os.stat(made).st_mode) == 0o700
    os.chmod(made, 0o755)
    with pytest.raises(OSError, match="open to other users"):
        channel.runtime_folder()


def test_without_a_runtime_dir_a_private_temp_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    assert channel.runtime_folder() == folder / f"briefing-{os.getuid()}"


async def test_several_listeners_get_every_message_in_order(folder: Path) -> None:
    path = folder / "s.sock"
    server = Broadcaster(path)
    assert await server.start()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    got: list[list[Position]] = [[], [], []]
    listeners = [Listener(path, got[i].append, retry=0.02) for i in range(3)]
    for listener in listeners:
        listener.start()
    await until(lambda: server.listeners == 3)
    sent = [Position(i % 5, i % 3) for i in range(200)]
    for position in sent:
        server.publish(position)
    await until(lambda: all(len(g) == len(sent) for g in got))
    assert all(g == sent for g in got)
    for listener in listeners:
        await listener.close()
    await server.close()
    assert not path.exists()


async def test_a_listener_that_connects_late_gets_the_latest_position(folder: Path) -> None:
    path = folder / "s.sock"
    server = Broadcaster(path)
    await server.start()
    server.publish(Position(1))
    server.publish(Position(4, 2))
    got: list[Position] = []
    late = Listener(path, got.append, retry=0.02)
    late.start()
    await until(lambda: got)
    assert got == [Position(4, 2)]
    await late.close()
    await server.close()


async def test_a_listener_started_first_connects_when_the_audience_view_comes(folder: Path) -> None:
    path = folder / "s.sock"
    got: list[Position] = []
    states: list[bool] = []
    early = Listener(path, got.append, on_state=states.append, retry=0.02)
    early.start()
    await asyncio.sleep(0.1)
    assert not early.connected
    server = Broadcaster(path)
    await server.start()
    await until(lambda: server.listeners == 1)
    server.publish(Position(2))
    await until(lambda: got)
    assert got == [Position(2)] and states == [True]
    await server.close()
    await until(lambda: not early.connected)
    await early.close()


async def test_a_dead_listener_never_blocks_the_others(folder: Path) -> None:
    """A peer that connects and never reads fills its buffer; it is dropped, the live one keeps up."""
    path = folder / "s.sock"
    server = Broadcaster(path)
    await server.start()
    stuck = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    stuck.connect(str(path))  # never reads
    got: list[Position] = []
    live = Listener(path, got.append, retry=0.02)
    live.start()
    await until(lambda: server.listeners == 2)
    loop = asyncio.get_running_loop()
    big = 2000
    started = loop.time()
    for i in range(big):
        server.publish(Position(i, 0, (i, 0, 0)))
        if i % 50 == 0:
            await asyncio.sleep(0)
    publishing = loop.time() - started
    await until(lambda: len(got) == big)
    assert got[-1] == Position(big - 1, 0, (big - 1, 0, 0))
    assert server.listeners == 1, "the listener that never reads was dropped"
    assert publishing < 1.0
    stuck.close()
    await live.close()
    await server.close()


async def test_listeners_talk_back(folder: Path) -> None:
    path = folder / "s.sock"
    heard: list[Position] = []
    server = Broadcaster(path, on_message=heard.append)
    await server.start()
    listener = Listener(path, lambda p: None, retry=0.02)
    listener.start()
    await until(lambda: listener.connected)
    assert listener.send(Position(3, 1))
    await until(lambda: heard)
    assert heard == [Position(3, 1)]
    await listener.close()
    assert not listener.send(Position(1))
    await server.close()


async def test_a_second_audience_view_of_the_same_deck_does_not_take_over(folder: Path) -> None:
    path = folder / "s.sock"
    first = Broadcaster(path)
    assert await first.start()
    assert not await Broadcaster(path).start()
    await first.close()


async def test_a_stale_socket_is_replaced(folder: Path) -> None:
    path = folder / "s.sock"
    old = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old.bind(str(path))
    old.close()  # the file stays, nobody listens
    server = Broadcaster(path)
    assert await server.start()
    await server.close()
