"""Time ``briefing check`` and ``briefing export``: in-process and as commands.

The in-process figures time only the work (load, verify, export) in an
interpreter that has already imported everything; the subprocess figures
time the command a person types, Python start-up and imports included.
The budgets apply to the subprocess; the pair shows how much of a miss is
start-up and how much is work.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from briefing.core.loader import load_deck
from briefing.core.verify import Verifier

#: The project checkout: subprocesses run here, with it on PYTHONPATH.
PROJECT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class CheckOutcome:
    """One in-process check: wall time and how many citations verified."""

    seconds: float
    verified: int
    citations: int


def check_in_process(deck_path: Path) -> CheckOutcome:
    """Load and verify every citation, as ``briefing check`` does; time it."""
    started = time.perf_counter()
    deck = load_deck(deck_path)
    verification = Verifier(deck).verify_all()
    seconds = time.perf_counter() - started
    return CheckOutcome(seconds, verification.verified_count, len(verification.results))


def export_in_process(deck_path: Path, out: Path) -> float:
    """Load, verify and export to ``out``, as ``briefing export`` does; time it."""
    from briefing.output.markdown import export_markdown

    started = time.perf_counter()
    deck = load_deck(deck_path)
    text = export_markdown(deck, Verifier(deck))
    out.write_text(text, encoding="utf-8")
    return time.perf_counter() - started


def subprocess_env() -> dict[str, str]:
    """The environment for commands: this checkout first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT), env.get("PYTHONPATH", "")) if p)
    return env


def time_command(args: list[str], expect: int = 0, cold: bool = False) -> float:
    """Run ``python -m briefing ARGS`` with this interpreter; return its wall time.

    Raises:
        RuntimeError: the command exited with another status than ``expect``.
    """
    return run_command(args, expect, cold)[0]


#: Runs a command and writes its wall time and own ``ru_maxrss`` to the file
#: named first. This small process starts it, not the benchmark: Linux
#: gives a child the peak RSS of the process it was forked from (kept at
#: ``exec``), so a command started by a runner holding 300 MB reported at
#: least 300 MB whatever it used itself.
_LAUNCHER = """
import os, sys, time
started = time.perf_counter()
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{time.perf_counter() - started} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_command(args: list[str], expect: int = 0, cold: bool = False) -> tuple[float, float]:
    """Run ``python -m briefing ARGS``; return its wall time (s) and its own peak RSS (MiB).

    The peak is the command's ``ru_maxrss`` from ``wait4`` in a small
    launcher (see :data:`_LAUNCHER`): this command's alone, not the
    largest of every child this process ever ran, nor this process's own.

    Raises:
        RuntimeError: the command exited with another status than ``expect``.
    """
    import tempfile

    argv = [sys.executable, "-m", "briefing", *args]
    env = subprocess_env()
    if cold:  # no on-disk cache: the first run on a new or edited deck
        env["BRIEFING_NO_CACHE"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "usage"
        child = subprocess.run(
            [sys.executable, "-S", "-c", _LAUNCHER, str(report), *argv],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        if child.returncode != expect:
            raise RuntimeError(f"{' '.join(args)} exited {child.returncode}: {child.stderr[-500:]}")
        seconds, peak = report.read_text().split()
    return float(seconds), int(peak) / 1024
