"""Speed without a different verdict: each faster piece of password.strength is held
to the slower code it replaces (zxcvbn's own, or beianaudit's earlier path), on the
long and repetitive inputs that made it slow.  Speed itself is measured in
benchmarks/password.py; here only work is counted, never time."""

from __future__ import annotations

import copy
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.password import chinese_matching, personal_words, strength, zxcvbn_speed
from tests.conftest import SAMPLES
from tests.fuzzing import budget


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


@budget(20)
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


@budget(25)
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


@budget(20)
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


@budget(20)
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
    # A regex match carries its re.Match, which compares by identity: compare its span.
    for match in ours + theirs:
        if "regex_match" in match:
            match["regex_match"] = match["regex_match"].span()
    assert ours == theirs


# --- counted work: what would blow up shows in the counts, never in a clock ----------


def _judged_evaluations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of 72 characters ``strength._all_matches`` is asked about, in order."""
    seen: list[str] = []
    inner = strength._all_matches

    def counting(text: str, dictionaries: dict[str, dict[str, int]]) -> list[dict[str, object]]:
        if len(text) == strength.MAX_LENGTH:
            seen.append(text)
        return inner(text, dictionaries)

    monkeypatch.setattr(strength, "_all_matches", counting)
    return seen


@pytest.mark.parametrize("unit", ["ZhangWei", "19900307", "zhangwei1990"])
def test_a_rest_that_starts_as_the_password_is_not_evaluated_again(
    unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The person's data repeated past 72 characters leaves a rest whose judged prefix
    is the password's own: one evaluation gives both scores."""
    password = (unit * 100)[:1024]
    seen = _judged_evaluations(monkeypatch)
    result = strength.evaluate(password, _words())
    assert result.rest_score == result.score
    assert seen == [password[: strength.MAX_LENGTH]]


def test_a_different_rest_is_evaluated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    password = ("13912345678Aa!" * 80)[:1024]
    seen = _judged_evaluations(monkeypatch)
    result = strength.evaluate(password, _words())
    assert result.rest_score is not None
    assert len(seen) == 2
    assert seen[1] != seen[0]


def test_date_match_reads_each_distinct_substring_once() -> None:
    zxcvbn_speed._date_without_separator.cache_clear()
    zxcvbn_speed._date_with_separator.cache_clear()
    zxcvbn_speed.date_match("1" * 72)
    assert zxcvbn_speed._date_without_separator.cache_info().misses == 5  # 1111 to 11111111
    assert zxcvbn_speed._date_with_separator.cache_info().misses == 5


def test_a_repeated_mobile_number_is_priced_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from zxcvbn import matching

    tails: list[str] = []
    inner = matching.omnimatch

    def counting(text: str, *args: object, **kwargs: object) -> list[dict[str, object]]:
        tails.append(text)
        return inner(text, *args, **kwargs)

    monkeypatch.setattr(matching, "omnimatch", counting)
    monkeypatch.setattr(chinese_matching, "_TAILS", chinese_matching._TailPrices())
    found = chinese_matching.mobile_matches("13912345678Aa!" * 5, _dictionaries())
    assert len(found) == 5
    assert tails == ["12345678"]
    # The rest of a verdict (the person's data taken out) holds the same numbers:
    # priced once for both, at the same price as priced afresh.
    again = chinese_matching.mobile_matches("Aa!13912345678", _dictionaries())
    assert tails == ["12345678"]
    monkeypatch.setattr(chinese_matching, "_TAILS", chinese_matching._TailPrices())
    assert chinese_matching.mobile_matches("Aa!13912345678", _dictionaries()) == again
    assert tails == ["12345678", "12345678"]
    # Other lists (another person's words) are priced on their own.
    chinese_matching.mobile_matches("Aa!13912345678", _dictionaries([("12345678", "phone")]))
    assert len(tails) == 3


def test_the_phrase_search_reads_each_position_once() -> None:
    """aAaA... is searched from every start, each reading up to 24 positions ahead: the
    words at a position are looked up once, while every lookup the search makes is
    still counted (the budget cuts where it did)."""
    asked: list[str] = []
    dictionaries = {name: _Asked(ranked, asked) for name, ranked in _dictionaries().items()}
    before = chinese_matching.Work.lookups
    chinese_matching.mangled_matches("aA" * 12, dictionaries)
    counted = chinese_matching.Work.lookups - before
    looked_up = len(asked) // len(dictionaries)  # a lookup asks every list
    assert looked_up * 4 < counted


class _Asked(dict):  # type: ignore[type-arg]
    """A ranked list that notes every word it is asked about."""

    def __init__(self, ranked: dict[str, int], asked: list[str]) -> None:
        super().__init__(ranked)
        self.asked = asked

    def __contains__(self, word: object) -> bool:
        self.asked.append(str(word))
        return super().__contains__(word)


