"""Password strength: zxcvbn, taught what a Chinese attacker tries first.

Plain zxcvbn rates ``Woaini@1314`` 3 of 4 and ``Zhangwei@1990`` 4 of 4.  Here its
own matching is extended, not second-guessed: the matches of
:mod:`beianaudit.password.chinese_matching` (a Chinese password list, surnames, pinyin
words, later years, padded words) join zxcvbn's, the person's own data becomes
its ``user_inputs`` dictionary, and zxcvbn's scoring then picks the cheapest
explanation of the whole password, as usual.  This module turns the result into
a verdict with advice that names what was found, never the password.

zxcvbn refuses more than 72 characters and its cost grows fast with length, so
a longer password is judged on its first 72 characters (the rules see it all).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from beianaudit.i18n import N_
from beianaudit.password.chinese_matching import (
    CHINESE,
    HABIT,
    LATER_YEAR,
    PINYIN,
    SURNAMES,
    USER,
    cheapest_per_span,
    chinese_dictionaries,
    habit_matches,
    pinyin_matches,
)

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
    # The score of what is left without the person's own data (None: none found).  The
    # filing is public: an attacker aiming at this account has that data for free.
    rest_score: int | None = None


def _all_matches(text: str, dictionaries: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """zxcvbn's matches of ``text`` and ours, the cheapest of each span.  A repeat
    (Woaini@1314Woaini@1314) is priced by its unit as judged here: zxcvbn prices the
    unit with its own lists only, which know neither the Chinese words nor the user's."""
    from zxcvbn import matching, scoring

    matches = matching.omnimatch(text, dictionaries)
    matches += matching.regex_match(text, _regexen={"recent_year": LATER_YEAR})
    matches += pinyin_matches(text)
    for match in matches:
        if match["pattern"] == "repeat":
            unit = match["base_token"]
            base = scoring.most_guessable_match_sequence(unit, _all_matches(unit, dictionaries))
            match["base_guesses"], match["base_matches"] = base["guesses"], base["sequence"]
    return cheapest_per_span(text, matches + habit_matches(text, matches))


def evaluate(password: str, words: Sequence[tuple[str, str]] = ()) -> Strength:
    """Score ``password`` (its first 72 characters) with the ``(word, kind)`` context."""
    from zxcvbn import feedback, matching, scoring, time_estimates

    from beianaudit.password import zxcvbn_speed

    zxcvbn_speed.install()
    judged = password[:MAX_LENGTH]
    if not judged:
        return Strength(0, 0.0, 0, (), (), (), ())
    dictionaries = {**matching.RANKED_DICTIONARIES, **chinese_dictionaries()}
    dictionaries[USER] = matching.build_ranked_dict([w for w, _ in words])
    matches = _all_matches(judged, dictionaries)
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
        rest_score=_rest_score(password, matches, words) if personal else None,
    )


def _rest_score(
    password: str, matches: list[dict[str, Any]], words: Sequence[tuple[str, str]]
) -> int:
    """The score of ``password`` with every span of the person's own data (found in its
    judged prefix) taken out; what lies past the prefix counts for the rest too."""
    mine = [m for m in matches if m.get("dictionary_name") == USER]
    covered = {k for m in mine for k in range(m["i"], m["j"] + 1)}
    rest = "".join(ch for k, ch in enumerate(password) if k not in covered)
    return evaluate(rest, words).score
