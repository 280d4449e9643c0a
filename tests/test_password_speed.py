"""Speed without a different verdict: each faster piece of password.strength is held
to the slower code it replaces (zxcvbn's own, or beianaudit's earlier path), on the
long and repetitive inputs that made it slow.  Speed itself is measured in
benchmarks/password.py; here only work is counted, never time."""

from __future__ import annotations

import copy
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beianaudit.password import chinese_matching, personal_words, strength, zxcvbn_speed
from tests.conftest import SAMPLES


def _words() -> list[tuple[str, str]]:
    from beianaudit.config import load

    return personal_words.context_words(load(SAMPLES / "personal.toml"))


def _dictionaries(words: list[tuple[str, str]] | None = None) -> dict[str, dict[str, int]]:
    from zxcvbn import matching

    dictionaries = {**matching.RANKED_DICTIONARIES, **chinese_matching.chinese_dictionaries()}
    dictionaries[chinese_matching.USER] = matching.build_ranked_dict(
        [w for w, _ in (words if words is not None else _words())]
    )
    return dictionaries


# Alphabets of the shapes that were slow: mixed case (aA), leet symbols, digits that
# read as dates and phones, keyboard walks, syllables with separators.
SHAPES = st.sampled_from(
    [
        "aA",
        "aAbB1!",
        "4@3!1|0$57+(",
        "0123456789",
        "13912345678",
        "1qaz2wsx!QAZ@WSX",
        "zhangweiZHANGWEI-.@1990",
        "woaini1314WOAINI",
        string.ascii_letters + string.digits + string.punctuation,
    ]
)


@st.composite
def long_texts(draw: st.DrawFn, max_size: int = 72) -> str:
    """Text of one shape, random or a repeated unit, up to ``max_size`` characters."""
    alphabet = draw(SHAPES)
    if draw(st.booleans()):
        return draw(st.text(alphabet=alphabet, min_size=1, max_size=max_size))
    unit = draw(st.text(alphabet=alphabet, min_size=1, max_size=9))
    return (unit * max_size)[: draw(st.integers(1, max_size))]


@settings(max_examples=40, deadline=None)
@given(long_texts())
def test_float_pricing_equals_zxcvbns(password: str) -> None:
    """Every match of a verdict is priced as zxcvbn's ``estimate_guesses`` prices it,
    and is left with the same fields (``price``: with none set)."""
    from zxcvbn import scoring

    matches = strength._all_matches(password, _dictionaries())
    for match in matches:
        ours, theirs, kept = copy.deepcopy(match), copy.deepcopy(match), copy.deepcopy(match)
        expected = float(scoring.estimate_guesses(theirs, password))
        assert zxcvbn_speed.guesses(ours, password) == expected
        assert ours == theirs
        assert zxcvbn_speed.price(kept, password) == expected
        assert kept == match  # price leaves the match as it was


@settings(max_examples=25, deadline=None)
@given(long_texts())
def test_the_float_search_equals_zxcvbns_on_long_inputs(password: str) -> None:
    """The search on every match of a verdict, up to 72 characters: the same guesses
    and the same sequence as upstream's search in Decimal."""
    from zxcvbn import scoring

    matches = strength._all_matches(password, _dictionaries())
    ours = zxcvbn_speed.most_guessable_match_sequence(password, copy.deepcopy(matches))
    theirs = scoring.most_guessable_match_sequence(password, copy.deepcopy(matches))
    assert ours["guesses"] == pytest.approx(float(theirs["guesses"]), rel=1e-9)
    assert [(m["i"], m["j"], m["pattern"]) for m in ours["sequence"]] == [
        (m["i"], m["j"], m["pattern"]) for m in theirs["sequence"]
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="0123456789", max_size=30)
    | st.text(alphabet="0123456789/\\_.- \n٣x", max_size=30)
    | st.builds(
        lambda unit, n: (unit * 40)[:n],
        st.text("0129.-", min_size=1, max_size=6),
        st.integers(1, 72),
    )
)
def test_date_match_equals_zxcvbns(password: str) -> None:
    """The same dates in the same order as zxcvbn's ``date_match``, quirks included
    (a trailing newline, other scripts' digits, dates inside dates dropped)."""
    zxcvbn_speed.install()
    ours = zxcvbn_speed.date_match(password)
    try:
        theirs = zxcvbn_speed.upstream_date_match(password)
    except ValueError:  # upstream fails on "00000\n": ours reads the rest, never raises
        assert "\n" in password
        return
    assert ours == theirs


def test_a_newline_after_digits_is_judged_not_raised() -> None:
    """zxcvbn 4.5 raises ValueError on "00000\n" (its date regex accepts the newline)."""
    assert strength.evaluate("Ab00000\nCd").score >= 0


@settings(max_examples=40, deadline=None)
@given(long_texts())
def test_omnimatch_equals_zxcvbns_but_for_the_units_price(password: str) -> None:
    """The same matches in the same order as zxcvbn's ``omnimatch``; a repeat's unit
    is left to strength to price (upstream's price of it is never used)."""
    from zxcvbn import matching

    dictionaries = _dictionaries()
    ours = zxcvbn_speed.omnimatch(password, dictionaries)
    theirs = matching.omnimatch(password, dictionaries)
    for match in theirs:
        if match["pattern"] == "repeat":
            match["base_guesses"] = match["base_matches"] = None
    assert ours == theirs
