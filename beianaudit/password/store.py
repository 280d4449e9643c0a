"""The last password that worked, kept in the OS keyring, never anywhere else.

Service ``beianaudit``; the account is the subject id masked as text output masks it,
plus a short digest of the whole id (``3301**********1236#1a2b3c4d``): a keyring's own
window lists accounts in the clear and the id is personal data, yet two subjects whose
ids share both ends must not share a slot.  The digest hides the id only from a glance:
the masked middle of a resident id (region and birth date) is small enough to search,
but whoever can list this user's keyring accounts can read the config file too.

A backend is used only when it is one known to encrypt at rest (:data:`ENCRYPTING`),
decided by what it is, never by the priority it claims; anything else (keyrings.alt's
files, the null and fail backends, a plugin we do not know) counts as no keyring, and
nothing is written to it.  Every failure of the keyring, at import, at selection or at
any call (no D-Bus over SSH, a locked collection, a backend that raises or hangs), is
:class:`StoreUnavailable`: "no keyring here", never a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from beianaudit.config import Config
from beianaudit.secret import Secret

SERVICE = "beianaudit"
DEFAULT_ACCOUNT = "default"
# Domain separation: this digest is of an id as a keyring account name, nothing else.
ACCOUNT_DIGEST_PREFIX = b"beianaudit/keyring-account/v1\x00"
# A keyring that does not answer within this many seconds (D-Bus waiting on a service
# that never starts) counts as no keyring; long enough to type into an unlock dialog.
TIMEOUT = 30.0

# Backends that keep secrets encrypted at rest, by module and class name.  Left out on
# purpose: keyrings.alt's PlaintextKeyring (a readable file), its EncryptedKeyring
# (AES-CFB without integrity under a 1,000-round PBKDF2 key, and it asks for its own
# password with getpass in the middle of our prompt), keyring's null and fail backends,
# and every backend we have not read: a wrong "no" costs one info line, a wrong "yes" a
# password in a file.
ENCRYPTING = frozenset(
    {
        "keyring.backends.SecretService.Keyring",  # GNOME Keyring, KeePassXC… over D-Bus
        "keyring.backends.libsecret.Keyring",  # the same service through libsecret
        "keyring.backends.kwallet.DBusKeyring",  # KDE Wallet 5/6
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.macOS.Keyring",  # the macOS Keychain
        "keyring.backends.Windows.WinVaultKeyring",  # Windows Credential Manager (DPAPI)
    }
)

# keyring's own backends that keep nothing (``fail`` raises, ``null`` answers None), as
# PYTHON_KEYRING_BACKEND names them to turn the keyring off (a server, CI): refused
# as ``none`` by :func:`_backend`, and known without importing keyring.
EMPTY_BACKENDS = frozenset({"keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"})

T = TypeVar("T")


class StoreUnavailable(Exception):
    """No usable keyring.  ``backend`` names it (``module.Class``, or what failed before
    one was found); ``reason`` says why: ``not_encrypted``, ``timeout`` or the type of
    the error it raised.  Neither ever holds a secret or an error's message."""

    def __init__(self, backend: str, reason: str) -> None:
        super().__init__(backend, reason)
        self.backend, self.reason = backend, reason

    def __str__(self) -> str:
        return f"{self.backend}: {self.reason}"


def explain(exc: StoreUnavailable) -> str:
    """Why there is no keyring, for a person, in the current language."""
    from beianaudit.i18n import _

    texts = {
        "none": _("no keyring is set up here ({backend})"),
        "not_encrypted": _("{backend} is not a keyring known to encrypt"),
        "timeout": _("{backend} did not answer within {seconds} s"),
        "not_stored": _("{backend} did not keep the password"),
        "no_session": _("{backend}: no D-Bus session here to reach it"),
    }
    text = texts.get(exc.reason, _("{backend} failed ({error})"))
    return text.format(backend=exc.backend, seconds=f"{TIMEOUT:g}", error=exc.reason)


