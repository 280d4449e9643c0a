"""Identifiers judged as typed: verdicts, problems, suggestions, and where stdnum falls short."""

from __future__ import annotations

import pytest
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc

from beianaudit.identifiers import INVALID, LOOKALIKE, VALID, judge
from beianaudit.identifiers.kinds import (
    gb11714_check_char,
    ric_check_char,
    uscc_check_char,
)
from beianaudit.identifiers.regions import build_from_stdnum, region_codes
from tests.conftest import TODAY

RIC = "330106199003071236"
USCC = "91330106MA27Q8K08R"


def ric_with_check(first17: str) -> str:
    return first17 + ric_check_char(first17)


def uscc_with_checks(first16: str) -> str:
    """A credit code whose GB 11714 digit and mod-31 character are both right."""
    first17 = first16 + gb11714_check_char(first16[8:16])
    return first17 + uscc_check_char(first17)


def verdict(value: str, kind: str | None = None) -> str:
    return judge(value, kind, TODAY).verdict


@pytest.mark.parametrize(
    "value", [RIC, USCC, "浙ICP备2021000001号-1", "京公网安备 11010502030143号"]
)
def test_canonical_values_are_valid(value: str) -> None:
    result = judge(value, today=TODAY)
    assert result.verdict == VALID
    assert result.problems == ()
    assert result.suggestion is None


def test_an_o_for_a_zero_is_named_and_corrected() -> None:
    result = judge("3301O6199003071236", today=TODAY)
    assert (result.kind, result.verdict, result.suggestion) == ("ric", LOOKALIKE, RIC)
    (problem,) = result.problems
    assert (problem.position, problem.char, problem.looks_like) == (5, "O", "0")
    assert problem.as_json()["codepoint"] == "U+004F"
    assert result.changed == (5,)


@pytest.mark.parametrize(
    ("typed", "reason", "position"),
    [
        (" " + RIC, "whitespace", 1),
        (RIC + "\u00a0", "whitespace", 19),
        (RIC[:6] + "\u3000" + RIC[6:], "whitespace", 7),
        (RIC[:3] + "\u200b" + RIC[3:], "invisible", 4),
        ("\ufeff" + RIC, "invisible", 1),
        (RIC[:9] + "\u00ad" + RIC[9:], "invisible", 10),
        (RIC[:2] + "\u200e" + RIC[2:], "invisible", 3),
        ("３" + RIC[1:], "fullwidth", 1),
        (RIC[:2] + "〇" + RIC[3:], "lookalike", 3),
        ("33O1O6199003071236".replace("O", "o", 1), "lookalike", 3),
        (RIC[:3] + "l" + RIC[4:], "lookalike", 4),
        (RIC[:6] + "|" + RIC[7:], "lookalike", 7),
        (RIC[:8] + "S" + RIC[9:], None, 9),  # 5 is not the digit there: an S stays unexplained
    ],
)
def test_ric_lookalikes(typed: str, reason: str | None, position: int) -> None:
    result = judge(typed, today=TODAY)
    if reason is None:
        assert result.verdict == LOOKALIKE
        assert result.suggestion is None
        return
    assert result.verdict == LOOKALIKE
    assert result.suggestion == RIC
    assert (result.problems[0].reason, result.problems[0].position) == (reason, position)


def test_lower_case_and_look_alike_check_character() -> None:
    base = ric_with_check("11010519491231002")
    assert base.endswith("X")
    for typed in (base[:-1] + "x", base[:-1] + "×", base[:-1] + "Х"):  # last: Cyrillic Ha
        result = judge(typed, today=TODAY)
        assert (result.verdict, result.suggestion) == (LOOKALIKE, base), typed
    assert judge(base[:-1] + "x", today=TODAY).problems[0].reason == "lowercase"


@pytest.mark.parametrize(
    ("value", "reason", "position"),
    [
        ("330106199003071237", "checksum", 18),
        (ric_with_check("33010619900230123"), "date", 7),
        (ric_with_check("33010620300101123"), "future", 7),
        (ric_with_check("11019919900307123"), "region", 1),
        ("33010619900307123", "length", None),
        ("330106900307123", "first_generation", None),
        ("3301A6199003071236", "illegal", 5),
    ],
)
def test_ric_invalid_with_position(value: str, reason: str, position: int | None) -> None:
    result = judge(value, "ric", TODAY)
    assert result.verdict == INVALID
    assert result.suggestion is None
    assert result.problems[-1].reason == reason
    assert result.problems[-1].position == position


def test_uscc_lookalikes_and_the_b8_swap() -> None:
    assert verdict("91330106ma27q8k08r") == LOOKALIKE
    assert judge("91330106MA27Q8KO8R", today=TODAY).suggestion == USCC
    assert judge("9133O1O6MA27Q8K08R", today=TODAY).changed == (5, 7)
    swapped = judge("91330106MA27QBK08R", today=TODAY)
    assert (swapped.verdict, swapped.suggestion) == (LOOKALIKE, USCC)
    assert swapped.problems[0].reason == "b8"
    assert verdict("91330106MA27Q8K18R") == INVALID  # wrong, and no look-alike explains it


