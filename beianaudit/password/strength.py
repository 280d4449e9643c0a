"""Password strength: zxcvbn, taught what a Chinese attacker tries first.

Plain zxcvbn rates ``Woaini@1314`` 3 of 4 and ``Zhangwei@1990`` 4 of 4.  Here its
own matching is extended, not second-guessed: the matches of
:mod:`beianaudit.password.chinese_matching` (a ranked pinyin lexicon, names, brands,
phrases, mangled words, dates, mobile numbers, keyboard walks, later years, padded
cores) join zxcvbn's, the person's own data becomes
its ``user_inputs`` dictionary, and zxcvbn's scoring then picks the cheapest
explanation of the whole password, as usual.  This module turns the result into
a verdict with advice that names what was found, never the password.

zxcvbn refuses more than 72 characters and its cost grows fast with length, so
a longer password is judged on its first 72 characters (the rules see it all).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from beianaudit.i18n import N_
from beianaudit.password.chinese_matching import (
    BRANDS,
    CHINESE,
    DATE,
    HABIT,
    LATER_YEAR,
    LEXICON,
    MOBILE,
    NAME,
    PHRASE,
    SET_PHRASES,
    TERMINAL_DIGITS,
    TERMINAL_LETTERS,
    USER,
    WALK,
    YEAR_MONTH,
    as_parts,
    cheapest_per_span,
    chinese_dictionaries,
    chinese_matches,
    habit_matches,
)
from beianaudit.password.habit_shapes import AREA, KIN, digits_as_kin, habit_shape_matches

MAX_LENGTH = 72

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
PINYIN_WARNING = N_(
    "It is built on common Chinese words or phrases in pinyin, which crackers try in "
    "order of how often they are used."
)
NAME_WARNING = N_(
    "It is built on a common Chinese name in pinyin (surname and given name, or their "
    "initials), which crackers' name lists hold."
)
BRAND_WARNING = N_(
    "It is built on a well-known brand, site or product, or a device's default "
    "password, which crackers try early."
)
DATE_WARNING = N_("It contains a date; crackers try every date in every common format.")
MOBILE_WARNING = N_(
    "It contains a mobile phone number, which is far easier to guess than eleven random digits."
)
PLACE_WARNING = N_(
    "It contains a city with its telephone area code; crackers try every city with its own code."
)
WALK_WARNING = N_(
    "It is a keyboard walk with some keys shifted; crackers enumerate these patterns."
)
MANGLED_WARNING = N_(
    "Separators, capitals and symbols in place of letters do not hide a known word "
    "from a cracker's rules."
)
PERSONAL_WARNING = N_("It contains your own data ({kinds}), which an attacker tries first.")
SERVICE_WARNING = N_(
    "It contains the filing system's own names (beian, miit, icp), which an attacker "
    "aiming at this account tries first."
)
AVOID_PERSONAL = N_(
    "Leave out your name, ID number, birthday, phone, email and domain, "
    "and the filing system's own names (beian, miit, icp)."
)
PADDING_WARNING = N_(
    "A known word or pattern padded with a few digits or symbols is among the first "
    "things a cracker tries."
)
# What each kind of match in the chosen explanation is called in ``habits``, and the
# warning that names it, in the order the warnings are given.
HABIT_OF = {
    CHINESE: "chinese",
    TERMINAL_LETTERS: "chinese",  # a run of letters or digits common in Chinese passwords
    TERMINAL_DIGITS: "chinese",
    LEXICON: "pinyin",
    PHRASE: "pinyin",
    SET_PHRASES: "pinyin",
    NAME: "name",
    BRANDS: "brand",
    DATE: "date",
    YEAR_MONTH: "date",
    "date": "date",
    MOBILE: "mobile",
    WALK: "keyboard",
    AREA: "place",
    KIN: "pinyin",
}
HABIT_WARNINGS = {
    "chinese": CHINESE_WARNING,
    "pinyin": PINYIN_WARNING,
    "name": NAME_WARNING,
    "brand": BRAND_WARNING,
    "date": DATE_WARNING,
    "mobile": MOBILE_WARNING,
    "keyboard": WALK_WARNING,
    "place": PLACE_WARNING,
    "mangled": MANGLED_WARNING,
}
# A short word of the person's found only through leet (we1 read as wei) is chance.
MIN_LEET_PERSONAL = 5
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
    # The score of what is left without the person's own data (None: none found).  The
    # filing is public: an attacker aiming at this account has that data for free.
    rest_score: int | None = None


def _all_matches(text: str, dictionaries: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """zxcvbn's matches of ``text`` and ours, the cheapest of each span.  A repeat
    (Woaini@1314Woaini@1314) is priced by its unit as judged here: zxcvbn prices the
    unit with its own lists only, which know neither the Chinese words nor the user's."""
    from zxcvbn import matching

    from beianaudit.password.zxcvbn_speed import most_guessable_match_sequence, omnimatch

    matches = [m for m in omnimatch(text, dictionaries) if not digits_as_kin(m)]
    matches += matching.regex_match(text, _regexen={"recent_year": LATER_YEAR})
    matches += chinese_matches(text, dictionaries)
    matches += habit_shape_matches(text)
    for match in matches:
        if match["pattern"] == "repeat":
            unit = match["base_token"]
            base = most_guessable_match_sequence(unit, _all_matches(unit, dictionaries))
            match["base_guesses"] = Decimal(base["guesses"])
            match["base_matches"] = base["sequence"]
            match["guesses"] = base["guesses"] * match["repeat_count"]
    prices: dict[int, float] = {}  # each match priced once; every match stays alive here
    kept = cheapest_per_span(text, matches, prices)  # the padding matcher needs no others
    return cheapest_per_span(text, as_parts(text, kept + habit_matches(text, kept)), prices)


