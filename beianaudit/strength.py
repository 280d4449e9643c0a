"""Password strength: zxcvbn, taught what a Chinese attacker tries first.

Plain zxcvbn rates ``Woaini@1314`` 3 of 4 and ``Zhangwei@1990`` 4 of 4.  Here its
own matching is extended, not second-guessed: a frequency list of common Chinese
passwords and love numbers joins its dictionaries, the person's own data becomes
its ``user_inputs`` dictionary, and a pinyin matcher adds a dictionary match for
every run of letters that splits entirely into pinyin syllables.  zxcvbn's
scoring then picks the cheapest explanation of the whole password, as usual.

zxcvbn refuses more than 72 characters and its cost grows fast with length, so
a longer password is judged on its first 72 characters (the rules see it all).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from beianaudit.i18n import N_
from beianaudit.personal_words import data_lines

MAX_LENGTH = 72
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

# zxcvbn's own feedback, English only upstream: listed here to be translated.
ZXCVBN_TEXTS = (
    N_("Use a few words, avoid common phrases."),
    N_("No need for symbols, digits, or uppercase letters."),
    N_("Add another word or two. Uncommon words are better."),
    N_("Straight rows of keys are easy to guess."),
    N_("Short keyboard patterns are easy to guess."),
    N_("Use a longer keyboard pattern with more turns."),
    N_('Repeats like "aaa" are easy to guess.'),
    N_('Repeats like "abcabcabc" are only slightly harder to guess than "abc".'),
    N_("Avoid repeated words and characters."),
    N_('Sequences like "abc" or "6543" are easy to guess.'),
    N_("Avoid sequences."),
    N_("Recent years are easy to guess."),
    N_("Avoid recent years."),
    N_("Avoid years that are associated with you."),
    N_("Dates are often easy to guess."),
    N_("Avoid dates and years that are associated with you."),
    N_("This is a top-10 common password."),
    N_("This is a top-100 common password."),
    N_("This is a very common password."),
    N_("This is similar to a commonly used password."),
    N_("A word by itself is easy to guess."),
    N_("Names and surnames by themselves are easy to guess."),
    N_("Common names and surnames are easy to guess."),
    N_("Capitalization doesn't help very much."),
    N_("All-uppercase is almost as easy to guess as all-lowercase."),
    N_("Reversed words aren't much harder to guess."),
    N_("Predictable substitutions like '@' instead of 'a' don't help very much."),
)
CHINESE_WARNING = N_(
    "It contains a common Chinese password or love number (such as 5201314, woaini)."
)
PINYIN_WARNING = N_("It contains pinyin words or names, which attackers' dictionaries hold.")
PERSONAL_WARNING = N_("It contains your own data ({kinds}), which an attacker tries first.")
SERVICE_WARNING = N_(
    "It contains the filing service's own words (beian, miit, icp), which an attacker "
    "aiming at this account tries first."
)
AVOID_PERSONAL = N_(
    "Leave out your name, ID number, birthday, phone, email and domain, "
    "and the service's own words."
)
PADDING_WARNING = N_(
    "A known word padded with a few digits or symbols (Zhangwei@1990) is among "
    "the first things a cracker tries."
)
KIND_NAMES = {
    "name": N_("name"),
    "id": N_("ID number or birth date"),
    "phone": N_("phone number"),
    "email": N_("email"),
    "domain": N_("filed domain"),
}
PERSONAL_KINDS = ("name", "id", "phone", "email", "domain")


@dataclass(frozen=True)
class Strength:
    """zxcvbn's verdict; ``warnings`` and ``suggestions`` are English msgids to translate."""

    score: int
    guesses_log10: float
    judged: int  # how many characters were judged (all, or the first 72)
    warnings: tuple[str, ...]
    suggestions: tuple[str, ...]
    personal: tuple[str, ...]  # kinds of the person's own data found in the password
    habits: tuple[str, ...]  # "chinese", "pinyin": the Chinese habits found


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


@cache
def _prepare() -> None:
    """Give zxcvbn a faster dictionary matcher (once per process).

    zxcvbn's ``dictionary_match`` looks up every substring, O(n²) per dictionary
    and per l33t variant: about 30 ms at 72 characters.  No word is longer than
    its dictionary's longest word, so :func:`bounded_dictionary_match` stops
    there and finds exactly the same matches in the same order (a property test
    holds it to that).  ``l33t_match`` and ``reverse_dictionary_match`` call it
    through the module, which is why it is replaced there; zxcvbn's lists,
    regexes and results stay as they were for any other caller.
    """
    from zxcvbn import matching

    matching.dictionary_match = bounded_dictionary_match  # type: ignore[assignment]


