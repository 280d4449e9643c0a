"""Look-alike detection for host names: confusable skeletons and edit distance.

Generalises instead of listing known bad domains: every label of a host (and every
hyphen-separated part of a label) is reduced to a *skeleton* in the spirit of
Unicode UTS #39 (compatibility decomposition, accents dropped, every character
mapped by the whole confusables table, ``m`` and ``rn`` alike), then compared with
the skeletons of the brand tokens of the filing system: equal skeletons, the token
inside a longer part, or an edit distance of one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from beianaudit import data_text

# Brand tokens of the real host: a part whose skeleton contains one of these
# outside miit.gov.cn imitates the filing system.
BRANDS = ("beian", "miit")
# "gov" is an ordinary word inside longer names (govtrack): it counts only as a
# whole part (gov.com, gov-cn.net, miit-gov.cn), never as a substring.
WHOLE_BRANDS = ("gov",)
# The government suffix run together, a brand of its own (govcn.com, www.govcn.cn);
# written apart (gov-cn.com, gov.cn.com) its "gov" part is a WHOLE_BRANDS match.
SUFFIX_BRANDS = ("govcn",)
# The same names in Chinese, as an internationalised domain writes them (备案.网址,
# 工信部-备案.com): inside a part, they imitate the filing system as plainly.
CHINESE_BRANDS = ("备案", "備案", "工信部", "工業和信息化部", "工业和信息化部")
_SMALL_CAPITAL = "LATIN LETTER SMALL CAPITAL "


@cache
def confusables() -> dict[int, str]:
    """The whole UTS #39 table in ``data/urls/confusables.txt`` (tools/confusables.py),
    as a ``str.translate`` table: code point to the skeleton of that one character."""
    table: dict[int, str] = {}
    for line in _text().split("\n"):
        if line and not line.startswith("#"):
            code, target = _entry(line)
            table[code] = target
    # IDNA changes the case of a letter (Ь to ь, Cherokee ꭴ to Ꭴ), and the table often
    # lists only one case (Ь is b, ь is not listed): a letter the table lacks takes
    # the skeleton of its other case.  Not for ASCII (i is i, though I is l).
    for code, target in list(table.items()):
        for other in (chr(code).lower(), chr(code).upper()):
            if len(other) == 1 and not other.isascii() and ord(other) not in table:
                table[ord(other)] = target
    # Small capitals the table leaves alone (ɢ, where IDNA puts Komi Ԍ) read as
    # their letter, as ɪ does in the table: by their Unicode name, not by a list.
    for block in ((0x0250, 0x02B0), (0x1D00, 0x1D80), (0xA720, 0xA800)):
        for code in range(*block):
            name = unicodedata.name(chr(code), "")
            if name.startswith(_SMALL_CAPITAL) and len(name) == len(_SMALL_CAPITAL) + 1:
                table.setdefault(code, name[-1].lower())
    return table


@cache
def _text() -> str:
    return data_text("urls/confusables.txt")


def _entry(line: str) -> tuple[int, str]:
    """A line of the table: its code point and that character's skeleton."""
    code, target, _names = line.split("\t", 2)  # an empty target: deleted (U+00AD)
    return int(code, 16), "".join(chr(int(c, 16)) for c in target.split())


class _LineLookup(dict[int, str]):
    """:func:`confusables` one code point at a time, as ``str.translate`` asks: the few
    characters the ASCII skeletons touch, without parsing the whole table (about
    35 ms, most of an ASCII host's verdict).  The table is in code point order (a
    test), so the ASCII lines are the first ones; another character's line is searched
    for in the text."""

    def __init__(self) -> None:
        super().__init__()
        text, start = _text() + "\n", 0
        while start < len(text):  # line by line, only as far as the ASCII lines go
            end = text.index("\n", start)
            line, start = text[start:end], end + 1
            if line and not line.startswith("#"):
                code, target = _entry(line)
                if code >= 0x80:
                    break
                self[code] = target
        for code in range(0x80):  # no rule of confusables() adds an ASCII character
            self.setdefault(code, chr(code))

    def __missing__(self, code: int) -> str:
        text = _text()
        at = text.find(f"\n{code:04X}\t") + 1
        if at:
            end = text.find("\n", at)
            value = _entry(text[at : end if end >= 0 else len(text)])[1]
        else:
            value = confusables().get(code, chr(code))  # the case and small-capital rules
        self[code] = value
        return value


def _decompose(text: str) -> str:
    """NFKD (full-width and mathematical letters folded, as IDNA folds them), accents dropped."""
    if text.isascii():
        return text
    chars = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in chars if not unicodedata.combining(ch))


