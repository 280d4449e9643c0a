"""The case journal: append-only JSON Lines that survive an interrupted write."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.cli import cli
from beianaudit.recovery import journal
from beianaudit.recovery.journal import Entry, Skipped
from tests.fuzzing import budget

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=CST)


def run(*args: str, now: datetime = NOW) -> Result:
    return CliRunner().invoke(cli, ["journal", *args], obj={"now": now})


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Where the CLI keeps the journal: the platformdirs data directory (XDG_DATA_HOME)."""
    return tmp_path / "xdg-data" / "beianaudit" / journal.FILENAME


def test_add_then_list_in_order(path: Path) -> None:
    assert run("add", "sent the licence copy", "--kind", "courier", "--ref", "SF123").exit_code == 0
    later = NOW + timedelta(days=2, hours=1)
    assert run("add", "called the hotline", "--kind", "call", now=later).exit_code == 0
    assert run("add", "  note without kind  ").exit_code == 0

    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == 3
    assert json.loads(lines[0]) == {
        "at": "2026-11-25T09:30:00+08:00",
        "kind": "courier",
        "text": "sent the licence copy",
        "ref": "SF123",
    }
    assert json.loads(lines[2])["text"] == "note without kind"

    listed = run("list")
    assert listed.exit_code == 0
    assert listed.output.splitlines() == [
        "2026-11-25 09:30  [courier]  SF123  sent the licence copy",
        "2026-11-27 10:30  [call]  called the hotline",
        "2026-11-25 09:30  note without kind",
    ]


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_journal_is_private(path: Path) -> None:
    run("add", "ticket opened", "--kind", "ticket", "--ref", "T-42")
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o077 == 0


def test_an_entry_never_rewrites_the_ones_before(path: Path) -> None:
    run("add", "first")
    before = path.read_bytes()
    run("add", "second", "--kind", "submission")
    after = path.read_bytes()
    assert after.startswith(before)
    assert after.count(b"\n") == 2


def test_list_json(path: Path) -> None:
    run("add", "寄出材料", "--kind", "courier", "--ref", "SF 1234")
    result = run("list", "--format", "json")
    assert result.exit_code == 0
    out = json.loads(result.output)
    assert out["journal"] == str(path)
    assert out["entries"] == [
        {"at": NOW.isoformat(), "kind": "courier", "text": "寄出材料", "ref": "SF 1234"}
    ]
    assert out["skipped"] == []


def test_a_truncated_last_line_is_skipped_with_a_warning_and_the_next_entry_is_safe(
    path: Path,
) -> None:
    run("add", "first")
    run("add", "second")
    with path.open("ab") as fh:  # a power loss in the middle of the third write
        fh.write(b'{"at":"2026-11-25T09:30:00+08:00","kind":"cou')

    listed = run("list")
    assert listed.exit_code == 0
    assert listed.stdout.count("\n") == 2
    assert "line 3 of the journal was cut short" in listed.stderr
    assert "Traceback" not in listed.output

    assert run("add", "third").exit_code == 0
    data = json.loads(run("list", "--format", "json").stdout)
    assert [e["text"] for e in data["entries"]] == ["first", "second", "third"]
    # The broken line stays where it was, kept apart from the new entry.
    assert data["skipped"] == [{"line": 3, "incomplete": False}]


@pytest.mark.parametrize(
    "junk",
    [
        b"not json at all",
        b"\xff\xfe\x00binary",
        b'{"text": 5}',
        b'["a list"]',
        b'{"at": "yesterday", "text": "x"}',
        b'{"at": "2026-11-25T09:30:00", "text": "x", "kind": "fax"}',
        b"[" * 100_000,
    ],
)
def test_a_damaged_line_in_the_middle_is_skipped(path: Path, junk: bytes) -> None:
    run("add", "before")
    with path.open("ab") as fh:
        fh.write(junk + b"\n")
    run("add", "after")
    listed = run("list")
    assert listed.exit_code == 0
    assert "line 2 of the journal is damaged" in listed.stderr
    assert [line.split("  ")[-1] for line in listed.stdout.splitlines()] == ["before", "after"]


