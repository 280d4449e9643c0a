"""What every check receives: the config and the injected clock, nothing global."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from beianaudit.config import Config
from beianaudit.secret import Secret


@dataclass(frozen=True)
class Context:
    config: Config
    today: date
    # The candidate password (``beianaudit password``, ``check --password-stdin``);
    # the password checks (BA1xx) yield nothing without one.
    password: Secret | None = None
