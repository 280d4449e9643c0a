"""Property tests: every single look-alike substitution in a valid number is caught,
and the suggestion restores the original whenever it is unique."""

from __future__ import annotations

import string
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from beianaudit.identifiers import INVALID, LOOKALIKE, VALID, judge, judgement
from beianaudit.identifiers.kinds import (
    USCC_ALPHABET,
    gb11714_check_char,
    gb11714_digit,
    ric_check_char,
    uscc_check_char,
)
from beianaudit.identifiers.regions import RETIRED_SLACK, region_codes, retired_codes
from beianaudit.identifiers.tables import lookalikes, provinces, uscc_categories
from tests.conftest import TODAY
from tests.fuzzing import budget

SETTINGS = budget(20)


@st.composite
def rics(draw: st.DrawFn) -> str:
    """A valid resident ID: a region code, a birth date while it was in use, a check digit."""
    region = draw(st.sampled_from(sorted(region_codes())))
    last = retired_codes().get(region)
    latest = date(last + RETIRED_SLACK, 12, 31) if last else TODAY - timedelta(days=1)
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=latest))
    serial = draw(st.text(string.digits, min_size=3, max_size=3))
    first17 = f"{region}{born:%Y%m%d}{serial}"
    return first17 + ric_check_char(first17)


@st.composite
def usccs(draw: st.DrawFn) -> str:
    """A valid credit code: a pair GB 32100 lists, a region code, check characters."""
    head = draw(st.sampled_from(sorted(uscc_categories())))
    region = draw(st.sampled_from(sorted(region_codes())))
    body = draw(st.text(USCC_ALPHABET, min_size=8, max_size=8))
    first17 = head + region + body + gb11714_check_char(body)
    return first17 + uscc_check_char(first17)


@st.composite
def icps(draw: st.DrawFn) -> str:
    abbr = draw(st.sampled_from(sorted(provinces())))
    year = draw(
        st.sampled_from([f"{y:02d}" for y in range(100)] + [str(y) for y in range(2000, 2027)])
    )
    number = year + draw(st.text(string.digits, min_size=6, max_size=6))
    site = draw(st.one_of(st.just(""), st.integers(1, 999).map(lambda n: f"-{n}")))
    suffix = draw(st.sampled_from(["", "A", "X"])) if site else ""
    return f"{abbr}ICP备{number}号{site}{suffix}"


def twins(char: str, depth: int = 1) -> set[str]:
    """Every character the tables say may be typed for ``char`` (a twin's twins too)."""
    always, positional = lookalikes()
    found = {c for c, (target, _cls) in always.items() if target in (char, char.lower())}
    found |= {c for c, targets in positional.items() if char in targets}
    if char.isascii() and char.isalpha():
        found.add(char.lower())
    if "!" <= char <= "~":
        found.add(chr(ord(char) + 0xFEE0))  # full-width
    if depth:
        found |= {t for c in found for t in twins(c, depth - 1)}
    return found - {char}


def substitutions(value: str):
    for i, char in enumerate(value):
        for twin in twins(char):
            yield i, value[:i] + twin + value[i + 1 :]


def assert_caught(value: str, kind: str) -> None:
    assert judge(value, kind, TODAY).verdict == VALID
    for i, typed in substitutions(value):
        result = judge(typed, kind, TODAY)
        assert result.verdict == LOOKALIKE, (value, typed, result)
        assert any(p.position == i + 1 for p in result.problems), (typed, result)
        if result.candidates:  # several corrections are valid: the original is one of them
            assert result.suggestion is None
            assert value in result.candidates, (typed, result)
        else:
            assert result.suggestion == value, (typed, result)


@SETTINGS
@given(rics())
def test_ric_every_lookalike_is_caught(value: str) -> None:
    assert_caught(value, "ric")
    assert judge(value, None, TODAY).verdict == VALID


@SETTINGS
@given(usccs())
def test_uscc_every_lookalike_is_caught(value: str) -> None:
    assert_caught(value, "uscc")
    for i, char in enumerate(value):  # a B for an 8 and back, where both may stand
        other = {"8": "B", "B": "8"}.get(char)
        if other and i not in range(2, 8):
            result = judge(value[:i] + other + value[i + 1 :], "uscc", TODAY)
            assert result.verdict == LOOKALIKE
            assert value == result.suggestion or value in result.candidates


