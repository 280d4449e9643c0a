"""The case journal: what was done to get back in (courier numbers, tickets, calls).

The recovery guide (a third-party how-to) advises keeping every receipt.  Entries
are JSON Lines in the user data directory, appended one fsynced line at a time and
never rewritten: an entry that was written survives whatever happens to a later
one.  A line that a power loss cut short is skipped with a warning when reading,
and the next entry starts on a line of its own, so one broken write costs that
entry only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

KINDS = ("courier", "ticket", "call", "submission")
FILENAME = "journal.jsonl"
MAX_TEXT = 4000  # characters of one entry's text or reference


class JournalError(Exception):
    """The journal cannot be written or read; ``str()`` is the one line to show."""


@dataclass(frozen=True)
class Entry:
    at: datetime  # aware, the user's local time
    text: str
    kind: str | None = None
    ref: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "kind": self.kind, "text": self.text, "ref": self.ref}

    @classmethod
    def from_json(cls, raw: Any) -> Entry:
        """An entry from one decoded line; ``ValueError`` when it is not one."""
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
            raise ValueError("not an entry")
        kind, ref = raw.get("kind"), raw.get("ref")
        if kind is not None and kind not in KINDS:
            raise ValueError("kind")
        if ref is not None and not isinstance(ref, str):
            raise ValueError("ref")
        at = datetime.fromisoformat(str(raw.get("at")))
        return cls(at=at, text=raw["text"], kind=kind, ref=ref)


@dataclass(frozen=True)
class Skipped:
    """A line that is not an entry: ``incomplete`` when it is the last and unterminated."""

    line: int
    incomplete: bool


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("beianaudit")) / FILENAME


def _reason(exc: OSError) -> str:
    from beianaudit.i18n import os_reason

    return os_reason(exc)


def append(entry: Entry, path: Path) -> None:
    """Append ``entry`` as one line and fsync it; raise :class:`JournalError` on failure.

    Opened with ``O_APPEND``, so the write lands after whatever is there and no
    earlier byte is touched.  When the file does not end with a newline (a write
    cut short), the entry starts with one, keeping the broken line apart.
    """
    from beianaudit.i18n import _

    _refuse_special(path, _("cannot write the journal {path} ({reason}); the entry was not saved"))
    line = json.dumps(entry.as_json(), ensure_ascii=False, separators=(",", ":")) + "\n"
    written = False  # the whole line is in the file (it may not be on disk yet)
    try:
        created = not path.exists()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            data = line.encode("utf-8")
            if _ends_unterminated(path):
                data = b"\n" + data
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            written = True
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            _fsync_dir(path.parent)
    except OSError as exc:
        if written:  # only the flush to disk failed: the entry is there, but may not last
            message = _(
                "the journal {path} could not be flushed to disk ({reason}); the entry was "
                "written but may be lost if the machine stops now"
            )
        else:
            message = _("cannot write the journal {path} ({reason}); the entry was not saved")
        raise JournalError(message.format(path=path, reason=_reason(exc))) from None


def _refuse_special(path: Path, message: str) -> None:
    """Only a regular file is a journal: opening a FIFO waits forever for the other end,
    and a device would swallow the entries.  ``message`` takes ``path`` and ``reason``."""
    from beianaudit.config import not_regular

    if (reason := not_regular(path)) is not None:
        raise JournalError(message.format(path=path, reason=reason))


def _ends_unterminated(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(0, os.SEEK_END)
        if fh.tell() == 0:
            return False
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) != b"\n"


def _fsync_dir(folder: Path) -> None:
    """Make a new file's name durable too (POSIX; elsewhere there is nothing to do)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read(path: Path) -> Iterator[Entry | Skipped]:
    """Every entry in order, and a :class:`Skipped` for each line that is not one.

    Reads line by line, so a long journal keeps memory flat.  No file: no entries.
    """
    from beianaudit.i18n import _

    _refuse_special(path, _("cannot read the journal {path} ({reason})"))
    unreadable = _("cannot read the journal {path} ({reason})")
    try:  # without blocking, and checked again once open: the path may change meanwhile
        fh = os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb")
    except FileNotFoundError:
        return
    except OSError as exc:
        raise JournalError(unreadable.format(path=path, reason=_reason(exc))) from None
    from beianaudit.config import not_regular

    if (reason := not_regular(path, os.fstat(fh.fileno()).st_mode)) is not None:
        fh.close()
        raise JournalError(unreadable.format(path=path, reason=reason))
    with fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                yield Entry.from_json(json.loads(raw.decode("utf-8")))
            except (ValueError, TypeError, RecursionError):
                yield Skipped(number, incomplete=not raw.endswith(b"\n"))