def skeleton(text: str) -> str:
    """What ``text`` looks like: its UTS #39 skeleton, without case or accents.

    NFKD, accents dropped, each character mapped to its skeleton (the whole table:
    ``m`` is ``rn``, ``ӏ`` and ``ɪ`` are ``i``, ``Ꭺ`` is ``A``), then again in lower
    case, because a skeleton may be a capital or a compatibility character
    (``0`` → ``O`` → ``o``).
    Compare skeletons with skeletons: ``skeleton("miit") == "rniit"``."""
    if text.isascii():
        return text.translate(_ascii_skeletons())
    return _skeleton(text)


def _skeleton(text: str, table: dict[int, str] | None = None) -> str:
    table = confusables() if table is None else table
    result = _decompose(text).translate(table)
    result = _decompose(result.lower()).translate(table)
    return _decompose(result.lower())


@cache
def _ascii_skeletons() -> dict[int, str]:
    """The skeleton of each ASCII character: a skeleton is made character by character,
    so ASCII text (most hosts) needs one ``translate``."""
    table = _LineLookup()
    return {c: _skeleton(chr(c), table) for c in range(128)}


@cache
def brand_skeleton(brand: str) -> str:
    """The skeleton of a brand word, computed once."""
    return skeleton(brand)


def distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal string alignment distance (transpositions count one), capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    # Each edit brings at most one character of a that b lacks (a transposition none): more
    # of them than the limit is over it, without the table (a new host's usual case).
    if len(a.translate(_without(b))) > limit:
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


def near(sk: str, brand_sk: str, limit: int = 1) -> bool:
    """Whether a skeleton is within ``limit`` edits of a brand's skeleton, ``rn`` counted
    as the one letter ``m`` it imitates (the table maps ``m`` to ``rn``: a single
    substituted ``m``, ``мiit``, would otherwise be two edits)."""
    sk, brand_sk = sk.replace("rn", "m"), brand_sk.replace("rn", "m")
    # Each edit brings at most one letter the brand lacks: a cheap test first (what is
    # left of sk once the brand's letters are deleted: one translate, not a loop).
    return len(sk.translate(_without(brand_sk))) <= limit and distance(sk, brand_sk, limit) <= limit


@lru_cache(maxsize=64)
def _without(letters: str) -> dict[int, None]:
    """A ``str.translate`` table that deletes ``letters``."""
    return dict.fromkeys(map(ord, letters))


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
    if not matches:
        joined = skeleton("".join(labels).replace("-", "").replace("_", ""))
        # Brands spread over labels or parts: bei-an.com, bei.an.example.
        for brand, brand_sk in _skeletons().spread:
            if brand_sk in joined:
                matches.append(Match("brand_token", ".".join(labels), brand))
                break
    return matches


class _Skeletons(NamedTuple):
    """The brands' skeletons, made once: a host never seen before asks for each of them."""

    whole: tuple[tuple[str, str], ...]  # BRANDS + WHOLE_BRANDS: equal skeletons
    inside: tuple[tuple[str, str, str, dict[int, None]], ...]  # BRANDS: contained, or near
    suffix: tuple[tuple[str, str], ...]  # SUFFIX_BRANDS: contained
    spread: tuple[tuple[str, str], ...]  # BRANDS + SUFFIX_BRANDS, over labels


@cache
def _skeletons() -> _Skeletons:
    def pairs(brands: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        return tuple((brand, brand_skeleton(brand)) for brand in brands)

    inside = []
    for brand, sk in pairs(BRANDS):
        m = sk.replace("rn", "m")  # as near() reads it
        inside.append((brand, sk, m, _without(m)))
    return _Skeletons(
        pairs(BRANDS + WHOLE_BRANDS),
        tuple(inside),
        pairs(SUFFIX_BRANDS),
        pairs(BRANDS + SUFFIX_BRANDS),
    )


@lru_cache(maxsize=1 << 14)
def _imitation(part: str) -> Match | None:
    sk = skeleton(part)
    brands = _skeletons()
    for brand, brand_sk in brands.whole:
        if sk == brand_sk:
            return Match(_code(part, brand), part, brand)
    typo_sk = sk.replace("rn", "m")
    for brand, brand_sk, brand_m, foreign in brands.inside:
        if brand_sk in sk:
            return Match(_code(part, brand), part, brand)
        # Length 4 and up: three-letter words one edit from "miit" (mit) are too common.
        # near(sk, brand_sk), inline: a new host asks this of every part.
        if (
            len(part) >= 4
            and len(typo_sk.translate(foreign)) <= 1
            and distance(typo_sk, brand_m, 1) <= 1
        ):
            return Match("typo", part, brand)
    for brand, brand_sk in brands.suffix:
        if brand_sk in sk:
            return Match(_code(part, brand), part, brand)
    if not part.isascii():
        for brand in CHINESE_BRANDS:
            if brand in part:
                return Match("brand_token", part, brand)
    return None


def _code(part: str, brand: str) -> str:
    """``brand_token`` when the brand is written plainly, ``homoglyph`` when imitated."""
    return "brand_token" if brand in part else "homoglyph"
