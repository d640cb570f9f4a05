"""A tampered or malformed cache never changes what `briefing check` says.

Every case below damages one kind of cache entry or folder, then runs
`briefing check` (plain and ``--json``) and compares the exit status and
output with a run that has no cache at all (``BRIEFING_NO_CACHE=1``): they
must be identical, with at most one warning line on stderr. Where a refusal
is what keeps the answer right (a folder others can write, an entry that is
not the user's), the planted entry is *altered but well-formed*: believed,
it would change the answer (``test_an_altered_entry_in_a_private_folder_is_believed``
shows that it does), so the case fails unless the refusal really happens.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefing.cli.main import main
from briefing.core.sourcetext import SourceText, normalize
from briefing.store import cache, cachefiles
from tests.deckfiles import ARTICLE

OTHER = (
    "Second report. The plan was announced on Monday.\n\n"
    "Ministers met again on Tuesday; the plan was announced twice.\n"
)

DECK = """briefing: 1
title: Tamper deck
sources:
  - id: article
    path: ../seeds/article.txt
  - id: other
    path: ../seeds/other.txt
slides:
  - kind: title
    title: In brief
    bluf:
      - id: size
        text: Nearly thirty nations
        cite: [{source: article, quote: "nearly 30 nations"}]
  - kind: points
    title: Points
    points:
      - text: momentum
        cite: [{source: article, quote: "gathering steam"}]
      - text: ambiguous without context
        cite: [{source: article, quote: "The coming days will reveal whether"}]
      - text: picked by its suffix
        cite: [{source: article, quote: "The coming days will reveal whether", suffix: "Europe can act"}]
      - text: picked by its prefix
        cite: [{source: article, quote: "The coming days", prefix: "he warned."}]
      - text: not there
        cite: [{source: article, quote: "not in the article at all"}]
      - text: only inside a longer word
        cite: [{source: article, quote: "early 30 nations"}]
      - text: our reading
        judgement: true
        rests_on: [size]
  - kind: reactions
    title: Reactions
    reactions:
      - country: France
        actor: The host
        stance: leads
        summary: Not unanimous
        quote: "It is not unanimous."
        cite: [{source: article, quote: "It is not unanimous."}]
  - kind: figures
    title: Figures
    figures:
      - value: "€2 billion"
        measures: cost
        cite: [{source: article, quote: "cost €2 billion"}]
  - kind: quotes
    title: Quotes
    quotes:
      - quote: "[the Americans] won’t join in"
        speaker: The host
        cite: [{source: article, quote: "[the Americans] won’t join in"}]
      - quote: "The plan was announced on Monday."
        cite: [{source: other, quote: "The plan was announced on Monday."}]
      - quote: "the plan was announced"
        cite: [{source: other, quote: "the plan was announced", prefix: "Tuesday;"}]
"""

#: Replaces a not-found quote by one that is found: believed, this entry
#: turns a failing check into a passing one.
NOT_FOUND, FOUND = "not in the article at all", "nearly 30 nations"


@pytest.fixture(autouse=True)
def _fresh_run_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each `check` below starts as a new process would: no warning given, no folder refused."""
    monkeypatch.setattr(cachefiles, "_warned", False)
    monkeypatch.setattr(cachefiles, "_refused", set())
    monkeypatch.setattr(cachefiles, "_warnings", None)


class _Hung(BaseException):
    """Not an OSError, nor any Exception the cache would take for a miss."""


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """A blocking read (a FIFO opened without O_NONBLOCK) fails the test instead of hanging the run."""

    def hung(*_: object) -> None:
        raise _Hung("the cache blocked for 60 s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The deck, its two sources and a private cache folder (``tmp_path/cache``)."""
    (tmp_path / "decks").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "seeds" / "other.txt").write_text(OTHER, encoding="utf-8")
    deck = tmp_path / "decks" / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))
    monkeypatch.chdir(tmp_path)
    return deck


Answer = tuple[int, str, list[str]]


