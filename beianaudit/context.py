"""What every check receives: the config and the injected clock, nothing global."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from beianaudit.config import Config


@dataclass(frozen=True)
class Context:
    config: Config
    today: date