def test_an_empty_journal(path: Path) -> None:
    result = run("list")
    assert result.exit_code == 0
    assert "The journal is empty" in result.output
    assert not path.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "   "], "the entry's text is empty"),
        (["add", ""], "the entry's text is empty"),
        (["add", "\u3000\t"], "the entry's text is empty"),
        (["add", "x" * (journal.MAX_TEXT + 1)], "limited to 4000 characters"),
        (["add", "x", "--ref", "r" * (journal.MAX_TEXT + 1)], "limited to 4000 characters"),
    ],
)
def test_bad_entries_are_refused(path: Path, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert not path.exists()


def test_an_unknown_kind_is_a_usage_error(path: Path) -> None:
    assert run("add", "x", "--kind", "fax").exit_code == 2
    assert not path.exists()


def test_an_unwritable_journal_is_one_line_and_exit_2(path: Path) -> None:
    path.mkdir(parents=True)  # a folder where the file should be
    result = run("add", "x")
    assert result.exit_code == 2
    assert result.output.startswith("beianaudit: cannot write the journal")
    assert "the entry was not saved" in result.output
    assert len(result.output.splitlines()) == 1
    listed = run("list")
    assert listed.exit_code == 2
    assert listed.output.startswith("beianaudit: cannot read the journal")


def test_chinese_listing(path: Path) -> None:
    run("add", "寄出营业执照复印件", "--kind", "courier", "--ref", "SF1234")
    result = CliRunner().invoke(cli, ["--lang", "zh_CN", "journal", "list"], obj={"now": NOW})
    assert result.exit_code == 0
    assert "[快递]  SF1234  寄出营业执照复印件" in result.output


def test_control_characters_stay_on_one_line(path: Path) -> None:
    run("add", "line one\nline two\x1b[31m", "--ref", "A\nB")
    listed = run("list").stdout.splitlines()
    assert len(listed) == 1
    assert "\x1b" not in listed[0]
    assert listed[0].endswith("  A B  line one line two [31m")


def test_undecodable_bytes_from_the_shell_are_refused(path: Path) -> None:
    text = b"\xff\xfe receipt".decode("utf-8", "surrogateescape")  # as Python passes argv
    result = run("add", text)
    assert result.exit_code == 2
    assert "not valid text (UTF-8)" in result.output
    assert not path.exists()


# --- properties of the file format --------------------------------------------------------

times = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from([UTC, CST, timezone(timedelta(hours=-5))]),
)
entries = st.builds(
    Entry,
    at=times,
    text=st.text(min_size=1, max_size=200),
    kind=st.sampled_from([None, *journal.KINDS]),
    ref=st.none() | st.text(max_size=50),
)


@budget(20)
@given(st.lists(entries, min_size=1, max_size=5))
def test_entries_come_back_as_written(tmp_path_factory, written: list[Entry]) -> None:
    path = tmp_path_factory.mktemp("j") / journal.FILENAME
    for entry in written:
        journal.append(entry, path)
    assert list(journal.read(path)) == written


@budget(20)
@given(st.binary(max_size=400), entries)
def test_any_bytes_before_an_entry_cost_at_most_their_own_lines(
    tmp_path_factory, junk: bytes, entry: Entry
) -> None:
    """Whatever a crash or an editor left in the file, reading never raises and a new
    entry appended after it is read back intact, as the last item."""
    path = tmp_path_factory.mktemp("j") / journal.FILENAME
    path.write_bytes(junk)
    journal.append(entry, path)
    items = list(journal.read(path))
    assert items[-1] == entry
    assert all(isinstance(i, Entry | Skipped) for i in items)
    assert path.read_bytes().startswith(junk)


def test_text_listing_masks_identifiers_written_in_a_note(path: Path) -> None:
    note = "寄出身份证330106199003071236复印件，回电13912345678或 zhangwei@example.com"
    run("add", note, "--kind", "courier", "--ref", "+86 139-1234-5678")
    run("add", "营业执照 91330106MA27XK1A2X 已提交", "--ref", "2026112500042")
    listed = run("list")
    assert listed.exit_code == 0
    assert listed.output.splitlines() == [
        "2026-11-25 09:30  [courier]  139****5678  "
        "寄出身份证3301**********1236复印件，回电139****5678或 zh******@example.com",
        "2026-11-25 09:30  2026112500042  营业执照 9133**********1A2X 已提交",
    ]
    entries = json.loads(run("list", "--format", "json").output)["entries"]
    assert entries[0]["text"] == note  # JSON: the entry as written, for the user's own tools


@given(
    before=st.sampled_from(["", "身份证", "ID ", "（", "电话："]),
    after=st.sampled_from(["", "。", " 已寄出", "）"]),
    value=st.one_of(
        st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
        st.from_regex(r"[0-9]{17}[0-9X]", fullmatch=True),
        st.from_regex(r"[0-9A-HJ-NPQRTUWXY]{18}", fullmatch=True).filter(
            lambda v: any(c.isdigit() for c in v)
        ),
    ),
)
def test_no_identifier_survives_masking(before: str, after: str, value: str) -> None:
    from beianaudit.mask import mask_text

    masked = mask_text(before + value + after)
    assert value not in masked
    assert masked.startswith(before)
    assert masked.endswith(after)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize(
    ("command", "message"),
    [(["add", "x"], "cannot write the journal"), (["list"], "cannot read the journal")],
)
def test_a_pipe_as_journal_is_refused_without_opening_it(
    path: Path, command: list[str], message: str
) -> None:
    """Opening a FIFO waits for the other end: without the check the command hangs."""
    from tests.fuzzing import finishes

    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    result = finishes(lambda: run(*command), path)
    assert isinstance(result, Result)
    assert result.exit_code == 2
    assert result.output == (
        f"beianaudit: {message} {path} (not a regular file (a pipe, a device or a socket))"
        + ("; the entry was not saved" if command[0] == "add" else "")
        + "\n"
    )


def test_a_failed_flush_is_said_in_chinese(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The system's EINVAL (fsync on a file system that cannot) is no English in zh output."""
    import errno

    def refuse(fd: int) -> None:
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(os, "fsync", refuse)
    result = run("add", "x", "--lang", "zh_CN")
    assert result.exit_code == 2
    assert "Invalid argument" not in result.output
    assert "参数无效" in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_pipe_swapped_in_after_the_check_is_refused_once_open(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check before opening can be raced: the open does not block, and the open file
    is checked again."""
    from tests.fuzzing import finishes

    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    monkeypatch.setattr(journal, "_refuse_special", lambda path, message: None)
    result = finishes(lambda: run("list"), path)
    assert isinstance(result, Result)
    assert result.exit_code == 2
    assert "cannot read the journal" in result.output
