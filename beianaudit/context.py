"""What every check receives: the config, the injected clock, the candidate password and a
per-run memo; nothing global."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from beianaudit.config import Config
from beianaudit.secret import Secret


@dataclass(frozen=True)
class Context:
    config: Config
    today: date
    # The candidate password (``beianaudit password``, ``check --password-stdin``);
    # the password checks (BA1xx) need one and are skipped without it.
    password: Secret | None = None
    # Results that several checks share (the strength verdict), computed once per run.
    # It lives and dies with the context, so nothing of the password outlives the run.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # False when no config file was read (``beianaudit password`` without one): the
    # config is then an empty stand-in, and checks that need the user's data skip.
    config_read: bool = True

    def has(self, need: str) -> bool:
        """Whether this context holds what a check ``needs`` (see ``registry.NEEDS``)."""
        if need == "password":
            return self.password is not None
        if need == "config":
            return self.config_read
        section, _dot, names = need.partition(".")  # "contacts.phone|email": either
        table = getattr(self.config, section, None)
        return any(_given(getattr(table, name, None)) for name in names.split("|"))


def _given(value: object) -> bool:
    """A config value is given unless absent, empty, or only blanks (as for a contact)."""
    if isinstance(value, str):
        return bool(value.strip())
    return value not in (None, ())