def evaluate(
    password: str, words: Sequence[tuple[str, str]] = (), *, rest: bool = True
) -> Strength:
    """Score ``password`` (its first 72 characters) with the ``(word, kind)`` context;
    with ``rest``, also the rest without the person's own data (see ``rest_score``)."""
    from zxcvbn import feedback, matching, time_estimates

    from beianaudit.password import zxcvbn_speed

    zxcvbn_speed.install()
    judged = password[:MAX_LENGTH]
    if not judged:
        return Strength(0, 0.0, 0, (), (), (), ())
    dictionaries = {**matching.RANKED_DICTIONARIES, **chinese_dictionaries()}
    dictionaries[USER] = matching.build_ranked_dict([w for w, _ in words])
    matches = _all_matches(judged, dictionaries)
    result = zxcvbn_speed.most_guessable_match_sequence(judged, matches)
    guesses = result["guesses"]
    score = time_estimates.guesses_to_score(guesses)
    sequence = result["sequence"]
    advice = feedback.get_feedback(score, sequence)

    # Personal data counts wherever zxcvbn found it, padding included, unless only a
    # leet reading of a short piece made it (we1 as wei); the habits count where they
    # explain part of the chosen sequence.
    kind_of = dict(words)
    personal = tuple(
        dict.fromkeys(
            kind_of[m["matched_word"]]
            for m in matches
            if m.get("dictionary_name") == USER
            and m["matched_word"] in kind_of
            and (len(m["token"]) >= MIN_LEET_PERSONAL or not _leet(m))
        )
    )
    habits = _habits(sequence)
    warnings = []
    suggestions = []
    if set(personal) & set(PERSONAL_KINDS):
        warnings.append(PERSONAL_WARNING)
    if "service" in personal:
        warnings.append(SERVICE_WARNING)
    if personal:
        suggestions.append(AVOID_PERSONAL)
    warnings += [warning for habit, warning in HABIT_WARNINGS.items() if habit in habits]
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
        rest_score=_rest_score(password, matches, words, int(score)) if personal and rest else None,
    )


def _leet(match: dict[str, Any]) -> bool:
    return bool(match.get("l33t")) or "leet" in match.get("rules", ())


def _habits(sequence: list[dict[str, Any]]) -> tuple[str, ...]:
    """The Chinese habits that explain part of the chosen sequence, a padded core
    counted as its core, and "mangled" where a cracking rule had to undo something."""
    found = []
    for match in sequence:
        inner = match.get("core_match", match)
        name = HABIT_OF.get(inner.get("core", inner.get("dictionary_name", inner["pattern"])))
        if name is None:
            name = HABIT_OF.get(inner["pattern"])
        if name is None and inner["pattern"] == "spatial":
            name = "keyboard" if len(inner["token"]) >= 4 else None
        if name:
            found.append(name)
        if inner.get("rules") or inner.get("l33t"):
            found.append("mangled")
    return tuple(dict.fromkeys(found))


def _rest_score(
    password: str, matches: list[dict[str, Any]], words: Sequence[tuple[str, str]], score: int
) -> int:
    """The score of ``password`` with every span of the person's own data (found in its
    judged prefix) taken out; what lies past the prefix counts for the rest too.

    ``score`` is the password's own: when the rest begins with the same judged prefix
    (ZhangWei repeated past 72 characters), it is the rest's too, without a second
    evaluation."""
    mine = [m for m in matches if m.get("dictionary_name") == USER]
    covered = {k for m in mine for k in range(m["i"], m["j"] + 1)}
    rest = "".join(ch for k, ch in enumerate(password) if k not in covered)
    if rest[:MAX_LENGTH] == password[:MAX_LENGTH]:
        return score
    return evaluate(rest, words, rest=False).score
