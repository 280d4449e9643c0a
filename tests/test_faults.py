"""Config updates and the journal under simulated failures, driven from the command line.

The faults are injected under the code, at the ``os`` calls it makes, so they hold
whatever the feature code does: the disk fills up (at once, or after half a write),
fsync fails, the rename fails, an unexpected exception or an interrupt lands between
write and rename, the folder is read-only or out of inodes. Each time the data that
was there is intact, the user reads one clear line (exit 2), no temporary file is
left behind, and the next run, without the fault, works.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from beianaudit import config_update
from beianaudit.recovery import journal
from tests.conftest import SAMPLES, TODAY


@dataclass(frozen=True)
class Fault:
    """Make the first call of ``os.<call>`` (that writes, for ``open``) fail with ``error``."""

    call: str
    error: Callable[[], BaseException]
    partial: bool = False  # for write: half the bytes reach the disk first

    def inject(self, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        real = getattr(os, self.call)
        fired: list[str] = []

        def faulty(*args, **kwargs):  # type: ignore[no-untyped-def]
            creating = self.call != "open" or (len(args) > 1 and args[1] & os.O_CREAT)
            if fired or not creating:
                return real(*args, **kwargs)
            fired.append(self.call)
            if self.partial:
                fd, data = args[0], bytes(args[1])
                real(fd, data[: len(data) // 2])
            raise self.error()

        monkeypatch.setattr(os, self.call, faulty)
        # Defaults bound at definition time (``fsync=os.fsync``) get the fault too.
        for module in (config_update, journal):
            for fn in vars(module).values():
                for key, value in (getattr(fn, "__kwdefaults__", None) or {}).items():
                    if value is real:
                        monkeypatch.setitem(fn.__kwdefaults__, key, faulty)
        return fired


def oserror(code: int) -> Callable[[], OSError]:
    return lambda: OSError(code, os.strerror(code))


DISK_FAULTS = {
    "disk full": Fault("write", oserror(errno.ENOSPC)),
    "disk full mid-write": Fault("write", oserror(errno.ENOSPC), partial=True),
    "quota mid-write": Fault("write", oserror(errno.EDQUOT), partial=True),
    "fsync fails": Fault("fsync", oserror(errno.EIO)),
    "read-only folder": Fault("open", lambda: PermissionError(errno.EACCES, "Permission denied")),
    "read-only file system": Fault("open", oserror(errno.EROFS)),
    "no inodes left": Fault("open", oserror(errno.ENOSPC)),
}
CONFIG_FAULTS = {
    **DISK_FAULTS,
    "rename fails": Fault("replace", oserror(errno.EXDEV)),
    "bug between write and rename": Fault("replace", lambda: RuntimeError("unexpected")),
}


def one_line(result) -> str:  # type: ignore[no-untyped-def]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


# --- config updates: beianaudit contacts verified ----------------------------------------


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "conf"
    folder.mkdir()
    path = folder / "config.toml"
    path.write_bytes((SAMPLES / "personal.toml").read_bytes())
    path.chmod(0o600)
    return path


@pytest.mark.parametrize("name", CONFIG_FAULTS)
def test_config_update_survives(
    run_cli, monkeypatch: pytest.MonkeyPatch, config: Path, name: str
) -> None:
    original = config.read_bytes()
    with monkeypatch.context() as patch:
        fired = CONFIG_FAULTS[name].inject(patch)
        result = run_cli("contacts", "verified", "phone", "--config", str(config))
    assert fired, "the fault was never reached"
    assert result.exit_code == 2, result.output
    line = one_line(result)
    assert ("internal error" if name.startswith("bug") else str(config)) in line
    assert config.read_bytes() == original
    assert os.listdir(config.parent) == ["config.toml"]  # no temporary file left
    again = run_cli("contacts", "verified", "phone", "--config", str(config))
    assert again.exit_code == 0, again.output
    assert f"phone_verified = {TODAY.isoformat()}" in config.read_text(encoding="utf-8")
    assert config.read_text(encoding="utf-8").startswith("# beianaudit 配置示例")


def test_interrupt_between_write_and_rename(monkeypatch: pytest.MonkeyPatch, config: Path) -> None:
    """Ctrl-C at the worst moment: the old file stays and the temporary one goes."""
    original = config.read_bytes()
    with monkeypatch.context() as patch:
        Fault("replace", KeyboardInterrupt).inject(patch)
        with pytest.raises(KeyboardInterrupt):
            config_update.set_value(config, ("contacts", "phone_verified"), TODAY)
    assert config.read_bytes() == original
    assert os.listdir(config.parent) == ["config.toml"]


# --- the journal: beianaudit journal add / list ------------------------------------------


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "xdg-data" / "beianaudit" / journal.FILENAME


def entries(run_cli) -> tuple[list[str], dict]:  # type: ignore[no-untyped-def]
    result = run_cli("journal", "list", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return [e["text"] for e in data["entries"]], data


@pytest.mark.parametrize("name", DISK_FAULTS)
def test_journal_append_survives(
    run_cli, monkeypatch: pytest.MonkeyPatch, journal_path: Path, name: str
) -> None:
    assert run_cli("journal", "add", "first", "--kind", "call").exit_code == 0
    assert run_cli("journal", "add", "second", "--ref", "SF123").exit_code == 0
    before = journal_path.read_bytes()
    with monkeypatch.context() as patch:
        fired = DISK_FAULTS[name].inject(patch)
        result = run_cli("journal", "add", "third")
    assert fired, "the fault was never reached"
    assert result.exit_code == 2, result.output
    said = one_line(result)
    assert journal_path.read_bytes().startswith(before)  # what was there is untouched
    assert run_cli("journal", "add", "fourth").exit_code == 0
    texts, _data = entries(run_cli)
    assert texts[:2] == ["first", "second"]
    assert texts[-1] == "fourth"
    # What the user was told is what happened: "third" is there only when its fsync,
    # not its write, failed, and then the message says it was written.
    if "third" in texts:
        assert "was written but may be lost" in said
    else:
        assert "not saved" in said
    assert os.listdir(journal_path.parent) == [journal.FILENAME]


def test_journal_in_a_folder_that_cannot_be_made(run_cli, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "xdg-data"
    blocker.write_text("a file where the data folder should be")
    result = run_cli("journal", "add", "x")
    assert result.exit_code == 2
    assert "not saved" in one_line(result)
    assert blocker.read_text() == "a file where the data folder should be"


def test_journal_unreadable_is_one_line(run_cli, journal_path: Path, monkeypatch) -> None:
    assert run_cli("journal", "add", "kept").exit_code == 0
    real_open = os.open

    def denied(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path) == journal_path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "open", denied)
        result = run_cli("journal", "list")
    assert result.exit_code == 2
    assert "Permission denied" in one_line(result)
    assert entries(run_cli)[0] == ["kept"]
