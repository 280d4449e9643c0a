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

    What counts is found as the wings find it, in the text folded as they fold it (NFKC:
    full-width digits, letters, ``＠`` and ``．``; every dash-like character read as ``-``):
    an 18-character run that could be a resident ID (17 digits and a check digit or X)
    or a credit code (GB 32100's alphabet, a digit in it); a mainland mobile number
    (``+86`` or not); and an email address.  The digits of an ID, a code or a phone may
    be grouped however the writer liked (spaces, dashes, dots, slashes, parentheses,
    up to three in a row), and an ID or a phone glued to Latin letters (``Tel138…``)
    is found too.  A masked ID or phone is shown in its normalised form.  A ticket or
    tracking number of another length stays readable.  Masking too much is the safe
    error here, so an 18-character credit-code-shaped word is hidden even when its
    check fails.
    """
    folded = _fold(text)
    out: list[str] = []
    end = 0
    for match in _identifiers().finditer(folded):
        out.append(text[end : match.start()])
        out.append(_mask_match(match))
        end = match.end()
    out.append(text[end:])
    return "".join(out)


def _fold(text: str) -> str:
    """``text`` with each character folded (NFKC, dashes to ``-``), the same length, so
    that a match in the folded text is the same span of the original."""
    import unicodedata

    def one(c: str) -> str:
        if c.isascii():
            return c
        if unicodedata.category(c) == "Pd" or c in "\u2212\u2043\u02d7":
            return "-"
        if c in "\u00b7\u30fb\uff65\u2027":  # middle dots
            return "."
        folded = unicodedata.normalize("NFKC", c)
        return folded if len(folded) == 1 else c

    return "".join(map(one, text))


def _mask_match(match: re.Match[str]) -> str:
    found = match.group()
    if match.lastgroup == "email":
        return mask_email(found)
    compact = "".join(c for c in found if c.isalnum()).upper()
    if match.lastgroup == "phone":
        return mask_phone(compact[-11:])
    return mask_id(compact)


@functools.cache
def _identifiers() -> re.Pattern[str]:
    from beianaudit.identifiers.kinds import USCC_ALPHABET

    uscc = "".join(sorted(set(USCC_ALPHABET + USCC_ALPHABET.lower())))
    sep = r"[ \t\-.()/]{0,3}"  # between two characters of one identifier
    alnum_before, alnum_after = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
    digit_before, digit_after = r"(?<![0-9])", r"(?![0-9])"
    d = "[0-9]"
    return re.compile(
        rf"(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
        rf"|{digit_before}(?P<ric>{d}(?:{sep}{d}){{16}}{sep}[0-9Xx]){digit_after}"
        # a code written whole: any 18 of its characters with a digit; grouped: the shape
        # every code has (two characters, the six-digit region code, ten more)
        rf"|{alnum_before}(?P<uscc>(?=[{uscc}]{{0,17}}{d})[{uscc}]{{18}}){alnum_after}"
        rf"|{alnum_before}(?P<grouped>[{uscc}]{sep}[{uscc}](?:{sep}{d}){{6}}"
        rf"(?:{sep}[{uscc}]){{10}}){alnum_after}"
        rf"|{digit_before}(?P<phone>(?:(?:\+|00)?86{sep})?1(?:{sep}{d}){{10}}){digit_after}"
    )
