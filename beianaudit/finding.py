"""Findings: the plain data every check returns and every formatter renders."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that ``max()`` gives the worst; JSON carries the name."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return _LABELS[self]

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]


# Looked up, not computed: ``Enum.name`` is a descriptor call, and batch output asks
# for a label once a line.
_LABELS = {s: s.name.lower() for s in Severity}


@dataclass(frozen=True)
class Finding:
    """One thing a check found.

    ``message`` and ``hint`` are already translated; ``data`` holds
    machine-readable details and must never hold a secret.
    """

    check: str
    severity: Severity
    message: str
    target: str
    hint: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity.label,
            "message": self.message,
            "target": self.target,
            "hint": self.hint,
            "data": self.data,
        }