def test_uscc_v_for_u() -> None:
    value = uscc_with_checks("91330106MA2U" + "Q8K0")
    result = judge(value.replace("U", "V", 1), "uscc", TODAY)
    assert (result.verdict, result.suggestion) == (LOOKALIKE, value)


def test_icp_and_psb_forms() -> None:
    assert verdict("浙ICP备21000001号") == VALID  # 8 digits: YY + 6
    assert verdict("蜀ICP备2021000001号-12X") == VALID
    for abbr in "蜀黔滇陇":
        assert verdict(f"{abbr}ICP备2021000001号-3A") == VALID
    assert verdict("京公网安备11010502030143号") == VALID
    typed = "粵icp備2O21000001號—1"
    result = judge(typed, today=TODAY)
    assert (result.verdict, result.suggestion) == (LOOKALIKE, "粤ICP备2021000001号-1")
    reasons = [p.reason for p in result.problems]
    assert reasons == ["traditional"] + ["lowercase"] * 3 + [
        "traditional",
        "lookalike",
        "traditional",
        "dash",
    ]
    assert judge("浙ICP备2021000001号一1", today=TODAY).suggestion == "浙ICP备2021000001号-1"
    assert judge("京公網安備 11010502030143号", today=TODAY).suggestion == (
        "京公网安备 11010502030143号"
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("浙ICP备2021000001号-01", "site"),
        ("浙ICP备2021000001号-0", "site"),
        ("浙ICP备202100000号", "icp_digits"),
        ("港ICP备2021000001号", "province"),
        ("浙ICP/2021000001号", "format"),
        ("京ICP证000001号", "licence"),
        ("粤B2-20090059", "licence"),
        ("京公网安备 1101050203014号", "psb_digits"),
        ("浙ICP备202100001号", "icp_digits"),
        ("浙ICP备2027000001号", "year"),
        ("浙ICP备2021000001号-", "missing"),
        ("浙ICP备2021000001号-1Y", "trailing"),
    ],
)
def test_filing_numbers_invalid(value: str, reason: str) -> None:
    result = judge(value, today=TODAY)
    assert result.verdict == INVALID
    assert result.problems[-1].reason == reason


@pytest.mark.parametrize(
    "value",
    ["", "\x00", "\udcff" * 3, "𝟘" * 18, "A" * 300, "9" * 10_000_000, "浙" * 1000, "\n\r\t"],
)
def test_junk_gets_a_verdict(value: str) -> None:
    result = judge(value, today=TODAY)
    assert result.verdict in (INVALID, LOOKALIKE)
    assert len(result.as_json()["input"]) < 200


# --- what python-stdnum gets wrong for this job, each with the behaviour beianaudit wants --


def test_stdnum_accepts_what_a_login_form_would_not() -> None:
    for typed in (" " + RIC + " ", "３３０１０６１９９００３０７１２３６"):
        assert stdnum_ric.is_valid(typed)
        assert verdict(typed) == LOOKALIKE
    assert stdnum_uscc.is_valid(USCC.lower())
    assert verdict(USCC.lower()) == LOOKALIKE


def test_stdnum_raises_key_error_for_an_unknown_county() -> None:
    value = ric_with_check("11019919900307123")  # Beijing, county 99 never existed
    with pytest.raises(KeyError):
        stdnum_ric.is_valid(value)
    result = judge(value, today=TODAY)
    assert (result.verdict, result.problems[0].reason) == (INVALID, "region")


def test_stdnum_rejects_ids_issued_by_a_county_younger_than_the_holder() -> None:
    value = ric_with_check("11011919800101123")  # Yanqing district exists since 2015
    assert not stdnum_ric.is_valid(value)
    assert verdict(value) == VALID


def test_stdnum_rejects_letter_led_credit_codes() -> None:
    for head in ("N1", "Y1", "A1"):
        value = uscc_with_checks(head + USCC[2:16])
        assert not stdnum_uscc.is_valid(value)
        assert verdict(value, "uscc") == VALID


def test_stdnum_does_not_check_the_gb11714_digit() -> None:
    first17 = USCC[:16] + "3"  # the organisation code's own check digit is 8
    value = first17 + uscc_check_char(first17)
    assert stdnum_uscc.is_valid(value)
    result = judge(value, today=TODAY)
    assert (result.verdict, result.problems[0].reason, result.problems[0].position) == (
        INVALID,
        "gb11714",
        17,
    )


def test_region_table_holds_every_code_stdnum_knows() -> None:
    known = {row[:6] for row in build_from_stdnum()}
    assert known <= region_codes()
    assert {"110103", "110119", "330106"} <= region_codes()  # a past one and present ones