@SETTINGS
@given(icps())
def test_icp_every_lookalike_is_caught(value: str) -> None:
    assert_caught(value, "icp")
    assert judge(value, None, TODAY).verdict == VALID


@SETTINGS
@given(rics(), st.sampled_from(["\u200b", " ", "\u3000", "\u00a0", "\ufeff"]), st.data())
def test_blank_or_invisible_anywhere(value: str, blank: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(value)))
    result = judge(value[:at] + blank + value[at:], None, TODAY)
    assert (result.verdict, result.suggestion) == (LOOKALIKE, value)


@SETTINGS
@given(st.text(max_size=60))
def test_any_text_gets_a_verdict(value: str) -> None:
    result = judge(value, None, TODAY)
    assert result.verdict in (VALID, LOOKALIKE, INVALID)
    result.as_json()
    if result.suggestion is not None:
        assert judge(result.suggestion, result.kind, TODAY).verdict == VALID


def full_path(value: str):
    """The slow path alone, bypassing the fast ones ``judge`` takes first."""
    kept, dropped = judgement._clean(value)
    text = "".join(c.char for c in kept)
    return judgement._judge_detected(value, kept, dropped, text, TODAY)


@SETTINGS
@given(st.one_of(rics(), usccs(), icps()), st.integers(0, 17), st.sampled_from(USCC_ALPHABET))
def test_fast_paths_agree_with_the_full_path(value: str, at: int, char: str) -> None:
    for typed in (value, value[:at] + char + value[at + 1 :]):
        fast, full = judge(typed, None, TODAY), full_path(typed)
        assert fast == full, typed  # problems, suggestion, readings: everything


def lookalike_forms(value: str, at: int):
    """What phones and tired eyes make of a value: the quick look-alike path reads these."""
    yield value.lower()
    yield value.lower() + " "
    for form in (value, value.lower(), value.replace("0", "O"), value.replace("8", "B")):
        yield "".join(chr(ord(c) + 0xFEE0) for c in form)  # full-width
    yield value[:at] + "\u200b" + value[at:]
    yield value[:at] + "\u3000" + value[at:] + "\t"
    for digit, letter in (("0", "O"), ("1", "I"), ("2", "Z"), ("5", "S"), ("0", "o")):
        yield value.replace(digit, letter, 1)
        yield value.replace(digit, letter)
    yield value.replace("8", "b", 1)
    yield value.replace("1", "l", 1)


@SETTINGS
@given(st.one_of(rics(), usccs()), st.integers(0, 18))
def test_quick_lookalikes_agree_with_the_full_path(value: str, at: int) -> None:
    for typed in lookalike_forms(value, at):
        quick, full = judge(typed, None, TODAY), full_path(typed)
        assert quick == full, typed


@SETTINGS
@given(usccs(), st.data())
def test_quick_b_and_l_agree_with_the_full_path(value: str, data: st.DataObject) -> None:
    """b may be B or 8 and l L or 1: the quick path resolves them as the full path does."""
    for old, new in (("B", "b"), ("8", "b"), ("L", "l"), ("1", "l"), ("B", "\uff22")):
        spots = [i for i, c in enumerate(value) if c == old]
        if spots:
            i = data.draw(st.sampled_from(spots))
            typed = value[:i] + new + value[i + 1 :]
            for form in (typed, typed.lower(), typed + " "):
                assert judge(form, None, TODAY) == full_path(form), form


@SETTINGS
@given(usccs(), st.sampled_from("\x01\x02"), st.integers(0, 17))
def test_quick_placeholders_typed_are_not_b_or_l(value: str, control: str, at: int) -> None:
    """The quick path writes b and l as placeholders (control characters) until it resolves
    them: one typed by the user is not a b or an l."""
    typed = value[:at] + control + value[at + 1 :]
    for form in (typed + " ", typed.lower()):
        assert judge(form, None, TODAY) == full_path(form), form


@given(st.text(USCC_ALPHABET, min_size=8, max_size=8))
def test_gb11714_digit_in_c_is_the_weighted_sum(body: str) -> None:
    assert gb11714_digit(body) == gb11714_check_char(body)