@st.composite
def long_word_texts(draw: st.DrawFn) -> str:
    """33 to 80 characters of listed words, long ones (past zxcvbn_speed.PREFIX) among
    them, the person's long ID too, in any case, glued or with a symbol between."""
    longer = sorted(w for w in _longest_words() if len(w) > zxcvbn_speed.PREFIX)
    pieces = st.sampled_from(longer[:: max(1, len(longer) // 200)])
    pieces |= st.sampled_from(["330106199003071236", "zhangwei", "woaini", "1990", "!", "aA"])
    parts = draw(st.lists(pieces, min_size=1, max_size=8))
    text = draw(st.sampled_from(["", "@", "1"])).join(parts)
    text = "".join(ch.upper() if draw(st.booleans()) else ch for ch in text[:8]) + text[8:]
    return (text * 3)[: draw(st.integers(zxcvbn_speed.SHORT + 1, 80))]


def _longest_words() -> frozenset[str]:
    lasting = [d for name, d in _dictionaries().items() if name != chinese_matching.USER]
    return zxcvbn_speed.all_words(lasting)[0]


@budget(20)
@given(long_word_texts())
def test_long_words_are_found_as_zxcvbn_finds_them(password: str) -> None:
    zxcvbn_speed.install()
    dictionaries = _dictionaries()
    upstream = zxcvbn_speed._UPSTREAM["dictionary_match"](password, dictionaries)
    # Past SHORT characters a substring is looked up only among the listed words: a
    # product model (s1, mate60), counted by its series and not listed, is not seen
    # there (chinese_matching.Brands says why); every listed word is.
    listed = [m for m in upstream if _listed(m, dictionaries)]
    assert zxcvbn_speed.bounded_dictionary_match(password, dictionaries) == listed


def _listed(match: dict, dictionaries: dict[str, dict[str, int]]) -> bool:
    ranked = dictionaries[match["dictionary_name"]]
    return not isinstance(ranked, chinese_matching.Brands) or dict.__contains__(
        ranked, match["matched_word"]
    )


# --- prices and lookups worked out once: the same matches as working them out again --


def _reference_all_matches(text: str, dictionaries: dict[str, dict[str, int]]) -> list[dict]:
    """``strength._all_matches`` as it was before prices were shared between its two
    ``cheapest_per_span`` calls: every match priced again in the second."""
    from decimal import Decimal

    from zxcvbn import matching

    matches = zxcvbn_speed.omnimatch(text, dictionaries)
    matches += matching.regex_match(text, _regexen={"recent_year": chinese_matching.LATER_YEAR})
    matches += chinese_matching.chinese_matches(text, dictionaries)
    for match in matches:
        if match["pattern"] == "repeat":
            unit = match["base_token"]
            units = _reference_all_matches(unit, dictionaries)
            base = zxcvbn_speed.most_guessable_match_sequence(unit, units)
            match["base_guesses"] = Decimal(base["guesses"])
            match["base_matches"] = base["sequence"]
            match["guesses"] = base["guesses"] * match["repeat_count"]
    matches = chinese_matching.cheapest_per_span(text, matches)
    habits = chinese_matching.habit_matches(text, matches)
    return chinese_matching.cheapest_per_span(
        text, chinese_matching.as_parts(text, matches + habits)
    )


def _described(matches: list[dict], text: str) -> list[tuple]:
    return [
        (m["i"], m["j"], m["pattern"], m.get("dictionary_name"), zxcvbn_speed.price(m, text))
        for m in matches
    ]


@budget(12)
@given(long_texts())
def test_shared_prices_choose_the_same_matches(password: str) -> None:
    dictionaries = _dictionaries()
    ours = strength._all_matches(password, dictionaries)
    assert _described(ours, password) == _described(
        _reference_all_matches(password, dictionaries), password
    )


@budget(20)
@given(
    st.lists(
        st.sampled_from(["aa", "woaini", "zhang", "wei", "qq", "xyzzy", "1314"])
        | st.text("aeinowz", min_size=2, max_size=8),
        min_size=1,
        max_size=30,
    )
)
def test_a_word_looked_up_again_gets_the_same_rank(words: list[str]) -> None:
    """The ranker keeps what each word looked up to: asked again (aAaA... asks the same
    words from every start), it answers as the lists do."""
    dictionaries = _dictionaries()
    for length in (12, 72):  # up to SHORT every list is asked; past it the set of all words
        rank = chinese_matching._ranker(dictionaries, length)
        for word in words + words:
            expected = min(
                ((d[word], name) for name, d in dictionaries.items() if word in d), default=None
            )
            assert rank(word) == expected


@budget(20)
@given(long_texts())
def test_l33t_match_equals_zxcvbns(password: str) -> None:
    """Only the substrings with a substituted character looked up: the same matches in
    the same order as zxcvbn's ``l33t_match`` (which looks all up, then drops those)."""
    zxcvbn_speed.install()
    dictionaries = _dictionaries()
    upstream = zxcvbn_speed._UPSTREAM["l33t_match"]
    assert zxcvbn_speed.l33t_match(password, dictionaries) == upstream(password, dictionaries)