def check(
    deck: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> Answer:
    """Run `briefing check` as a fresh process would: (status, stdout, stderr lines)."""
    monkeypatch.setattr(cachefiles, "_warned", False)
    monkeypatch.setattr(cachefiles, "_refused", set())
    status = main(["check", *args, os.path.relpath(deck)])
    out, err = capsys.readouterr()
    return status, re.sub(r"\(\d+ ms\)", "(_ ms)", out), err.splitlines()


def without_cache(deck: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict:
    with monkeypatch.context() as patch:
        patch.setenv("BRIEFING_NO_CACHE", "1")
        return {args: check(deck, capsys, monkeypatch, *args) for args in ((), ("--json",))}


def assert_same_answers(
    deck: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, baseline: dict
) -> list[str]:
    """Check twice with the cache as it stands; return the warnings given."""
    warnings = []
    for _ in range(2):  # the second run sees what the first one left behind
        for args, (status, out, err) in baseline.items():
            got_status, got_out, got_err = check(deck, capsys, monkeypatch, *args)
            assert (got_status, got_out) == (status, out)
            extra = [line for line in got_err if line not in err]
            assert [line for line in got_err if line in err] == err
            assert len(extra) <= 1, extra
            assert all(line.startswith("briefing: ") and "BRIEFING_NO_CACHE=1" in line for line in extra)
            warnings += extra
    return warnings


def warm(deck: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict:
    """The answers without a cache, after one run that fills the cache (same answers)."""
    baseline = without_cache(deck, capsys, monkeypatch)
    assert baseline[()][0] == 1  # the deck has a not-found and an ambiguous quote
    assert_same_answers(deck, capsys, monkeypatch, baseline)
    return baseline


def folder() -> Path:
    return Path(os.environ["BRIEFING_CACHE_DIR"])


def deck_entry() -> Path:
    (entry,) = (folder() / "decks").glob("*.json")
    return entry


def quote_entries() -> list[Path]:
    entries = sorted((folder() / "quotes").glob("*.json"))
    assert len(entries) == 2  # one per source
    return entries


def source_of(entry: dict) -> SourceText:
    """The source text a quote entry is for (it names the source's sha256)."""
    (text,) = [text for text in map(SourceText, (ARTICLE, OTHER)) if _sha(text.text) == entry["source"]]
    return text


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def altered_deck_data() -> bytes:
    """The deck's entry with a not-found quote replaced by a found one: well-formed, and wrong."""
    data = deck_entry().read_bytes()
    assert data.count(json.dumps(NOT_FOUND).encode()) == 1
    return data.replace(json.dumps(NOT_FOUND).encode(), json.dumps(FOUND).encode())


def rewrite_json(path: Path, change: Callable[[object], object]) -> None:
    path.write_text(json.dumps(change(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")


def columns(entry: object) -> dict:
    """The citations' columns of the points slide in a deck entry (see deckjson)."""
    assert isinstance(entry, list)
    return entry[2]["slides"]["members"]["items"]["members"]["Point"]["citations"]["members"]


# Each case damages the cache as it stands after a run that filled it. ---------------------------


def deck_wrong_types() -> None:
    def change(entry: object) -> object:
        columns(entry)["quote"][0] = 12345
        return entry

    rewrite_json(deck_entry(), change)


def deck_bool_for_int() -> None:
    def change(entry: object) -> object:
        columns(entry)["location"]["line"][0] = True
        return entry

    rewrite_json(deck_entry(), change)


def deck_unknown_item_kind() -> None:
    def change(entry: object) -> object:
        assert isinstance(entry, list)
        items = entry[2]["slides"]["members"]["items"]["members"]
        items["kinds"] = ["Exploit" if kind == "Figure" else kind for kind in items["kinds"]]
        items["Exploit"] = items.pop("Figure")
        return entry

    rewrite_json(deck_entry(), change)


def deck_item_of_another_kind() -> None:
    """A Deck where an item should be: a class the cache may build, but not there."""

    def change(entry: object) -> object:
        assert isinstance(entry, list)
        items = entry[2]["slides"]["members"]["items"]["members"]
        items["kinds"] = ["Deck" if kind == "Figure" else kind for kind in items["kinds"]]
        items["Deck"] = items.pop("Figure")
        return entry

    rewrite_json(deck_entry(), change)


def deck_unknown_slide_kind() -> None:
    def change(entry: object) -> object:
        assert isinstance(entry, list)
        entry[2]["slides"]["members"]["kind"][0] = "bogus"
        return entry

    rewrite_json(deck_entry(), change)


def deck_unknown_stance() -> None:
    def change(entry: object) -> object:
        assert isinstance(entry, list)
        entry[2]["slides"]["members"]["items"]["members"]["Reaction"]["stance"][0] = "furious"
        return entry

    rewrite_json(deck_entry(), change)


def deck_citing_an_undeclared_source() -> None:
    def change(entry: object) -> object:
        columns(entry)["source_id"][0] = "elsewhere"
        return entry

    rewrite_json(deck_entry(), change)


def deck_extra_field() -> None:
    def change(entry: object) -> object:
        columns(entry)["exploit"] = columns(entry)["quote"]
        return entry

    rewrite_json(deck_entry(), change)


def deck_column_too_short() -> None:
    def change(entry: object) -> object:
        columns(entry)["quote"].pop()
        return entry

    rewrite_json(deck_entry(), change)


def deck_nested_100000_deep() -> None:
    deck_entry().write_text("[" * 100_000 + "]" * 100_000)


def deck_nested_deep_inside_its_header() -> None:
    key = deck_entry().stem
    deck_entry().write_text(f'["briefing-deck", "{key}", ' + "[" * 100_000 + "]" * 100_000 + "]")


def deck_truncated() -> None:
    data = deck_entry().read_bytes()
    deck_entry().write_bytes(data[: len(data) // 2])


def deck_not_utf8() -> None:
    deck_entry().write_bytes(b"\xff\xfe" + deck_entry().read_bytes())


def deck_lone_surrogate() -> None:
    data = deck_entry().read_bytes()
    deck_entry().write_bytes(data.replace(b'"Tamper deck"', b'"Tamper \\ud800 deck"'))


def deck_nan() -> None:
    data = deck_entry().read_text(encoding="utf-8")
    deck_entry().write_text(re.sub(r'"line":\[\d+', '"line":[NaN', data, count=1), encoding="utf-8")


def deck_huge_number() -> None:
    data = deck_entry().read_text(encoding="utf-8")
    deck_entry().write_text(re.sub(r'"line":\[\d+', '"line":[' + "9" * 5000, data, count=1), encoding="utf-8")


def deck_too_large() -> None:
    with deck_entry().open("r+b") as handle:  # sparse: nothing is written, the size says it all
        handle.truncate(cachefiles.ENTRY_LIMIT + 1)


def deck_fifo() -> None:
    entry = deck_entry()
    entry.unlink()
    os.mkfifo(entry)


def deck_symlink_to_dev_zero() -> None:
    entry = deck_entry()
    entry.unlink()
    entry.symlink_to("/dev/zero")


def deck_symlink_to_an_altered_entry() -> None:
    altered = folder().parent / "altered.json"
    altered.write_bytes(altered_deck_data())
    entry = deck_entry()
    entry.unlink()
    entry.symlink_to(altered)


def deck_folder_in_its_place() -> None:
    entry = deck_entry()
    entry.unlink()
    entry.mkdir()


def deck_writable_by_others() -> None:
    deck_entry().write_bytes(altered_deck_data())
    deck_entry().chmod(0o666)


def deck_of_another_deck() -> None:
    """A sound entry, but filed under another key (its header names another deck's bytes)."""
    data = altered_deck_data()
    key = deck_entry().stem
    deck_entry().write_bytes(data.replace(key.encode(), b"0" * 64))


def quotes_pointing_at_other_text() -> None:
    """Every offset replaced by the place of another verified passage (right types, wrong text)."""
    for entry in quote_entries():

        def change(data: object) -> object:
            assert isinstance(data, dict)
            places = list(data["offsets"].values())
            keys = list(data["offsets"])
            data["offsets"] = {key: places[(i + 1) % len(places)] for i, key in enumerate(keys)}
            return data

        rewrite_json(entry, change)


def quotes_for_every_citation_pointing_at_real_text() -> None:
    """Entries planted for the not-found and ambiguous quotes too, at places of other passages."""
    for entry in quote_entries():

        def change(data: object) -> object:
            assert isinstance(data, dict)
            place = next(iter(data["offsets"].values()))
            for quote in (NOT_FOUND, "The coming days will reveal whether"):
                data["offsets"][f"{quote}\0\0"] = place
            return data

        rewrite_json(entry, change)


def quotes_other_text_of_the_same_length() -> None:
    """Offsets that map exactly onto whole words of the source, as many characters as the quote.

    Only the text differs: planted for the not-found quote too.
    """
    for entry in quote_entries():

        def change(data: object) -> object:
            assert isinstance(data, dict)
            text = source_of(data)
            for key in [*data["offsets"], f"{NOT_FOUND}\0\0"]:
                quote = normalize(key.split("\0")[0])
                for at in range(len(text.normalized) - len(quote)):
                    span = text.to_original(at, at + len(quote))
                    if text.normalized[at : at + len(quote)] != quote and text.whole_words(*span):
                        data["offsets"][key] = [*span, at]
                        break
            return data

        rewrite_json(entry, change)


def quotes_inside_a_longer_word() -> None:
    """An exact entry for words the source has only inside a longer word ("early" in "nearly")."""
    for entry in quote_entries():

        def change(data: object) -> object:
            assert isinstance(data, dict)
            text = source_of(data)
            if "early 30 nations" in text.normalized:
                at = text.normalized.index("early 30 nations")
                data["offsets"]["early 30 nations\0\0"] = [*text.to_original(at, at + 16), at]
            return data

        rewrite_json(entry, change)


def quotes_out_of_range() -> None:
    for entry in quote_entries():

        def change(data: object) -> object:
            assert isinstance(data, dict)
            values = [[10**30, 10**30 + 5, 10**30], [5, 2, 0], [0, 10**9, 0], [0, 3, 10**9]]
            data["offsets"] = {key: values[i % len(values)] for i, key in enumerate(data["offsets"])}
            return data

        rewrite_json(entry, change)


def quotes_negative() -> None:
    for entry in quote_entries():
        rewrite_json(entry, lambda data: {**data, "offsets": {key: [-1, -1, -1] for key in data["offsets"]}})


def quotes_shifted_by_one() -> None:
    """The right normalised place, but original offsets one character off (or the other way round)."""
    for entry in quote_entries():

        def change(data: object) -> object:
            assert isinstance(data, dict)
            shifts = [(1, 1, 0), (0, 0, 1), (-1, 0, 0), (0, 1, 0)]
            data["offsets"] = {
                key: [max(0, v + d) for v, d in zip(value, shifts[i % len(shifts)], strict=True)]
                for i, (key, value) in enumerate(data["offsets"].items())
            }
            return data

        rewrite_json(entry, change)


def quotes_prefix_at_the_other_place() -> None:
    """The prefix-picked quote's entry moved, exactly, to the other occurrence of its words."""
    (entry,) = [e for e in quote_entries() if "he warned." in e.read_text(encoding="utf-8")]
    text = SourceText(ARTICLE)
    words = "The coming days"

    def change(data: object) -> object:
        assert isinstance(data, dict)
        key = f"{words}\0he warned.\0"
        at = text.normalized.index(words, data["offsets"][key][2] + 1)
        data["offsets"][key] = [*text.to_original(at, at + len(words)), at]
        return data

    rewrite_json(entry, change)


def quotes_wrong_types() -> None:
    first, second = quote_entries()
    rewrite_json(
        first, lambda data: {**data, "offsets": {k: list(map(str, v)) for k, v in data["offsets"].items()}}
    )
    rewrite_json(
        second, lambda data: {**data, "offsets": {k: [True, *v[1:]] for k, v in data["offsets"].items()}}
    )


def quotes_floats() -> None:
    for entry in quote_entries():
        rewrite_json(
            entry,
            lambda data: {**data, "offsets": {k: list(map(float, v)) for k, v in data["offsets"].items()}},
        )


def quotes_other_shapes() -> None:
    first, second = quote_entries()
    rewrite_json(first, lambda data: {**data, "offsets": list(data["offsets"].items())})
    rewrite_json(second, lambda data: [data])


def quotes_other_format() -> None:
    first, second = quote_entries()
    rewrite_json(first, lambda data: {**data, "format": 1})
    rewrite_json(second, lambda data: {**data, "version": "0.0.0"})


def quotes_nested_100000_deep() -> None:
    for entry in quote_entries():
        entry.write_text('{"offsets": ' + "[" * 100_000 + "]" * 100_000 + "}")


def quotes_fifo() -> None:
    for entry in quote_entries():
        entry.unlink()
        os.mkfifo(entry)


def folder_writable_by_others() -> None:
    deck_entry().write_bytes(altered_deck_data())
    folder().chmod(0o777)


def folder_writable_by_group() -> None:
    deck_entry().write_bytes(altered_deck_data())
    folder().chmod(0o770)


def decks_folder_writable_by_others() -> None:
    deck_entry().write_bytes(altered_deck_data())
    (folder() / "decks").chmod(0o757)


def decks_folder_a_symlink() -> None:
    """The decks folder swapped for a link to a private folder holding an altered entry."""
    elsewhere = folder().parent / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (elsewhere / deck_entry().name).write_bytes(altered_deck_data())
    shutil.rmtree(folder() / "decks")
    (folder() / "decks").symlink_to(elsewhere)


def quotes_folder_a_fifo() -> None:
    shutil.rmtree(folder() / "quotes")
    os.mkfifo(folder() / "quotes")


def folder_a_file() -> None:
    shutil.rmtree(folder())
    folder().write_text("not a folder")


CASES = [
    deck_wrong_types,
    deck_bool_for_int,
    deck_unknown_item_kind,
    deck_item_of_another_kind,
    deck_unknown_slide_kind,
    deck_unknown_stance,
    deck_citing_an_undeclared_source,
    deck_extra_field,
    deck_column_too_short,
    deck_nested_100000_deep,
    deck_nested_deep_inside_its_header,
    deck_truncated,
    deck_not_utf8,
    deck_lone_surrogate,
    deck_nan,
    deck_huge_number,
    deck_too_large,
    deck_fifo,
    deck_symlink_to_dev_zero,
    deck_symlink_to_an_altered_entry,
    deck_folder_in_its_place,
    deck_writable_by_others,
    deck_of_another_deck,
    quotes_pointing_at_other_text,
    quotes_for_every_citation_pointing_at_real_text,
    quotes_other_text_of_the_same_length,
    quotes_inside_a_longer_word,
    quotes_out_of_range,
    quotes_negative,
    quotes_shifted_by_one,
    quotes_prefix_at_the_other_place,
    quotes_wrong_types,
    quotes_floats,
    quotes_other_shapes,
    quotes_other_format,
    quotes_nested_100000_deep,
    quotes_fifo,
    folder_writable_by_others,
    folder_writable_by_group,
    decks_folder_writable_by_others,
    decks_folder_a_symlink,
    quotes_folder_a_fifo,
    folder_a_file,
]


#: Offsets of the right types that fail the verifier's check: a miss, quietly
#: (the core has no one to tell); every other case is noticed by the store.
QUIET = {
    quotes_pointing_at_other_text,
    quotes_for_every_citation_pointing_at_real_text,
    quotes_other_text_of_the_same_length,
    quotes_inside_a_longer_word,
    quotes_out_of_range,
    quotes_shifted_by_one,
    quotes_prefix_at_the_other_place,
}


@pytest.mark.parametrize("tamper", CASES, ids=[case.__name__ for case in CASES])
def test_a_tampered_cache_changes_no_answer(
    tamper: Callable[[], None],
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    baseline = warm(project, capsys, monkeypatch)
    tamper()
    warnings = assert_same_answers(project, capsys, monkeypatch, baseline)
    assert bool(warnings) == (tamper not in QUIET), warnings


def test_an_altered_entry_in_a_private_folder_is_believed(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control for the refusals above: the altered entry, where the cache trusts it, changes the answer.

    A deck entry in the user's own private folder is trusted as the user's own
    file is (whoever can write it can edit the deck too); what the tests above
    show is that nothing else is.
    """
    warm(project, capsys, monkeypatch)
    deck_entry().write_bytes(altered_deck_data())
    status, out, _ = check(project, capsys, monkeypatch)
    assert status == 1 and NOT_FOUND not in out and "early 30 nations" in out  # the others are still wrong


@pytest.mark.parametrize("where", ["folder", "decks", "entry"])
def test_what_another_user_owns_is_refused(
    where: str, project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Owned by another uid: really, as root; else by telling the cache the user is someone else."""
    baseline = warm(project, capsys, monkeypatch)
    deck_entry().write_bytes(altered_deck_data())
    target = {"folder": folder(), "decks": folder() / "decks", "entry": deck_entry()}[where]
    if os.getuid() == 0:
        os.chown(target, 12345, 12345)
    elif where == "folder":
        me = os.getuid()
        monkeypatch.setattr(cachefiles.os, "getuid", lambda: me + 1)
    else:
        pytest.skip("only root can give a file to another user")
    warnings = assert_same_answers(project, capsys, monkeypatch, baseline)
    assert any("belongs to another user" in line for line in warnings)


def test_a_folder_that_cannot_be_read_is_a_miss(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permission denied on the cache folder (simulated as root, whom permissions do not stop)."""
    baseline = warm(project, capsys, monkeypatch)
    if os.getuid() == 0:
        real_open = os.open

        def denied(path: object, *args: object, **kwargs: object) -> int:
            if path in (str(folder()), folder()):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(cachefiles.os, "open", denied)
    else:
        folder().chmod(0)
    try:
        warnings = assert_same_answers(project, capsys, monkeypatch, baseline)
    finally:
        folder().chmod(0o700)
    assert warnings and all("Permission denied" in line for line in warnings)


def test_a_refused_folder_is_left_alone(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is written into a folder others can write, and one warning per run says why."""
    baseline = without_cache(project, capsys, monkeypatch)
    folder().chmod(0o777)
    status, out, err = check(project, capsys, monkeypatch)
    assert (status, out) == baseline[()][:2]
    assert list(folder().iterdir()) == []
    (warning,) = [line for line in err if line not in baseline[()][2]]
    assert warning == (
        f"briefing: the cache folder {folder()} can be written by other users (`chmod go-w` it to use it); "
        "BRIEFING_NO_CACHE=1 turns the cache off"
    )


def test_the_viewer_gets_no_warning(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual draws the viewer's screen on stderr: the cache says nothing unless a command asks."""
    from briefing.core.verify import Verifier

    folder().chmod(0o777)
    cache.warnings_to(None)
    deck = cache.load_deck_cached(project)
    Verifier(deck, cache.QuoteOffsets()).verify_all()
    assert capsys.readouterr() == ("", "")
    assert cachefiles._warned  # there was something to say


def test_the_viewer_path_is_quiet_by_default(project: Path) -> None:
    """In a process of its own, what the viewer calls (and nothing else) writes nothing to stderr."""
    folder().chmod(0o777)
    code = (
        "import sys\n"
        "from briefing.core.verify import Verifier\n"
        "from briefing.store.cache import QuoteOffsets, load_deck_cached\n"
        "deck = load_deck_cached(sys.argv[1])\n"
        "Verifier(deck, QuoteOffsets()).verify_all()\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(project)], env=env, capture_output=True, timeout=120
    )
    assert (done.returncode, done.stderr) == (0, b"")


def test_tampered_quote_entries_are_dropped(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An offset that fails the check again is searched afresh and the entry rewritten, right."""
    baseline = warm(project, capsys, monkeypatch)
    before = {entry.name: json.loads(entry.read_text(encoding="utf-8")) for entry in quote_entries()}
    quotes_pointing_at_other_text()
    assert_same_answers(project, capsys, monkeypatch, baseline)
    after = {entry.name: json.loads(entry.read_text(encoding="utf-8")) for entry in quote_entries()}
    assert after == before


def test_cache_files_are_private(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(folder())
    warm(project, capsys, monkeypatch)
    for path in [folder(), *folder().rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode & 0o077 == 0, (path, oct(mode))


def test_an_entry_that_is_not_a_regular_file_is_never_read(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FIFO with a writer behind it, offering a well-formed altered entry: refused, unread."""
    warm(project, capsys, monkeypatch)
    entry = deck_entry()
    altered = altered_deck_data()
    entry.unlink()
    os.mkfifo(entry)
    reader = os.open(entry, os.O_RDONLY | os.O_NONBLOCK)  # so that the writer can open
    writer = os.open(entry, os.O_WRONLY | os.O_NONBLOCK)
    try:
        os.write(writer, altered[:4096])
        assert cachefiles.read_entry("decks", entry.name) is None
        assert os.read(reader, 4096) == altered[:4096]  # still there: the cache read none of it
    finally:
        os.close(writer)
        os.close(reader)


def test_an_oversized_entry_is_refused_by_its_size(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    warm(project, capsys, monkeypatch)
    deck_too_large()

    def no_read(*args: object) -> bytes:
        raise AssertionError("read")

    monkeypatch.setattr(cachefiles.os, "read", no_read)
    assert cachefiles.read_entry("decks", deck_entry().name) is None


def test_a_fifo_in_the_cache_does_not_hang_a_real_run(project: Path) -> None:
    """End to end, in a process of its own: entries and a folder replaced by FIFOs, with a time limit."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "briefing", "check", "--json", str(project)]
    baseline = subprocess.run(
        command, env={**env, "BRIEFING_NO_CACHE": "1"}, capture_output=True, timeout=120
    )
    subprocess.run(command, env=env, capture_output=True, timeout=120, check=False)  # fills the cache
    deck_fifo()
    quotes_folder_a_fifo()
    tampered = subprocess.run(command, env=env, capture_output=True, timeout=60)
    assert (tampered.returncode, tampered.stdout) == (baseline.returncode, baseline.stdout) != (0, b"")
    assert len(tampered.stderr.splitlines()) == 1 and b"BRIEFING_NO_CACHE=1" in tampered.stderr
