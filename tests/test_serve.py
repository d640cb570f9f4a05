"""``briefing serve``: the page over loopback, the viewer behind it, and the message without the extra.

The end-to-end test starts the real command on 127.0.0.1 with a free port,
fetches the page, then opens the page's websocket as the browser would and
reads what the viewer draws: the deck's title, then the next slide after a
key. It is skipped (with the reason) when textual-serve is not installed.
A real-browser test (headless Chromium over the DevTools protocol) runs
only when Chromium is installed.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.cli.serve import is_loopback, viewer_command
from briefing.core.paths import display_path
from tests.conftest import SMALL_DECK

HAS_SERVE = importlib.util.find_spec("textual_serve") is not None
needs_serve = pytest.mark.skipif(
    not HAS_SERVE, reason="textual-serve is not installed (pip install '.[serve]')"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def briefing(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_loopback_only_by_default() -> None:
    from briefing.cli.serve import build_parser

    assert build_parser().parse_args([]).host == "127.0.0.1"
    assert all(is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.4", "example.org", "::"))


def test_each_tab_runs_this_python_on_the_absolute_deck(tmp_path: Path) -> None:
    command = viewer_command("decks/x.yaml")
    assert command.startswith(sys.executable) and " -m briefing " in command
    assert command.endswith(str(Path("decks/x.yaml").resolve()))


def test_a_bad_deck_is_reported_before_serving(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("briefing: 1\ntitle: [\n")
    result = briefing("serve", str(bad), "--port", str(free_port()))
    assert result.returncode == 2
    # Located as every problem is: the path as shown from the working folder.
    assert f"{display_path(bad)}:3:1: " in result.stderr and "Traceback" not in result.stderr


def test_without_textual_serve_it_says_how_to_get_it(tmp_path: Path) -> None:
    """With textual_serve made unimportable, the command explains the extra instead of failing."""
    blocker = tmp_path / "block"
    (blocker / "textual_serve").mkdir(parents=True)
    (blocker / "textual_serve" / "__init__.py").write_text("raise ImportError('blocked for the test')\n")
    path = os.pathsep.join([str(blocker), os.environ.get("PYTHONPATH", "")])
    result = briefing("serve", str(SMALL_DECK), "--port", str(free_port()), env={"PYTHONPATH": path})
    assert result.returncode == 2
    assert "pip install 'briefing[serve]'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def served() -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """``briefing serve SMALL_DECK`` on a free loopback port, stopped afterwards."""
    if not HAS_SERVE:
        pytest.skip("textual-serve is not installed (pip install '.[serve]')")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "serve", str(SMALL_DECK), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"serve exited: {process.stderr.read().decode()}")  # type: ignore[union-attr]
                time.sleep(0.1)
        yield port, process
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
        assert response.status == 200
        return response.read().decode("utf-8")


@needs_serve
def test_serves_the_page_on_loopback_and_the_viewer_behind_it(served: tuple[int, object]) -> None:
    port, _ = served
    page = fetch(f"http://127.0.0.1:{port}/")
    assert "<html" in page.lower()
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
    screen = asyncio.run(asyncio.wait_for(drive(port), 60))
    assert "Small test deck" in screen["first"]
    assert "1 / 5" in screen["first"]
    assert "2 / 5" in screen["after_key"]


def visible(stream: str) -> str:
    """The text the viewer drew, escape sequences removed."""
    return re.sub(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[PX^_].*?\x1b\\\\|\x1b\][^\x07]*\x07", "", stream)


async def drive(port: int) -> dict[str, str]:
    """Open the page's websocket as a browser tab would; what is drawn first, and after ``l``."""
    import aiohttp

    async def read_until(ws: aiohttp.ClientWebSocketResponse, text: str, seen: list[bytes]) -> str:
        def drawn() -> str:
            return visible(b"".join(seen).decode("utf-8", "replace"))

        deadline = asyncio.get_running_loop().time() + 20
        while text not in drawn():
            timeout = deadline - asyncio.get_running_loop().time()
            if timeout <= 0:
                raise AssertionError(f"{text!r} never drawn; got {drawn()[-500:]!r}")
            message = await ws.receive(timeout=timeout)
            if message.type == aiohttp.WSMsgType.BINARY:  # the terminal output
                seen.append(message.data)
            elif message.type != aiohttp.WSMsgType.TEXT:  # text: meta packets
                raise AssertionError(f"websocket closed: {message}")
        return drawn()

    async with aiohttp.ClientSession() as session:
        url = f"ws://127.0.0.1:{port}/ws?width=100&height=30"
        async with session.ws_connect(url) as ws:
            await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
            seen: list[bytes] = []
            first = await read_until(ws, "1 / 5", seen)
            seen.clear()
            await ws.send_str(json.dumps(["stdin", "l"]))
            after = await read_until(ws, "2 / 5", seen)
            return {"first": first, "after_key": after}


