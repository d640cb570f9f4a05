"""``briefing export`` and the atomic writer behind it.

A user's existing file is sacred: it is never overwritten without
``--force``, and a failed export (full disk, read-only folder) leaves it
exactly as it was, with no temporary file left behind. Failures are one
clear line (path and reason), never a traceback; exit codes follow
``check``: 0 written, 2 unusable input or unwritable output.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

import pytest

from briefing.cli import export as export_cmd
from briefing.cli.main import main
from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.output import atomic
from briefing.output.atomic import write_atomic
from briefing.output.formats import infer_format
from briefing.output.markdown import export_markdown

ROOT = Path(__file__).parent.parent
BUNDLED = ROOT / "decks" / "reassurance-force.yaml"
DATA = ROOT / "tests" / "data" / "export"
PROBLEM_LINE = re.compile(r"^[^:\n]+:\d+:\d+: ", re.MULTILINE)


@pytest.fixture(scope="module")
def expected() -> str:
    deck = load_deck(BUNDLED)
    return export_markdown(deck, Verifier(deck))


def no_traceback(err: str) -> None:
    assert "Traceback" not in err


# -- the command -----------------------------------------------------------


def test_stdout(capsys, expected: str) -> None:
    assert export_cmd.run([str(BUNDLED), "-o", "-"]) == 0
    out, err = capsys.readouterr()
    assert out == expected
    assert out.startswith("---\nmarp: true\n")
    assert err == ""  # every citation of the bundled deck verifies: no warning


def test_default_file_name_in_current_folder(tmp_path: Path, monkeypatch, capsys, expected: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert export_cmd.run([str(BUNDLED)]) == 0
    written = tmp_path / "reassurance-force.md"
    assert written.read_text(encoding="utf-8") == expected
    assert "wrote reassurance-force.md" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reassurance-force.md"]


def test_refuses_to_overwrite_without_force(tmp_path: Path, capsys, expected: str) -> None:
    target = tmp_path / "report.md"
    target.write_text("my own notes\n", encoding="utf-8")
    assert export_cmd.run([str(BUNDLED), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"refusing to overwrite {target} (it exists; pass --force)" in err
    no_traceback(err)
    assert target.read_text(encoding="utf-8") == "my own notes\n"

    assert export_cmd.run([str(BUNDLED), "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8") == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_no_notes(capsys) -> None:
    assert export_cmd.run([str(BUNDLED), "-o", "-", "--no-notes"]) == 0
    out = capsys.readouterr().out
    assert "<!--" not in out and "Speaker notes" not in out
    assert out.count("\n## ") == len(load_deck(BUNDLED).slides)


def test_cli_dispatches_export(capsys, expected: str) -> None:
    assert main(["export", str(BUNDLED), "-o", "-"]) == 0
    assert capsys.readouterr().out == expected


def test_unverified_citations_export_with_a_warning(capsys) -> None:
    assert export_cmd.run([str(DATA / "hostile.yaml"), "-o", "-"]) == 0
    out, err = capsys.readouterr()
    assert "⚠ unverified:" in out and "(unverified)" in out
    assert "warning: 2 citation(s) are not verified" in err  # a point's and a shown quote's
    no_traceback(err)


@pytest.mark.parametrize("name", ["broken.yaml", "not-yaml.yaml", "missing.yaml"])
def test_unusable_deck_exits_2_and_lists_problems(tmp_path: Path, monkeypatch, capsys, name: str) -> None:
    deck = DATA / name
    monkeypatch.chdir(tmp_path)
    assert export_cmd.run([str(deck)]) == 2
    out, err = capsys.readouterr()
    no_traceback(err)
    assert out == ""
    problems = PROBLEM_LINE.findall(err)
    assert problems and all(p.split(":")[0].endswith(name) for p in problems)
    assert "nothing was written" in err
    assert list(tmp_path.iterdir()) == []
    if name == "broken.yaml":
        assert len(problems) == 2  # every problem, not just the first


def test_cannot_write_says_where_and_why(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "out.md"  # a path whose parent is a file (tests run as root)
    assert export_cmd.run([str(BUNDLED), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"cannot write to {target}: Not a directory" in err
    no_traceback(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_output_is_a_folder(tmp_path: Path, capsys) -> None:
    assert export_cmd.run([str(BUNDLED), "-o", str(tmp_path), "--force"]) == 2
    err = capsys.readouterr().err
    assert f"cannot write to {tmp_path}: Is a directory" in err


def test_usage_errors_exit_2_without_traceback(capsys) -> None:
    assert export_cmd.run([str(BUNDLED), "--bogus"]) == 2
    err = capsys.readouterr().err
    assert "usage: briefing export" in err
    no_traceback(err)
    assert export_cmd.run(["--help"]) == 0
    assert "--no-notes" in capsys.readouterr().out


# -- the atomic writer -----------------------------------------------------


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_new_file_exactly(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    write_atomic(target, "line\nnext “é”\n")
    assert target.read_bytes() == "line\nnext “é”\n".encode()
    assert listing(tmp_path) == ["a.md"]


def test_existing_file_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert listing(tmp_path) == ["a.md"]


def test_force_keeps_the_old_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new", force=True)
    assert target.stat().st_mode & 0o777 == 0o640


def test_failed_replace_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "a.md"
    target.write_text("old", encoding="utf-8")

    def refuse(*_args):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="Read-only"):
        write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert listing(tmp_path) == ["a.md"]


def test_failed_flush_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "a.md"
    target.write_text("old", encoding="utf-8")

    def disk_full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert listing(tmp_path) == ["a.md"]


def test_file_appearing_during_the_write_is_not_clobbered(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "a.md"
    real_link = os.link

    def racing_link(src, dst):
        Path(dst).write_text("someone else's", encoding="utf-8")  # wins the race
        return real_link(src, dst)

    monkeypatch.setattr(atomic.os, "link", racing_link)
    with pytest.raises(FileExistsError):
        write_atomic(target, "ours")
    assert target.read_text(encoding="utf-8") == "someone else's"
    assert listing(tmp_path) == ["a.md"]


def test_without_hard_links_falls_back_safely(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "a.md"

    def no_links(*_args):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    write_atomic(target, "ours")
    assert target.read_text(encoding="utf-8") == "ours"
    assert listing(tmp_path) == ["a.md"]


def test_parent_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        write_atomic(tmp_path / "f" / "a.md", "new")
    assert listing(tmp_path) == ["f"]


def test_command_failure_keeps_old_export(tmp_path: Path, monkeypatch, capsys) -> None:
    target = tmp_path / "report.md"
    shutil.copyfile(DATA / "hostile-source.txt", target)
    before = target.read_bytes()

    def refuse(*_args):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    assert export_cmd.run([str(BUNDLED), "-o", str(target), "--force"]) == 2
    assert f"cannot write to {target}: Permission denied" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert listing(tmp_path) == ["report.md"]


def test_the_cycle_collector_is_paused_only_during_the_run(tmp_path: Path, capsys) -> None:
    import gc

    seen: list[bool] = []
    original = export_cmd.render_text

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    export_cmd.render_text = spy  # type: ignore[assignment]
    try:
        assert gc.isenabled()
        assert export_cmd.run([str(BUNDLED), "-o", str(tmp_path / "a.md")]) == 0
        assert seen == [False] and gc.isenabled()
        gc.disable()
        try:
            assert export_cmd.run([str(BUNDLED), "-o", str(tmp_path / "b.md")]) == 0
            assert not gc.isenabled()  # left as the caller had it
        finally:
            gc.enable()
        assert export_cmd.run(["--no-such-option"]) == 2 and gc.isenabled()
    finally:
        export_cmd.render_text = original  # type: ignore[assignment]
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == (tmp_path / "b.md").read_text(encoding="utf-8")


# -- formats -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.md", "md"),
        ("a.MARP.md", "marp"),
        ("a.marp.md", "marp"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.pdf", "pdf"),
        ("a.txt", "md"),
        (None, "md"),
        ("-", "md"),
    ],
)
def test_output_extension_picks_the_format(name: str | None, fmt: str) -> None:
    assert infer_format(name) == fmt


def test_marp_by_extension_and_by_flag(tmp_path: Path, capsys) -> None:
    from briefing.output.marp import export_marp

    deck = load_deck(BUNDLED)
    expected = export_marp(deck, Verifier(deck))
    assert export_cmd.run([str(BUNDLED), "-o", str(tmp_path / "a.marp.md")]) == 0
    assert (tmp_path / "a.marp.md").read_text(encoding="utf-8") == expected
    assert export_cmd.run([str(BUNDLED), "--to", "marp", "-o", str(tmp_path / "b.md")]) == 0
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == expected
    assert export_cmd.run([str(BUNDLED), "--to", "md", "-o", str(tmp_path / "c.marp.md")]) == 0
    assert (tmp_path / "c.marp.md").read_text(encoding="utf-8") != expected  # --to wins


def test_default_name_follows_the_format(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert export_cmd.run([str(BUNDLED), "--to", "marp"]) == 0
    assert (tmp_path / "reassurance-force.marp.md").is_file()


def test_html_and_pdf_dispatch_to_their_writers(tmp_path: Path, monkeypatch, capsys) -> None:
    import sys
    import types

    calls: list[str] = []
    html = types.ModuleType("briefing.output.html")
    html.export_html = lambda deck, verifier, notes=True: calls.append(f"html {notes}") or "<p>x</p>"  # type: ignore[attr-defined]
    pdf = types.ModuleType("briefing.output.pdf")

    def export_pdf(deck, verifier, path):  # type: ignore[no-untyped-def]
        calls.append("pdf")
        Path(path).write_bytes(b"%PDF-1.7 fake")

    pdf.export_pdf = export_pdf  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "briefing.output.html", html)
    monkeypatch.setitem(sys.modules, "briefing.output.pdf", pdf)
    assert export_cmd.run([str(BUNDLED), "-o", str(tmp_path / "a.html"), "--no-notes"]) == 0
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == "<p>x</p>"
    assert export_cmd.run([str(BUNDLED), "-o", str(tmp_path / "a.pdf")]) == 0
    assert (tmp_path / "a.pdf").read_bytes() == b"%PDF-1.7 fake"
    assert calls == ["html False", "pdf"]
    # The PDF is refused like any export: not over an existing file without --force,
    # and no temporary file is left behind.
    assert export_cmd.run([str(BUNDLED), "-o", str(tmp_path / "a.pdf")]) == 2
    assert "pass --force" in capsys.readouterr().err
    assert export_cmd.run([str(BUNDLED), "-o", str(tmp_path / "a.pdf"), "--force"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "a.pdf"]
    assert export_cmd.run([str(BUNDLED), "--to", "pdf", "-o", "-"]) == 2


def test_missing_writer_is_one_clear_line(tmp_path: Path, monkeypatch, capsys) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "briefing.output.html", None)  # import fails
    monkeypatch.setitem(sys.modules, "briefing.output.pdf", None)
    assert export_cmd.run([str(BUNDLED), "--to", "html", "-o", str(tmp_path / "a.html")]) == 2
    assert export_cmd.run([str(BUNDLED), "-o", str(tmp_path / "a.pdf")]) == 2
    err = capsys.readouterr().err
    no_traceback(err)
    assert "cannot export to html" in err and "cannot export to pdf" in err and "briefing[pdf]" in err
    assert list(tmp_path.iterdir()) == []
