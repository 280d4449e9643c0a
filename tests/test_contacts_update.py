"""The atomic, comment-keeping config update behind ``beianaudit contacts verified``."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.config import ConfigError, load
from beianaudit.config_update import atomic_write, set_value
from tests.conftest import ROOT
from tests.fuzzing import budget

ORIGINAL = """\
# top comment
[subject]
type = "personal"  # inline

[contacts]
phone = "13912345678"
# above the date
phone_verified = 2026-01-01  # after the date

[policy]
stale_after_days = 90
"""
KEY = ("contacts", "phone_verified")
NEW = date(2026, 11, 25)


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_update_changes_only_the_value(write_config) -> None:
    path = write_config(ORIGINAL, mode=0o604)
    set_value(path, KEY, NEW)
    assert path.read_text() == ORIGINAL.replace("2026-01-01", "2026-11-25")
    assert path.stat().st_mode & 0o777 == 0o604
    assert load(path).contacts.phone_verified == NEW
    assert leftovers(path.parent) == []


def test_update_keeps_a_byte_order_mark_and_crlf(write_config) -> None:
    path = write_config()
    path.write_bytes(b"\xef\xbb\xbf" + ORIGINAL.replace("\n", "\r\n").encode())
    set_value(path, KEY, NEW)
    assert (
        path.read_bytes()
        == b"\xef\xbb\xbf"
        + ORIGINAL.replace("2026-01-01", "2026-11-25").replace("\n", "\r\n").encode()
    )


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_failing_step_leaves_the_old_file_intact(write_config, step: str) -> None:
    path = write_config(ORIGINAL)

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(ConfigError) as info:
        set_value(path, KEY, NEW, **{step: fail})
    assert str(info.value) == (
        f"{path}: cannot write the config file (No space left on device); it was left as it was"
    )
    assert path.read_text() == ORIGINAL
    assert leftovers(path.parent) == []


def test_a_partial_write_then_failure_leaves_the_old_file(write_config) -> None:
    path = write_config(ORIGINAL)

    def half_then_fail(fd: int, data: bytes) -> None:
        os.write(fd, data[: len(data) // 2])
        raise OSError(5, "Input/output error")

    with pytest.raises(ConfigError):
        set_value(path, KEY, NEW, write=half_then_fail)
    assert path.read_text() == ORIGINAL


def test_killed_between_write_and_rename(write_config) -> None:
    """A real process dies after the data is written and synced, before the rename."""
    path = write_config(ORIGINAL)
    code = textwrap.dedent(
        f"""
        import os, sys
        from datetime import date
        from pathlib import Path
        from beianaudit.config_update import set_value

        def die(src, dst):
            os.kill(os.getpid(), 9)

        set_value(Path({str(path)!r}), ("contacts", "phone_verified"), date(2026, 11, 25),
                  replace=die)
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT)
    assert proc.returncode == -9, proc.stderr
    assert path.read_text() == ORIGINAL  # the old file, whole
    (temp,) = leftovers(path.parent)  # the complete new text waits beside it
    assert "phone_verified = 2026-11-25" in (path.parent / temp).read_text()


def test_unwritable_folder_is_one_line(write_config) -> None:
    path = write_config(ORIGINAL)

    def denied(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    with pytest.raises(ConfigError, match="Permission denied"):
        set_value(path, KEY, NEW, opener=denied)
    assert path.read_text() == ORIGINAL


def test_atomic_write_new_file_is_private(tmp_path) -> None:
    path = tmp_path / "new.toml"
    atomic_write(path, b"x = 1\n")
    assert path.read_bytes() == b"x = 1\n"
    assert path.stat().st_mode & 0o777 == 0o600


def test_missing_table_is_a_config_error(write_config) -> None:
    path = write_config('[subject]\ntype = "personal"\n')
    with pytest.raises(ConfigError, match=r"contacts.phone_verified: cannot update the config"):
        set_value(path, KEY, NEW)


comment = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\r\n"),
    max_size=30,
)


@budget(20)
@given(comments=st.lists(comment, min_size=3, max_size=3), day=st.dates(date(2000, 1, 1), NEW))
def test_any_comments_survive(write_config, comments: list[str], day: date) -> None:
    a, b, c = comments
    text = f'#{a}\n[subject]\ntype = "personal" #{b}\n[contacts]\nphone = "13912345678"\n#{c}\n'
    path = write_config(text)
    set_value(path, KEY, day)
    assert path.read_text() == text + f"phone_verified = {day.isoformat()}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'contacts.phone = "13912345678"\n[subject]\ntype = "personal"\n',
            'contacts.phone = "13912345678"\ncontacts.phone_verified = 2026-11-25\n',
        ),
        (
            'contacts = { phone = "13912345678" }\n[subject]\ntype = "personal"\n',
            'contacts = { phone = "13912345678", phone_verified = 2026-11-25}\n',
        ),
    ],
)
def test_dotted_and_inline_tables(write_config, text: str, expected: str) -> None:
    path = write_config(text)
    set_value(path, KEY, NEW)
    assert path.read_text().startswith(expected)
    assert load(path).contacts.phone_verified == NEW


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_root_keeps_the_owner(write_config) -> None:
    path = write_config(ORIGINAL)
    os.chown(path, 4321, 4322)
    set_value(path, KEY, NEW)
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4322)


def _record(path: str, kind: str, day: str, start: Any) -> None:
    """One user's ``contacts verified KIND --on DAY``, run in its own process."""
    from click.testing import CliRunner

    from beianaudit.cli import cli

    start.wait()
    result = CliRunner().invoke(
        cli, ["contacts", "verified", kind, "--on", day, "--config", path], obj={"today": NEW}
    )
    sys.exit(result.exit_code)


def test_parallel_updates_lose_nothing(write_config) -> None:
    """``verified phone`` and ``verified email`` at once on one file: both dates land."""
    import multiprocessing

    text = ORIGINAL.replace('phone = "13912345678"', 'phone = "13912345678"\nemail = "a@b.cn"')
    path = write_config(text)
    context = multiprocessing.get_context("fork")
    lost = 0
    for trial in range(20):
        path.write_text(text)
        day = f"2026-11-{trial + 1:02d}"
        start = context.Barrier(2)
        workers = [
            context.Process(target=_record, args=(str(path), kind, day, start))
            for kind in ("phone", "email")
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert [worker.exitcode for worker in workers] == [0, 0]
        contacts = load(path).contacts
        expected = date.fromisoformat(day)
        lost += (contacts.phone_verified, contacts.email_verified) != (expected, expected)
    assert lost == 0
    assert leftovers(path.parent) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("through_link", [False, True])
def test_a_pipe_is_never_locked_nor_replaced(tmp_path, through_link: bool) -> None:
    """The lock opens the file before reading it: on a FIFO that open waits for a writer."""
    from tests.fuzzing import finishes

    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    path = fifo
    if through_link:
        path = tmp_path / "link.toml"
        path.symlink_to(fifo)
    with pytest.raises(ConfigError) as caught:
        finishes(lambda: set_value(path, ("contacts", "phone_verified"), date(2026, 1, 1)), fifo)
    assert str(caught.value) == (
        f"{path}: not a regular file (a pipe, a device or a socket); it was left as it was"
    )
    assert os.path.exists(fifo)
    assert not os.path.isfile(fifo)
