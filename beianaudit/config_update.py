"""Change one value of the TOML config in place, atomically, keeping everything else.

tomlkit keeps every comment, the key order and the formatting; the file is
replaced atomically (a temporary file beside it, written, fsynced, renamed over
it, then the folder fsynced), with the original's permission bits.  A crash or
a failure at any step before the rename leaves the old file untouched.

The read-modify-write holds an exclusive lock (``flock``) on the config file, so
two updates at once (``verified phone`` and ``verified email``) both land.

The steps are parameters (``opener``, ``write``, ``fsync``, ``replace``) so that
a test can make any one of them fail, or kill the process between them.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from beianaudit.config import ConfigError, not_regular, read_text
from beianaudit.i18n import _, os_reason

BOM = "\ufeff"
Opener = Callable[[str, int, int], int]


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_dir(folder: Path, fsync: Callable[[int], None]) -> None:
    """Make the rename itself durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the data is already synced
    finally:
        os.close(fd)


def _keep_owner(fd: int, old: os.stat_result | None) -> None:
    """Keep the owner when root edits another user's file; nobody else can change it."""
    if old is None or not hasattr(os, "fchown") or os.geteuid() != 0:
        return
    if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        os.fchown(fd, old.st_uid, old.st_gid)


def atomic_write(
    path: Path,
    data: bytes,
    *,
    mode: int | None = None,
    opener: Opener = os.open,
    write: Callable[[int, bytes], None] = _write_all,
    fsync: Callable[[int], None] = os.fsync,
    replace: Callable[[str, str], None] = os.replace,
) -> None:
    """Replace ``path`` with ``data``: temp file beside it, write, fsync, rename.

    ``mode`` defaults to the current file's permission bits (0600 for a new file).
    On any failure the temporary file is removed and the exception goes on.
    """
    try:
        old: os.stat_result | None = path.stat()
    except FileNotFoundError:
        old = None
    if mode is None:
        mode = stat.S_IMODE(old.st_mode) if old else 0o600
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = opener(str(temp), os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)  # the umask narrowed what os.open was given
            _keep_owner(fd, old)
            write(fd, data)
            fsync(fd)
        finally:
            os.close(fd)
        replace(str(temp), str(path))
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent, fsync)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file at ``path`` (a no-op where flock is missing).

    The lock is on the file itself, not on a lock file beside it: nothing is
    left behind.  Because the update renames a new file over the old one, a
    waiter may wake holding the lock of a file that is no longer at ``path``;
    it then locks the file that is there now.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no flock; updates there are not serialised
        yield
        return
    while True:
        fd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                current = os.stat(path)
            except FileNotFoundError:
                current = None
            held = os.fstat(fd)
            if current is not None and (current.st_dev, current.st_ino) == (
                held.st_dev,
                held.st_ino,
            ):
                yield
                return
        finally:
            os.close(fd)  # closing the descriptor releases the lock


def set_value(path: Path, key: tuple[str, ...], value: Any, **steps: Any) -> None:
    """Set ``key`` (e.g. ``("contacts", "phone_verified")``) to ``value`` in the file at ``path``.

    The table holding the key must exist; a new key goes at the end of its table.
    A symbolic link is followed, so the link stays a link.  ``steps`` go to
    :func:`atomic_write`.  Raises :class:`ConfigError` (one line) on failure.
    """
    real = Path(os.path.realpath(path))
    if (reason := not_regular(real)) is not None:  # before the lock opens it: a FIFO waits
        raise ConfigError(
            _("{path}: {reason}; it was left as it was").format(path=path, reason=reason)
        )
    try:
        with _locked(real):
            _update(path, real, key, value, steps)
    except OSError as exc:  # opening or locking the file; the update wraps its own
        raise ConfigError(
            _("{path}: cannot write the config file ({reason}); it was left as it was").format(
                path=path, reason=exc.strerror or type(exc).__name__
            )
        ) from None


def _update(
    path: Path, real: Path, key: tuple[str, ...], value: Any, steps: dict[str, Any]
) -> None:
    """The read-modify-write of :func:`set_value`, under its lock."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    text = read_text(real)
    with_bom = real.read_bytes().startswith(BOM.encode("utf-8"))
    try:
        document = tomlkit.parse(text)
        table: Any = document
        for part in key[:-1]:
            table = table[part]
        table[key[-1]] = value
        updated = tomlkit.dumps(document)
    except (TOMLKitError, KeyError, TypeError) as exc:
        raise ConfigError(
            _("{path}: {key}: cannot update the config ({error})").format(
                path=path, key=".".join(key), error=type(exc).__name__
            )
        ) from None
    try:
        atomic_write(real, ((BOM if with_bom else "") + updated).encode("utf-8"), **steps)
    except OSError as exc:
        raise ConfigError(
            _("{path}: cannot write the config file ({reason}); it was left as it was").format(
                path=path, reason=os_reason(exc)
            )
        ) from None