#: Injected before the page's own script: keeps what the viewer sends, as text, in ``window.__drawn``.
RECORD_FRAMES = """
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__drawn = "";
  function Recording(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      if (event.data instanceof ArrayBuffer) {
        window.__drawn += decoder.decode(new Uint8Array(event.data), {stream: true});
      }
    });
    return socket;
  }
  Recording.prototype = Native.prototype;
  Object.assign(Recording, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Recording;
})();
"""


class Browser:
    """Headless Chromium driven over the DevTools protocol (loopback), one page."""

    def __init__(self, ws: object) -> None:
        self.ws = ws
        self.number = 0

    async def call(self, method: str, **params: object) -> dict[str, object]:
        import aiohttp

        self.number += 1
        ws: aiohttp.ClientWebSocketResponse = self.ws  # type: ignore[assignment]
        await ws.send_str(json.dumps({"id": self.number, "method": method, "params": params}))
        while True:
            message = await ws.receive(timeout=30)
            data = json.loads(message.data)
            if data.get("id") == self.number:
                if "error" in data:
                    raise AssertionError(f"{method}: {data['error']}")
                return data.get("result", {})  # type: ignore[no-any-return]

    async def evaluate(self, expression: str) -> object:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")  # type: ignore[union-attr]

    async def wait_for_text(self, text: str, seconds: float = 20) -> str:
        deadline = time.monotonic() + seconds
        drawn = ""
        while time.monotonic() < deadline:
            drawn = visible(str(await self.evaluate("window.__drawn || ''")))
            if text in drawn:
                return drawn
            await asyncio.sleep(0.2)
        raise AssertionError(f"{text!r} never drawn in the browser; got {drawn[-500:]!r}")

    async def press(self, key: str, code: str, key_code: int) -> None:
        for kind in ("keyDown", "keyUp"):
            params: dict[str, object] = {
                "type": kind,
                "key": key,
                "code": code,
                "windowsVirtualKeyCode": key_code,
            }
            if kind == "keyDown":
                params["text"] = key
            await self.call("Input.dispatchKeyEvent", **params)


@needs_serve
@pytest.mark.skipif(
    shutil.which("chromium") is None, reason="chromium is not installed (apt-get install chromium)"
)
def test_a_headless_browser_shows_the_first_slide_and_pages(
    served: tuple[int, object], tmp_path: Path
) -> None:
    """Headless Chromium loads the page; the viewer draws the first slide; a key press pages; a screenshot."""
    port, _ = served
    debug_port = free_port()
    chromium = subprocess.Popen(
        [
            "chromium",
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--remote-debugging-port={debug_port}",
            "--remote-debugging-address=127.0.0.1",
            "--window-size=1200,800",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        shot = asyncio.run(asyncio.wait_for(browse(debug_port, f"http://127.0.0.1:{port}/"), 60))
    finally:
        os.killpg(chromium.pid, signal.SIGTERM)
        try:
            chromium.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(chromium.pid, signal.SIGKILL)
            chromium.wait()
    (tmp_path / "page.png").write_bytes(shot)
    assert shot.startswith(b"\x89PNG") and len(shot) > 20_000  # the drawn viewer, not a blank page


async def browse(debug_port: int, url: str) -> bytes:
    """Open ``url`` in the browser, check the viewer draws and pages; return a screenshot (PNG)."""
    import base64

    import aiohttp

    deadline = time.monotonic() + 30
    async with aiohttp.ClientSession() as session:
        target = None
        while target is None:
            try:
                async with session.get(f"http://127.0.0.1:{debug_port}/json/list") as response:
                    pages = [t for t in await response.json() if t.get("type") == "page"]
                    target = pages[0]["webSocketDebuggerUrl"] if pages else None
            except aiohttp.ClientError:
                if time.monotonic() > deadline:
                    raise
            if target is None:
                await asyncio.sleep(0.2)
        async with session.ws_connect(target, max_msg_size=0) as ws:
            browser = Browser(ws)
            await browser.call("Page.enable")
            await browser.call("Page.addScriptToEvaluateOnNewDocument", source=RECORD_FRAMES)
            await browser.call("Page.navigate", url=url)
            first = await browser.wait_for_text("1 / 5")
            assert "Small test deck" in first
            connected = await browser.evaluate("document.body.classList.contains('-first-byte')")
            assert connected is True
            await browser.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            await browser.press("l", "KeyL", 76)
            await browser.wait_for_text("2 / 5")
            await asyncio.sleep(0.5)  # let the page paint the new slide
            shot = await browser.call("Page.captureScreenshot", format="png")
            return base64.b64decode(str(shot["data"]))
