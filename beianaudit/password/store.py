"""The last password that worked, kept in the OS keyring, never anywhere else.

Service ``beianaudit``, account from the subject id, masked as text output masks it
(``3301**********1236``): a keyring's own window lists accounts in the clear, and the
ID is personal data; its two ends tell one subject from another.  A backend that does not
encrypt (``keyrings.alt``'s files, anything below priority 1, the ``fail``
backend of a headless box) counts as no backend: we refuse rather than write a
password to a plain file.
"""

from __future__ import annotations

from typing import Any

from beianaudit.config import Config
from beianaudit.secret import Secret

SERVICE = "beianaudit"
DEFAULT_ACCOUNT = "default"


class StoreUnavailable(Exception):
    """No usable (encrypted) keyring backend; ``str()`` names the backend, never a secret."""


def account(config: Config | None) -> str:
    from beianaudit.mask import mask_id

    if config is not None and config.subject.id:
        return mask_id(config.subject.id.strip().upper())
    return DEFAULT_ACCOUNT


def _backend() -> Any:
    try:
        import keyring
        from keyring.backends import chainer, fail
    except Exception as exc:  # a broken install must not crash a password check
        raise StoreUnavailable(type(exc).__name__) from None
    backend = keyring.get_keyring()
    members = backend.backends if isinstance(backend, chainer.ChainerBackend) else [backend]
    usable = [b for b in members if _trusted(b, fail.Keyring)]
    if not usable:
        raise StoreUnavailable(f"{type(backend).__module__}.{type(backend).__name__}")
    return usable[0]


def _trusted(backend: Any, fail_class: type) -> bool:
    module = type(backend).__module__
    if isinstance(backend, fail_class) or module.startswith("keyrings.alt"):
        return False
    try:
        return float(backend.priority) >= 1
    except Exception:
        return False


def _call(method: str, *args: str) -> Any:
    backend = _backend()
    try:
        return getattr(backend, method)(*args)
    except Exception as exc:  # locked, denied, D-Bus gone: the type only, never the message
        raise StoreUnavailable(type(exc).__name__) from None


def load(config: Config | None) -> Secret | None:
    value = _call("get_password", SERVICE, account(config))
    return Secret(value) if value else None


def save(config: Config | None, password: Secret) -> None:
    _call("set_password", SERVICE, account(config), password.reveal())


def forget(config: Config | None) -> bool:
    """Remove the stored password; ``False`` when there was none."""
    if load(config) is None:
        return False
    _call("delete_password", SERVICE, account(config))
    return True