def name_of(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def trusted(backend: Any) -> bool:
    """The backend is one known to encrypt: by its class, exactly, not a subclass."""
    return name_of(backend) in ENCRYPTING


def account(config: Config | None) -> str:
    """The keyring account of the config's subject: masked id, ``#``, 8 hex digits."""
    import hashlib  # here: OpenSSL's start-up, for a run that reaches a keyring only

    from beianaudit.mask import mask_id

    subject_id = _subject_id(config)
    if subject_id is None:
        return DEFAULT_ACCOUNT
    digest = hashlib.sha256(ACCOUNT_DIGEST_PREFIX + subject_id.encode("utf-8")).hexdigest()
    return f"{mask_id(subject_id)}#{digest[:8]}"


def legacy_account(config: Config | None) -> str | None:
    """The account of beianaudit 0.1 (masked id alone, shared by ids with the same ends):
    read when the new slot is empty, emptied by the next :func:`save`."""
    from beianaudit.mask import mask_id

    subject_id = _subject_id(config)
    return mask_id(subject_id) if subject_id is not None else None


def _subject_id(config: Config | None) -> str | None:
    if config is not None and config.subject.id and config.subject.id.strip():
        return config.subject.id.strip().upper()
    return None


def _backend() -> Any:
    import keyring
    from keyring.backends import chainer

    backend = _platform_backend()
    if backend is None:
        backend = keyring.get_keyring()
    members = backend.backends if isinstance(backend, chainer.ChainerBackend) else [backend]
    usable = [b for b in members if trusted(b)]
    if not usable:
        from keyring.backends import fail, null

        absent = all(isinstance(b, fail.Keyring | null.Keyring) for b in members)
        # A chain is named by what it held (keyrings.alt's files, say), which the person
        # can act on; keyring's own chain class tells them nothing.
        named = " + ".join(name_of(b) for b in members) if members else name_of(backend)
        raise StoreUnavailable(named, "none" if absent else "not_encrypted")
    return usable[0]


# The backends on :data:`ENCRYPTING` that can run on each platform, in the order keyring
# registers them (its entry points, then each module's classes).
PLATFORM_BACKENDS = {
    "linux": (
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
    ),
    "darwin": ("keyring.backends.macOS.Keyring",),
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
}


def _platform_backend() -> Any:
    """The backend keyring's search would give :func:`_backend`, found by asking only
    this platform's backends on :data:`ENCRYPTING`; ``None`` when that is not certain,
    and keyring searches as it does.

    keyring's search imports ``importlib_metadata``, reads every distribution's entry
    points, imports every backend module (the macOS one runs ``find_library`` on Linux)
    and every plugin, then asks each whether it can run.  With nothing set or named
    (no ``set_keyring``, no ``PYTHON_KEYRING_BACKEND``, no ``keyringrc.cfg``) and no
    plugin installed (no ``keyring.backends`` entry point outside keyring's own), its
    candidates are its own backends: the trusted ones, ``fail`` (priority 0), ``null``
    (-1) and the chainer, which chains every backend of priority above 0 when there are
    two or more, highest first.  Either way :func:`_backend` then uses the trusted
    backend of the highest priority above 0: this one, found here.  When none can run
    (each refuses, as keyring's viability test asks), on Linux keyring's search gives
    its ``fail`` backend, returned here; elsewhere, or when one claims a priority of 0
    or less (a tie with ``fail``, which keyring breaks by set order), keyring's own
    search decides.
    """
    import os
    import sys

    import keyring.core

    from beianaudit.registry import installed_entry_points

    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    names = PLATFORM_BACKENDS.get(platform)
    if (
        names is None
        or keyring.core._keyring_backend is not None
        or "PYTHON_KEYRING_BACKEND" in os.environ
        or keyring.core._config_path().exists()
    ):
        return None
    if any(ep.dist_name != "keyring" for ep in installed_entry_points("keyring.backends")):
        return None  # a plugin: keyring's search loads it, whatever it does
    if platform == "linux":
        from importlib.util import find_spec

        if find_spec("win32ctypes") or find_spec("win32cred"):
            return None  # the Windows backend's modules, here: keyring decides
    best, priority, refused = None, 0.0, 0
    for name in names:
        try:
            cls = keyring.core._load_keyring_class(name)
            claimed = cls.priority  # raises when it cannot run, as keyring's viability test
        except Exception:  # cannot run here: keyring leaves it out too
            refused += 1
            continue
        if claimed > priority:
            best, priority = cls, claimed
    if best is None and platform == "linux" and refused == len(names):
        # keyring's own candidates left here: fail (priority 0), null (-1), the chainer
        # (-1: nothing of priority above 0 to chain), macOS and Windows (refuse to run on
        # Linux): its search gives fail, without importing every backend and running
        # macOS's find_library (about 120 ms of CPU).
        from keyring.backends import fail

        return fail.Keyring()
    return best() if best is not None else None


def _configured_name() -> str:
    """The backend the user named (``PYTHON_KEYRING_BACKEND`` or ``keyringrc.cfg``), to name
    it when loading it fails (SecretService without D-Bus fails right there); else
    ``keyring``.  Best effort, from keyring's own config path."""
    import os

    named = os.environ.get("PYTHON_KEYRING_BACKEND", "").strip()
    if named:
        return named
    try:
        import configparser

        from keyring.core import _config_path

        config = configparser.RawConfigParser()
        config.read(_config_path(), encoding="utf-8")
        return config.get("backend", "default-keyring").strip() or "keyring"
    except Exception:
        return "keyring"


def _known_without_keyring() -> StoreUnavailable | None:
    """Keyring's answer when it is known without importing keyring (about 100 ms of
    start-up: its ``jaraco.context`` brings ``urllib.request``, ``http.client``, ``ssl``
    and ``email``, then its search imports every backend and plugin); else ``None``.

    Only while keyring is installed but not imported yet (so nothing called
    ``set_keyring``):

    - ``PYTHON_KEYRING_BACKEND`` names one of :data:`EMPTY_BACKENDS` exactly: keyring's
      ``get_keyring`` loads that one, before its config file and before any search.
    - nothing names a backend and no backend on :data:`ENCRYPTING` can run here
      (:func:`_no_session`): whatever keyring's search picks is refused.
    """
    import os
    import sys

    if "keyring" in sys.modules:
        return None
    named = os.environ.get("PYTHON_KEYRING_BACKEND")
    if named is not None and named not in EMPTY_BACKENDS:
        return None
    if named is None and not _no_session():
        return None
    from importlib.util import find_spec

    if find_spec("keyring") is None:
        return None  # keyring says so itself (ModuleNotFoundError)
    if named is not None:
        return StoreUnavailable(named, "none")
    return StoreUnavailable(SYSTEM_BACKEND, "no_session")


# What keyring's search would look for on Linux, named when there is no session to reach.
SYSTEM_BACKEND = "keyring.backends.SecretService.Keyring"


def _no_session() -> bool:
    """Linux, no keyring config file, and no way to reach the backends on
    :data:`ENCRYPTING`: no D-Bus session (SecretService's jeepney reads only
    ``DBUS_SESSION_BUS_ADDRESS``, and an address whose socket is gone counts as none,
    :func:`_stale_bus_address`; a display or ``$XDG_RUNTIME_DIR/bus``, which GLib and
    libdbus also try, count as a session), neither libsecret's ``gi`` nor KWallet's
    ``dbus`` installed, nor the Windows modules; the macOS and Windows backends refuse
    to run on Linux.  Any doubt answers ``False``: keyring is asked."""
    import os
    import sys

    if not sys.platform.startswith("linux"):
        return False
    if any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY")):
        return False
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS") and not _stale_bus_address():
        return False
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.exists(os.path.join(runtime, "bus")):
        return False
    # keyring's own config file (keyring.util.platform_.config_root on Linux), which may
    # name a backend or add a folder of backends to sys.path.
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config")
    if os.path.exists(os.path.join(config, "python_keyring", "keyringrc.cfg")):
        return False
    from importlib.util import find_spec

    return all(find_spec(m) is None for m in ("gi", "dbus", "win32ctypes", "win32cred"))


def _stale_bus_address() -> bool:
    """``DBUS_SESSION_BUS_ADDRESS`` names a socket that is not there, so that jeepney
    (SecretService's only way to D-Bus without ``gi`` or ``dbus``) cannot connect: it
    tries the first ``unix:`` address with an ``abstract`` or ``path`` key, nothing else
    (``jeepney.bus.find_session_bus``), and only a ``path`` with nothing at it is sure
    to fail without connecting.  A terminal multiplexer or ``su`` outliving the login
    session keeps such an address.  Any doubt (abstract, a file there, an address
    jeepney would not parse) answers ``False``."""
    import os
    import re

    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    try:
        for part in address.split(";"):
            transport, info = part.split(":", 1)
            keys = dict(kv.split("=", 1) for kv in info.split(","))
            if transport != "unix":
                continue
            if "abstract" in keys:
                return False
            if "path" in keys:
                path = re.sub(r"%([0-9A-Fa-f]{2})", lambda m: chr(int(m[1], 16)), keys["path"])
                return not os.path.lexists(path)
    except ValueError:
        return False
    return False


def _with_backend(work: Callable[[Any], T]) -> T:
    """``work(backend)`` on a trusted backend, in a thread given :data:`TIMEOUT` seconds;
    every failure, of any kind, at any step, is :class:`StoreUnavailable`."""
    import threading

    from beianaudit.secret import protect_process

    protect_process()  # the old password is about to be in memory
    known = _known_without_keyring()
    if known is not None:
        raise known
    outcome: dict[str, Any] = {}
    where = ["keyring"]

    def run() -> None:
        try:
            where[0] = _configured_name()
            backend = _backend()
            where[0] = name_of(backend)
            outcome["value"] = work(backend)
        except StoreUnavailable as exc:
            outcome["error"] = exc
        except BaseException as exc:  # the type only: a message may quote the secret
            outcome["error"] = StoreUnavailable(where[0], type(exc).__name__)

    thread = threading.Thread(target=run, name="beianaudit-keyring", daemon=True)
    thread.start()
    thread.join(TIMEOUT)
    if thread.is_alive():
        raise StoreUnavailable(where[0], "timeout")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def load(config: Config | None) -> Secret | None:
    """The remembered password, from this subject's slot or else the 0.1 shared one."""

    def read(backend: Any) -> str | None:
        for name in (account(config), legacy_account(config)):
            value = backend.get_password(SERVICE, name) if name else None
            if value:
                return value
        return None

    value = _with_backend(read)
    return Secret(value) if value else None


def save(config: Config | None, password: Secret) -> None:
    """Keep ``password`` in this subject's slot and empty the 0.1 shared one (moved)."""

    def write(backend: Any) -> None:
        name, old = account(config), legacy_account(config)
        backend.set_password(SERVICE, name, password.reveal())
        if backend.get_password(SERVICE, name) != password.reveal():
            raise StoreUnavailable(name_of(backend), "not_stored")
        if old and backend.get_password(SERVICE, old):
            backend.delete_password(SERVICE, old)

    _with_backend(write)


def forget(config: Config | None) -> bool:
    """Remove the stored password (both slots); ``False`` when there was none."""

    def delete(backend: Any) -> bool:
        names = [n for n in (account(config), legacy_account(config)) if n]
        removed = False
        for name in names:
            if backend.get_password(SERVICE, name):
                backend.delete_password(SERVICE, name)
                removed = True
        return removed

    return _with_backend(delete)
