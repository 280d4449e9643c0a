"""Masking personal identifiers for text output (``139****5678``, ``3301**********1236``)."""

from __future__ import annotations

import functools
import re
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


def mask_text(text: str) -> str:
    """Free text (a journal note) with every personal identifier in it masked.

    What counts is found as the wings find it: an 18-character run that could be a
    resident ID (17 digits and a check digit or X) or a credit code (GB 32100's
    alphabet, a digit in it), typed in any case or full width; a mainland mobile number
    as :func:`beianaudit.contacts.validation.normalise_phone` accepts it (spaces, dashes,
    ``+86``), shown in its normalised form; and an email address. A ticket or tracking
    number of another length stays readable. Masking too much is the safe error here,
    so an 18-character credit-code-shaped word is hidden even when its check fails.
    """
    return _identifiers().sub(_mask_match, text)


def _mask_match(match: re.Match[str]) -> str:
    from beianaudit.contacts.validation import InvalidContact, normalise_phone

    found = match.group()
    if match.lastgroup == "email":
        return mask_email(found)
    if match.lastgroup == "phone":
        try:
            return mask_phone(normalise_phone(found))
        except InvalidContact:
            return found
    return mask_id(found)


@functools.cache
def _identifiers() -> re.Pattern[str]:
    from beianaudit.identifiers.kinds import USCC_ALPHABET

    # Full-width forms fold to these (NFKC), as the identifier judge folds them.
    wide = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
    digit = "0-9" + "0123456789".translate(wide)
    uscc = "".join(
        sorted(set(USCC_ALPHABET + USCC_ALPHABET.lower() + USCC_ALPHABET.translate(wide)))
    )
    edge_before, edge_after = r"(?<![0-9A-Za-z０-９Ａ-Ｚａ-ｚ])", r"(?![0-9A-Za-z０-９Ａ-Ｚａ-ｚ])"
    return re.compile(
        rf"(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
        rf"|{edge_before}(?P<ric>[{digit}]{{17}}[{digit}XxＸｘ]){edge_after}"
        rf"|{edge_before}(?P<uscc>(?=[{uscc}]{{0,17}}[{digit}])[{uscc}]{{18}}){edge_after}"
        rf"|{edge_before}(?P<phone>(?:(?:\+|00|００)?86[ -]?)?[1１][ -]?"
        rf"(?:[{digit}][ -]?){{9}}[{digit}]){edge_after}"
    )
