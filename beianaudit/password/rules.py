"""The composition rules a new password is checked against, as plain functions over a string.

They are the recovery guidance's recommendation (at least 8 characters, all four classes,
nothing like 123456 or admin), or the user's own ``[policy]``: the filing system does not
publish its own rules there, so nothing here speaks for it.

The checks in ``checks/password.py`` turn their answers into findings; nothing
here returns or formats the password itself, only counts, positions and code points.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Always looked for, whatever ``policy.banned`` says: the recovery guidance names them
# as passwords to avoid (a recommendation, not a rule of the filing system).
ALWAYS_BANNED = ("123456", "admin")
CLASSES = ("upper", "lower", "digit", "special")
SPECIALS = frozenset(string.punctuation)


def character_classes(password: str) -> set[str]:
    """Which of upper, lower, digit and special (ASCII punctuation) occur."""
    found = set()
    for ch in password:
        if "A" <= ch <= "Z":
            found.add("upper")
        elif "a" <= ch <= "z":
            found.add("lower")
        elif "0" <= ch <= "9":
            found.add("digit")
        elif ch in SPECIALS:
            found.add("special")
    return found


def banned_inside(password: str, banned: Iterable[str]) -> list[str]:
    """The banned words found anywhere in ``password``, case-insensitively.

    Returns the banned words (from the policy), never the part of the password.
    """
    folded = password.casefold()
    words = dict.fromkeys(w for w in (*ALWAYS_BANNED, *banned) if w)
    return [w for w in words if w.casefold() in folded]


@dataclass(frozen=True)
class OddCharacter:
    position: int  # 1-based
    codepoint: str  # "U+FF30"
    kind: str  # fullwidth | cjk | invisible | space | other


def odd_characters(password: str) -> Iterator[OddCharacter]:
    """Characters that cannot be relied on at a login page: anything but printable ASCII.

    A space is printable ASCII but often trimmed; it is reported with kind ``space``.
    """
    for index, ch in enumerate(password, start=1):
        if "!" <= ch <= "~":
            continue
        yield OddCharacter(index, f"U+{ord(ch):04X}", _kind(ch))


def _kind(ch: str) -> str:
    if ch == " ":
        return "space"
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E or code == 0x3000:
        return "fullwidth"
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me") or ch.isspace():
        return "invisible"
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return "cjk"
    return "other"


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning ``limit + 1``) once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


def _skeleton(password: str) -> str:
    return "".join(ch for ch in password.casefold() if not ch.isdigit())


def too_similar(new: str, old: str, percent: int = 25) -> str | None:
    """Why ``new`` is not clearly different from ``old``, or ``None`` when it is.

    ``same``: identical; ``skeleton``: identical once digits and case are dropped
    (Beian@2025x → Beian@2026x); ``edit``: an edit distance of at most ``percent``
    of the length (policy.min_change_percent, default a quarter), and at least 2.
    """
    if new == old:
        return "same"
    if _skeleton(new) and _skeleton(new) == _skeleton(old):
        return "skeleton"
    limit = max(2, max(len(new), len(old)) * percent // 100)
    if edit_distance(new, old, limit) <= limit:
        return "edit"
    return None
