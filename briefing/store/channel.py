"""The local channel between an audience view and its notes views.

The audience view (``briefing DECK --present``) serves a Unix stream socket
and broadcasts its reading position as one small JSON line per change;
each notes view (``briefing DECK --notes``) connects and follows. The socket
lives in the user's runtime folder (``$XDG_RUNTIME_DIR/briefing``, else a
private 0700 folder under the temp dir) and is named by a hash of the
deck's real path, so two views of one deck meet with no configuration, and
nothing reaches another machine.

It fails soft: sends never wait (a listener whose unsent bytes pile up is
dropped), a notes view started first keeps trying to connect, and anything
that is not a well-formed message is ignored. Plain asyncio: the app runs
it on Textual's event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Unsent bytes a listener may have before it is dropped (a stuck or suspended notes view).
MAX_BACKLOG = 64 * 1024
#: The longest line read from a peer; a longer one ends that connection.
MAX_LINE = 4096
#: Seconds between a notes view's attempts to reach the audience view.
RETRY = 0.5


@dataclass(frozen=True)
class Position:
    """Where the audience view is: a slide, its highlighted item, and the passage shown if drilled in.

    ``drill`` is ``(slide, item, citation)`` while the audience sees that
    citation's source view, else ``None``.
    """

    slide: int
    item: int | None = None
    drill: tuple[int, int, int] | None = None


def encode(position: Position) -> bytes:
    """One JSON line: ``{"slide": 2, "item": 0, "drill": null}``."""
    message = {
        "slide": position.slide,
        "item": position.item,
        "drill": list(position.drill) if position.drill is not None else None,
    }
    return json.dumps(message, separators=(",", ":")).encode("utf-8") + b"\n"


def _index(value: object) -> int | None:
    """A non-negative int, else ``None`` (``True`` is not a slide number)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def decode(line: bytes) -> Position | None:
    """The position in one line, or ``None`` for anything malformed (never raises)."""
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(message, dict):
        return None
    slide = _index(message.get("slide"))
    if slide is None:
        return None
    item = _index(message.get("item"))
    drill = message.get("drill")
    shown: tuple[int, int, int] | None = None
    if isinstance(drill, list) and len(drill) == 3:
        parts = [_index(part) for part in drill]
        if all(part is not None for part in parts):
            shown = (parts[0], parts[1], parts[2])  # type: ignore[assignment]
    return Position(slide, item, shown)


def runtime_folder() -> Path:
    """``$XDG_RUNTIME_DIR/briefing``, else ``<tmp>/briefing-<uid>``; created 0700 and checked to be ours.

    Raises :class:`OSError` when the folder is someone else's or open to others.
    """
    base = os.environ.get("XDG_RUNTIME_DIR", "")
    if base and os.path.isabs(base) and os.path.isdir(base):
        folder = Path(base) / "briefing"
    else:
        folder = Path(tempfile.gettempdir()) / f"briefing-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise OSError(f"{folder} is not a folder of this user's")
    if stat.S_IMODE(info.st_mode) & 0o077:
        raise OSError(f"{folder} is open to other users (chmod 700 it)")
    return folder


def channel_path(deck_path: Path, folder: Path | None = None) -> Path:
    """The socket for a deck: named by a hash of its real path, so both views find it."""
    digest = hashlib.sha256(os.fsencode(os.path.realpath(deck_path))).hexdigest()[:16]
    return (folder if folder is not None else runtime_folder()) / f"{digest}.sock"


OnMessage = Callable[[Position], None]


def _send(writer: asyncio.StreamWriter, data: bytes) -> bool:
    """Queue ``data`` without waiting; ``False`` (and the connection closed) if the peer is gone or stuck."""
    if writer.is_closing():
        return False
    if writer.transport.get_write_buffer_size() > MAX_BACKLOG:
        writer.close()
        return False
    try:
        writer.write(data)
    except (OSError, RuntimeError):
        writer.close()
        return False
    return True


class Broadcaster:
    """The audience view's end: serves the socket and sends every position to every listener.

    ``on_message`` receives positions that listeners send back (``--follow
    both``). A listener that connects is sent the latest position at once.
    """

    def __init__(self, path: Path, on_message: OnMessage | None = None) -> None:
        self.path = path
        self.on_message = on_message
        self._server: asyncio.AbstractServer | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._last: bytes | None = None

    @property
    def listeners(self) -> int:
        """How many notes views are connected."""
        return len(self._writers)

    async def start(self) -> bool:
        """Serve the socket; ``False`` if another audience view already serves this deck."""
        if self.path.exists() or self.path.is_symlink():
            try:
                _, writer = await asyncio.wait_for(asyncio.open_unix_connection(str(self.path)), 1.0)
            except (TimeoutError, OSError):
                self.path.unlink(missing_ok=True)  # left by a view that ended without tidying
            else:
                writer.close()
                return False
        self._server = await asyncio.start_unix_server(self._serve, path=str(self.path), limit=MAX_LINE)
        os.chmod(self.path, 0o600)
        return True

    def publish(self, position: Position) -> None:
        """Send ``position`` to every listener, never waiting; stuck or gone listeners are dropped."""
        data = self._last = encode(position)
        for writer in list(self._writers):
            if not _send(writer, data):
                self._writers.discard(writer)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        if self._last is not None:
            _send(writer, self._last)
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                position = decode(line)
                if position is not None and self.on_message is not None:
                    self.on_message(position)
        except (OSError, ValueError, asyncio.LimitOverrunError, asyncio.IncompleteReadError):
            pass
        finally:
            self._writers.discard(writer)
            writer.close()

    async def close(self) -> None:
        """Stop serving, hang up on every listener and remove the socket."""
        if self._server is None:
            return
        self._server.close()
        for writer in list(self._writers):
            writer.close()
        self._writers.clear()
        with contextlib.suppress(OSError):
            self.path.unlink()
        self._server = None


class Listener:
    """A notes view's end: connects (retrying until the audience view is there) and follows.

    ``on_message`` receives every position; ``on_state`` whether it is
    connected. :meth:`send` passes a position back (for ``--follow both``).
    """

    def __init__(
        self,
        path: Path,
        on_message: OnMessage,
        on_state: Callable[[bool], None] | None = None,
        retry: float = RETRY,
    ) -> None:
        self.path = path
        self.on_message = on_message
        self.on_state = on_state
        self.retry = retry
        self.connected = False
        self._writer: asyncio.StreamWriter | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start following in the background (on the running event loop)."""
        self._task = asyncio.get_running_loop().create_task(self._run())

    def send(self, position: Position) -> bool:
        """Send ``position`` to the audience view without waiting; ``False`` if not connected."""
        writer = self._writer
        return writer is not None and _send(writer, encode(position))

    def _state(self, connected: bool) -> None:
        if connected != self.connected:
            self.connected = connected
            if self.on_state is not None:
                self.on_state(connected)

    async def _run(self) -> None:
        while True:
            try:
                reader, writer = await asyncio.open_unix_connection(str(self.path), limit=MAX_LINE)
            except OSError:
                await asyncio.sleep(self.retry)
                continue
            self._writer = writer
            self._state(True)
            try:
                while True:
                    line = await reader.readline()
                    if not line:
                        break
                    position = decode(line)
                    if position is not None:
                        self.on_message(position)
            except (OSError, ValueError, asyncio.LimitOverrunError, asyncio.IncompleteReadError):
                pass
            finally:
                self._writer = None
                writer.close()
                self._state(False)
            await asyncio.sleep(self.retry)

    async def close(self) -> None:
        """Stop following and hang up."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
        if self._writer is not None:
            self._writer.close()
            self._writer = None
