"""What a Chinese attacker tries first, as zxcvbn matches.

zxcvbn finds the cheapest explanation of a password from a list of matches; this
module adds the matches it cannot find on its own: words of a Chinese password list
and of common surnames, pinyin words (a run of letters that splits entirely into
syllables), years up to 2049, and a known word padded with a few digits or symbols
(Zhangwei@1990) priced as the one guess list a cracking rule makes of it.  The
lists and the syllable table are package data in ``beianaudit/data/password/``.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from beianaudit.password.personal_words import data_lines

CHINESE = "chinese_passwords"
PINYIN = "pinyin"
SURNAMES = "chinese_surnames"
USER = "user_inputs"
# Guesses per pinyin syllable: an attacker enumerates the common syllables first
# (about a hundred cover most of written Chinese), so a two-syllable name costs
# about 10^4 guesses, not the 26^8 of eight random letters.
SYLLABLE_GUESSES = 100
MAX_SYLLABLE = 6  # zhuang, shuang
MIN_PINYIN_LETTERS = 4
_LETTERS = re.compile(r"[a-z]+")
# Upstream's "recent year" stops at 2019; this decade's years are what people
# append (Beian@2026), so this adds 2020–2049 under the same name and price.
LATER_YEAR = re.compile(r"20[2-4]\d")
HABIT = "habit"
# The way people pad a word to pass the class rules: up to three short pieces of
# symbols, digits or one or two letters before or after it (Zhangwei@1990, 1314@Woaini,
# 5201314Aa!).  Cracking rules (hashcat's best64 and the like) try exactly these.
_PIECE = r"(?:[^A-Za-z0-9]{1,2}|[0-9]{1,8}|[A-Za-z]{1,2})"
_SUFFIX = re.compile(rf"{_PIECE}{{1,3}}")
_PREFIX = re.compile(rf"{_PIECE}{{1,3}}$")
_SEGMENT = re.compile(r"[^A-Za-z0-9]+|[0-9]+|[A-Za-z]+")
MAX_PAD = 10  # characters of padding on one side
SYMBOL_GUESSES = 10  # per padding symbol: ! @ # . _ * and a few more
TEMPLATES = 10  # word alone, padding before, after, both, and their orders


@cache
def syllables() -> frozenset[str]:
    return frozenset(data_lines("pinyin_syllables.txt"))


@cache
def chinese_dictionaries() -> dict[str, dict[str, int]]:
    """The ranked lists beianaudit adds to zxcvbn's own, read once from package data."""
    from zxcvbn import matching

    def ranked(name: str) -> dict[str, int]:
        return matching.build_ranked_dict(list(dict.fromkeys(data_lines(name))))

    return {CHINESE: ranked("chinese_passwords.txt"), SURNAMES: ranked("chinese_surnames.txt")}


def word_match(password: str, i: int, j: int, rank: float, name: str) -> dict[str, Any]:
    """A zxcvbn dictionary match for ``password[i..j]`` (inclusive, as zxcvbn counts)."""
    return {
        "pattern": "dictionary",
        "i": i,
        "j": j,
        "token": password[i : j + 1],
        "matched_word": password[i : j + 1].lower(),
        "rank": rank,
        "dictionary_name": name,
        "reversed": False,
        "l33t": False,
    }


def _fewest_syllables(text: str, start: int) -> dict[int, int]:
    """For each end that ``text[start:end]`` can be spelled up to, the fewest syllables."""
    table = syllables()
    fewest = {start: 0}
    for k in range(start, len(text)):
        if k not in fewest:
            continue
        for size in range(1, MAX_SYLLABLE + 1):
            end = k + size
            if end <= len(text) and text[k:end] in table:
                count = fewest[k] + 1
                if count < fewest.get(end, count + 1):
                    fewest[end] = count
    return fewest


