"""Brands, services and products as Chinese users build passwords on them (issue 15).

The table ``tests/data/password/brand_cases.txt`` was written by category, from what
Chinese users name in passwords, before the brand list in ``tools/password_lexicon.py``
was widened, and independently of it: each entry is how people type the name (pinyin,
latin spelling or initials), cut into its parts so that CamelCase can be made.  A
generator crosses every entry with a case style, a joiner and a suffix, as cracking
rules do; every case must be rejected.  Product models (series + number +
pro/max/...) are a shape of their own.
"""

from __future__ import annotations

import random
import string

import pytest

from beianaudit.password import personal_words, strength
from tests.conftest import ROOT
from tests.tables import check_rows

NOBODY = personal_words.context_words(None)

TABLE = ROOT / "tests" / "data" / "password" / "brand_cases.txt"


def table() -> list[tuple[str, list[str]]]:
    """``(category, parts)`` of the hand-written table, in file order."""
    lines = TABLE.read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return [(category, entry.split()) for category, entry in rows]


CASE_STYLES = ("capitalized", "camel")
JOINERS = ("", "@", "_", ".", "#", "!")
SUFFIXES = ("2026", "1", "888", "123", "1314", "520", "2026!", "123!", "!", "!!", "#1", "666")
PER_ENTRY = 3  # cases drawn for each entry


def _styled(parts: list[str], style: str) -> str:
    if style == "camel" and len(parts) > 1:
        return "".join(p.capitalize() for p in parts)
    return "".join(parts).capitalize()


def _four_classes(password: str) -> bool:
    return (
        any(c.isupper() for c in password)
        and any(c.islower() for c in password)
        and any(c.isdigit() for c in password)
        and any(c in string.punctuation for c in password)
    )


def brand_cases() -> list[tuple[str, str]]:
    """``(category, password)``: each entry three times, its case style, joiner and
    suffix drawn from a fixed seed; only passwords a class rule lets through (four
    classes, eight characters or more), as in the issue's measure."""
    rng = random.Random(15)  # noqa: S311 (a fixed sample, not a secret)
    cases: list[tuple[str, str]] = []
    for category, parts in table():
        made: set[str] = set()
        for _ in range(200):
            if len(made) == PER_ENTRY:
                break
            core = parts[0] if category == "models" else _styled(parts, rng.choice(CASE_STYLES))
            password = core + rng.choice(JOINERS) + rng.choice(SUFFIXES)
            if len(password) >= 8 and _four_classes(password):
                made.add(password)
        cases += [(category, pw) for pw in sorted(made)]
    return list(dict.fromkeys(cases))


# Cases the model still lets through (10^8 guesses or more) or rejects without naming a
# reason, once the list was widened: strict, so that a fix shows up.  Product models:
# the capitals of a model (Mate60Pro) are priced by zxcvbn's uppercase variations
# (x10 to x200: the digits break the mangled matcher's words), and a model costs its
# series' place times every model a series counts (1,089).  YingXiongLianMeng is longer
# than the mangled matcher's longest word (16 letters); cities are the pinyin
# lexicon's, priced by their syllables' ranks.  Before the list was widened, 182 of
# the 663 cases were here.
KNOWN_MISSES: set[str] = {
    "ChongQing#2026!",
    "FindX7.#1",
    "FindX7.520",
    "FindX7@888",
    "Galaxy24Ultra.520",
    "Galaxy24Ultra_#1",
    "Mate30@123!",
    "MeiDi!2026!",
    "P30Pro!2026!",
    "RedmiK70@123",
    "RedmiNote12_!!",
    "RedmiNote12_1314",
    "Xiamen_2026!",
    "Xiaomi13Pro@2026!",
    "YingXiongLianMeng.888",
    "YingXiongLianMeng_123",
    "iQOO12#2026",
}


def _rejected(case: tuple[str, str]) -> None:
    category, password = case
    result = strength.evaluate(password, NOBODY)
    assert result.score < 3, (category, result.guesses_log10, result.habits)
    assert result.warnings, (category, "rejected without a warning")


def test_brand_words_with_a_suffix_are_rejected() -> None:
    """Every generated case; exactly the known misses fail (strict: a fix shows up, a
    regression fails), each failing password named."""
    check_rows(brand_cases(), _rejected, KNOWN_MISSES, key=lambda case: case[1])


def test_the_generated_cases_cover_every_category() -> None:
    cases = brand_cases()
    categories = {"apps", "companies", "phones", "cars", "food", "banks", "universities"}
    assert {c for c, _ in cases} == categories | {"games", "cities", "models"}
    assert len(cases) >= PER_ENTRY * len(table()) * 0.9
    assert {pw for _, pw in cases} >= KNOWN_MISSES


@pytest.mark.parametrize("word", ["DaJiang", "HikVision", "LianTong", "HePingJingYing"])
def test_capitals_at_listed_pieces_of_a_listed_word_are_camel_case(word: str) -> None:
    """A listed word cased at pieces that are listed words themselves (da·jiang,
    hik·vision) costs the bare word times the CamelCase rule, not zxcvbn's uppercase
    variations (x24 and more), even where the whole word is cheaper than its pieces."""
    import math

    from beianaudit.password.chinese_matching import CAMEL_RULE

    cased = strength.evaluate(word, NOBODY).guesses_log10
    bare = strength.evaluate(word.lower(), NOBODY).guesses_log10
    assert cased <= bare + math.log10(CAMEL_RULE) + 0.01  # log10 to two places
