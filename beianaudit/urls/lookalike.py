"""Look-alike detection for host names: confusable skeletons and edit distance.

Generalises instead of listing known bad domains: every label of a host (and every
hyphen-separated part of a label) is reduced to a *skeleton* in the spirit of
Unicode UTS #39 (compatibility decomposition, accents dropped, confusable letters
and digits mapped to the ASCII letter they imitate, ``rn`` read as ``m``), then
compared with the brand tokens of the filing system: equal skeletons, the token
inside a longer part, or an edit distance of one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

# Brand tokens of the real host: a part whose skeleton contains one of these
# outside miit.gov.cn imitates the filing system.
BRANDS = ("beian", "miit")
# "gov" is an ordinary word inside longer names (govtrack): it counts only as a
# whole part (gov.com, gov-cn.net, miit-gov.cn), never as a substring.
WHOLE_BRANDS = ("gov",)
# The same names in Chinese, as an internationalised domain writes them (备案.网址,
# 工信部-备案.com): inside a part, they imitate the filing system as plainly.
CHINESE_BRANDS = ("备案", "備案", "工信部", "工業和信息化部", "工业和信息化部")
# Multi-letter look-alikes, read after the single characters are mapped.
_SEQUENCES = (("rn", "m"), ("vv", "w"), ("cl", "d"))


@cache
def _ascii_table() -> dict[int, str]:
    return {ord(ch): ascii_ for ch, ascii_ in confusables().items() if ch.isascii()}


@cache
def confusables() -> dict[str, str]:
    """The confusables subset shipped in ``data/urls/confusables.txt``."""
    table: dict[str, str] = {}
    from beianaudit import data_text

    text = data_text("urls/confusables.txt")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            code, ascii_ = line.split()
            table[chr(int(code, 16))] = ascii_
    return table


def skeleton(text: str) -> str:
    """What ``text`` looks like, reduced to plain ASCII letters where it imitates them."""
    if text.isascii():
        result = text.lower().translate(_ascii_table())
    else:
        table = confusables()
        chars = unicodedata.normalize("NFKD", text)
        result = "".join(table.get(ch, ch) for ch in chars if not unicodedata.combining(ch))
        result = result.lower()
    for seq, letter in _SEQUENCES:
        result = result.replace(seq, letter)
    return result


def distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal string alignment distance (transpositions count one), capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return min(prev[-1], limit + 1)


@dataclass(frozen=True)
class Match:
    """One imitation found in a host: a reason code and the part that shows it."""

    code: str  # homoglyph | brand_token | typo
    part: str  # the label or label part, as the user would see it (Unicode)
    brand: str


def parts(labels: list[str]) -> list[str]:
    """Labels and, for hyphenated ones, their parts too (``beian-miit`` → both words)."""
    found: list[str] = []
    for label in labels:
        found.append(label)
        pieces = [p for p in label.replace("_", "-").split("-") if p]
        if len(pieces) > 1:
            found.extend(pieces)
    return found


def imitations(labels: list[str]) -> list[Match]:
    """Every label part of ``labels`` (Unicode, outside the public suffix) that imitates a brand."""
    matches: list[Match] = []
    for part in parts(labels):
        match = _imitation(part)
        if match:
            matches.append(match)
    joined = skeleton("".join(labels).replace("-", "").replace("_", ""))
    if not matches:
        # Brands spread over labels or parts: bei-an.com, bei.an.example.
        for brand in BRANDS:
            if brand in joined:
                matches.append(Match("brand_token", ".".join(labels), brand))
                break
    return matches


@lru_cache(maxsize=1 << 14)
def _imitation(part: str) -> Match | None:
    sk = skeleton(part)
    for brand in BRANDS + WHOLE_BRANDS:
        if sk == brand:
            return Match(_code(part, brand), part, brand)
    for brand in BRANDS:
        if brand in sk:
            return Match(_code(part, brand), part, brand)
        # Length 4 and up: three-letter words one edit from "miit" (mit) are too common.
        # One edit brings at most one letter the brand lacks: a cheap test first.
        if (
            len(part) >= 4
            and sum(ch not in brand for ch in sk) <= 1
            and distance(sk, brand, 1) <= 1
        ):
            return Match("typo", part, brand)
    if not part.isascii():
        for brand in CHINESE_BRANDS:
            if brand in part:
                return Match("brand_token", part, brand)
    return None


def _code(part: str, brand: str) -> str:
    """``brand_token`` when the brand is written plainly, ``homoglyph`` when imitated."""
    return "brand_token" if brand in part else "homoglyph"
