"""Masking personal identifiers for text output (``139****5678``, ``3301**********1236``)."""

from __future__ import annotations

from collections.abc import Iterable


def mask_middle(value: str, keep_start: int, keep_end: int, fill: str = "*") -> str:
    """Keep the ends, hide the middle; a value too short to keep both ends is hidden whole."""
    if len(value) <= keep_start + keep_end:
        return fill * len(value)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + fill * hidden + value[keep_start + hidden :]


def mask_phone(phone: str) -> str:
    """``13912345678`` → ``139****5678``."""
    return mask_middle(phone, 3, 4)


def mask_id(value: str) -> str:
    """A resident ID or credit code: ``330106199003071236`` → ``3301**********1236``."""
    return mask_middle(value, 4, 4)


def mask_id_except(value: str, shown: Iterable[int]) -> str:
    """:func:`mask_id`, but the characters at the 1-based ``shown`` positions stay:
    a corrected ID shows what to change and hides the rest."""
    keep = set(shown)
    masked = mask_id(value)
    return "".join(value[i] if i + 1 in keep else masked[i] for i in range(len(masked)))


def mask_email(email: str) -> str:
    """``zhangwei@example.com`` → ``zh******@example.com``: the domain stays readable."""
    local, at, domain = email.rpartition("@")
    if not at:
        return mask_middle(email, 2, 0)
    return mask_middle(local, min(2, len(local) - 1), 0) + "@" + domain