_cache: dict[tuple[int, ...], tuple[list[dict[str, int]], frozenset[str], int]] = {}


def _all_words(ranked: list[dict[str, int]]) -> tuple[frozenset[str], int]:
    """Every word of the lasting dictionaries and the longest one's length, built once
    (a few ms, in C) and reused while the same dictionary objects are passed."""
    key = tuple(map(id, ranked))
    hit = _cache.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], ranked, strict=True)):
        return hit[1], hit[2]
    words = frozenset().union(*ranked)
    longest = max(map(len, words), default=0)
    if len(_cache) >= 4:  # a caller that keeps passing new dictionaries
        _cache.clear()
    _cache[key] = (ranked, words, longest)
    return words, longest


def bounded_dictionary_match(
    password: str, _ranked_dictionaries: dict[str, dict[str, int]] | None = None
) -> list[dict[str, Any]]:
    """zxcvbn's ``dictionary_match``: the same matches in the same order, found faster.

    A substring is looked up in the dictionaries only when it is in the set of all
    their words, and only substrings no longer than the longest word are tried.
    """
    from zxcvbn import matching

    dictionaries = (
        matching.RANKED_DICTIONARIES if _ranked_dictionaries is None else _ranked_dictionaries
    )
    named = list(dictionaries.items())
    # user_inputs changes with every call: it is looked up on its own, never cached.
    lasting = [ranked for name, ranked in named if name != USER]
    words, longest = _all_words(lasting)
    user = dictionaries.get(USER, {})
    longest = max(longest, max(map(len, user), default=0))
    lower = password.lower()
    length = len(password)
    matches = []
    for i in range(length):
        for j in range(i, min(length, i + longest)):
            word = lower[i : j + 1]
            if word in words or word in user:
                for name, ranked in named:
                    rank = ranked.get(word)
                    if rank is not None:
                        matches.append(word_match(password, i, j, rank, name))
    return matches


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
        base = 52 if text[0].isalpha() else 10
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


def evaluate(password: str, words: Sequence[tuple[str, str]] = ()) -> Strength:
    """Score ``password`` (its first 72 characters) with the ``(word, kind)`` context."""
    from zxcvbn import feedback, matching, scoring, time_estimates

    _prepare()
    judged = password[:MAX_LENGTH]
    if not judged:
        return Strength(0, 0.0, 0, (), (), (), ())
    dictionaries = {**matching.RANKED_DICTIONARIES, **chinese_dictionaries()}
    dictionaries[USER] = matching.build_ranked_dict([w for w, _ in words])
    matches = matching.omnimatch(judged, dictionaries)
    matches += matching.regex_match(judged, _regexen={"recent_year": LATER_YEAR})
    matches += pinyin_matches(judged)
    matches = cheapest_per_span(judged, matches + habit_matches(judged, matches))
    result = scoring.most_guessable_match_sequence(judged, matches)
    guesses = result["guesses"]
    score = time_estimates.guesses_to_score(guesses)
    sequence = result["sequence"]
    advice = feedback.get_feedback(score, sequence)

    # Personal data counts wherever zxcvbn found it, padding included; the habits
    # count where they explain part of the chosen sequence.
    kind_of = dict(words)
    personal = tuple(
        dict.fromkeys(
            kind_of[m["matched_word"]]
            for m in matches
            if m.get("dictionary_name") == USER and m["matched_word"] in kind_of
        )
    )
    used = {m.get("core", m.get("dictionary_name")) for m in sequence}
    habits = tuple(
        dict.fromkeys(
            name
            for key, name in ((CHINESE, "chinese"), (PINYIN, "pinyin"), (SURNAMES, "pinyin"))
            if key in used
        )
    )
    warnings = []
    suggestions = []
    if set(personal) & set(PERSONAL_KINDS):
        warnings.append(PERSONAL_WARNING)
    if "service" in personal:
        warnings.append(SERVICE_WARNING)
    if personal:
        suggestions.append(AVOID_PERSONAL)
    if "chinese" in habits:
        warnings.append(CHINESE_WARNING)
    if "pinyin" in habits:
        warnings.append(PINYIN_WARNING)
    if HABIT in {m.get("dictionary_name") for m in sequence}:
        warnings.append(PADDING_WARNING)
    if advice["warning"]:
        warnings.append(advice["warning"])
    suggestions += [s for s in advice["suggestions"] if s not in suggestions]
    return Strength(
        score=int(score),
        guesses_log10=round(float(result["guesses_log10"]), 2),
        judged=len(judged),
        warnings=tuple(warnings),
        suggestions=tuple(suggestions),
        personal=personal,
        habits=habits,
    )