def pinyin_matches(password: str) -> list[dict[str, Any]]:
    """zxcvbn dictionary matches for every letter run made of two or more pinyin syllables.

    Any syllables cost 100 guesses each.  A name (a common surname, then syllables)
    costs the surname's rank, then 100 a syllable.  A doubled syllable (jiajia,
    dongdong: the usual nickname form) costs one syllable.
    """
    surnames = chinese_dictionaries()[SURNAMES]
    lower = password.lower()
    matches = []
    for run in _LETTERS.finditer(lower):
        start_run, text = run.start(), run.group()
        spelled = [_fewest_syllables(text, i) for i in range(len(text))]
        for i, fewest in enumerate(spelled):
            names = [
                (i + n, surnames[text[i : i + n]])
                for n in range(1, MAX_SYLLABLE + 1)
                if i + n < len(text) and text[i : i + n] in surnames
            ]
            for end, count in fewest.items():
                if count < 2 or end - i < MIN_PINYIN_LETTERS:
                    continue
                word = text[i:end]
                guesses = SYLLABLE_GUESSES**count
                half = len(word) // 2
                if count == 2 and word[:half] == word[half:]:
                    guesses = SYLLABLE_GUESSES
                for given_start, rank in names:
                    given = spelled[given_start].get(end)
                    if given:
                        guesses = min(guesses, rank * SYLLABLE_GUESSES**given)
                a, b = start_run + i, start_run + end - 1
                matches.append(word_match(password, a, b, guesses, PINYIN))
    return matches


def _pad_guesses(
    password: str, start: int, end: int, cheapest: dict[tuple[int, int], float]
) -> float:
    """Guesses for the padding ``password[start:end]``, piece by piece.

    A piece zxcvbn already explains (a year, 123, a love number, a phone tail)
    costs what zxcvbn says; otherwise digits 10, letters 52, symbols 10 a character.
    """
    guesses = 1.0
    for piece in _SEGMENT.finditer(password, start, end):
        text = piece.group()
        base = 52 if text[0].isalpha() else 10 if text[0].isdigit() else SYMBOL_GUESSES
        known = cheapest.get((piece.start(), piece.end() - 1), math.inf)
        guesses *= min(base ** len(text), known)
    return guesses


def habit_matches(password: str, matches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One match for a known word with its short padding: Zhangwei@1990 as one guess list.

    zxcvbn prices a password of three parts at 10^8 guesses or more whatever the
    parts, since it cannot know that people pad a word this way; a cracker does.
    """
    from zxcvbn import scoring

    cheapest: dict[tuple[int, int], float] = {}
    for m in matches:
        token = m["token"]
        if len(token) > 8 or not (token.isdigit() or len(token) <= 2):
            continue  # cannot be a piece of padding
        key = (m["i"], m["j"])
        guesses = float(scoring.estimate_guesses(dict(m), password))
        cheapest[key] = min(cheapest.get(key, math.inf), guesses)
    found = []
    for core in matches:
        if core["pattern"] != "dictionary" or core["j"] - core["i"] < 2:
            continue
        word_guesses = float(scoring.dictionary_guesses(dict(core)))
        i, j = core["i"], core["j"] + 1
        after = _SUFFIX.match(password, j)
        before = _PREFIX.search(password, max(0, i - MAX_PAD), i)
        pads = [(i, after.end() if after else j)]
        if before:
            pads += [(before.start(), j), (before.start(), pads[0][1])]
        for start, end in pads:
            if (start, end) == (i, j) or end - j > MAX_PAD:
                continue
            guesses = word_guesses * TEMPLATES
            guesses *= _pad_guesses(password, start, i, cheapest)
            guesses *= _pad_guesses(password, j, end, cheapest)
            match = word_match(password, start, end - 1, guesses, HABIT)
            match.update(
                matched_word=core["matched_word"],
                guesses=guesses,  # zxcvbn's scoring takes a given price as it is
                guesses_log10=math.log10(guesses),
                core=core.get("dictionary_name"),
            )
            found.append(match)
    return found


def cheapest_per_span(password: str, matches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cheapest match of each span, in zxcvbn's order.

    zxcvbn's search keeps only the cheapest way to cover a span anyway, so the
    others only cost time: with the padding matches, a third of the work at 72
    characters.
    """
    from zxcvbn import scoring

    best: dict[tuple[int, int], tuple[float, dict[str, Any]]] = {}
    for m in matches:
        guesses = float(scoring.estimate_guesses(m, password))
        key = (m["i"], m["j"])
        if key not in best or guesses < best[key][0]:
            best[key] = (guesses, m)
    return [best[key][1] for key in sorted(best)]
