"""Vectors built from the standards themselves (GB 11643, GB 32100, GB 11714, GB/T 2260):
retired region codes, residence permits, credit-code categories, readings of a value that
could be either kind."""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
from datetime import date

import pytest
from beianaudit.checks.identifiers import subject_id
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.config import load
from beianaudit.context import Context
from beianaudit.finding import Severity
from beianaudit.identifiers import INVALID, VALID, judge
from beianaudit.identifiers.explain import finding
from beianaudit.identifiers.kinds import (
    USCC_ALPHABET,
    fault_uscc,
    gb11714_check_char,
    ric_check_char,
    uscc_check_char,
)
from beianaudit.identifiers.regions import (
    RETIRED_SLACK,
    last_year,
    region,
    region_codes,
    retired_codes,
)
from beianaudit.identifiers.tables import uscc_categories
from tests.conftest import ROOT, TODAY
from tests.fuzzing import budget
from tests.tables import check_rows

SETTINGS = budget(20)


def ric(region: str, born: date, serial: str = "007") -> str:
    first17 = f"{region}{born:%Y%m%d}{serial}"
    return first17 + ric_check_char(first17)


# --- region codes retired before the holder was born ----------------------------------


def test_a_code_searched_in_the_text_or_asked_of_the_table_gives_the_same_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every code of the table, its neighbours and malformed ones: the text search of
    the first lookups answers as the parsed table does."""
    from beianaudit.identifiers import regions

    codes, retired = region_codes(), retired_codes()
    assert all(len(c) == 6 and c.isascii() and c.isdigit() for c in codes)
    probes = {
        *codes,
        *(f"{int(c) + 1:06d}" for c in codes),
        "",
        "11010",
        "1101011",
        "11010x",
        "\n11010",
        "110101\t",
        "\uff11\uff11\uff10\uff11\uff10\uff11",
    }
    monkeypatch.setattr(regions, "TEXT_LOOKUPS", len(probes) + 1)
    monkeypatch.setattr(regions, "_searched", 0)
    searched = {p: region(p) for p in probes}
    assert regions._searched == len(probes)
    assert searched == {p: (p in codes, retired.get(p)) for p in probes}
    monkeypatch.setattr(regions, "_searched", regions.TEXT_LOOKUPS)
    assert {p: region(p) for p in probes} == searched


def test_the_issues_example_is_retired() -> None:
    """110201 (昌平县) was last used in 1982; a holder born in 1993 cannot carry it."""
    assert retired_codes()["110201"] == 1982
    result = judge("110201199312010077", today=TODAY)
    assert result.verdict == INVALID
    (problem,) = result.problems
    assert (problem.reason, problem.position, problem.end, problem.year) == ("retired", 1, 6, 1982)
    assert problem.as_json()["year"] == 1982


@pytest.mark.parametrize(
    ("history", "last"),
    [
        ("[-1982]昌平县", 1982),
        ("[-1991]东郊区,[1992-]东丽区", None),
        ("[1983-1994]东矿区,[1995-]古冶区", None),
        ("[1983-2019]桥东区,[2020-]襄都区".replace(",[2020-]襄都区", ""), 2019),
        ("[1983-1985]甲,[1986-1990]乙", 1990),
        ("东城区", None),
        ("[2015-]延庆区", None),
    ],
)
def test_last_year_of_a_code(history: str, last: int | None) -> None:
    assert last_year(history) == last


@SETTINGS
@given(st.sampled_from(sorted(retired_codes())), st.integers(0, 40), st.data())
def test_a_retired_code_holds_until_the_slack_runs_out(
    code: str, after: int, data: st.DataObject
) -> None:
    last = retired_codes()[code]
    year = last + after
    if year > TODAY.year - 1:
        return
    born = date(year, data.draw(st.integers(1, 12)), data.draw(st.integers(1, 28)))
    result = judge(ric(code, born), "ric", TODAY)
    if after <= RETIRED_SLACK:
        assert result.verdict == VALID, result
    else:
        assert result.verdict == INVALID
        assert result.problems[-1].reason == "retired"


@SETTINGS
@given(st.sampled_from(sorted(retired_codes())), st.integers(1900, 1979))
def test_born_before_a_code_was_retired_is_fine(code: str, year: int) -> None:
    if year > retired_codes()[code]:
        return
    assert judge(ric(code, date(year, 6, 1)), "ric", TODAY).verdict == VALID


CURRENT = sorted(region_codes() - set(retired_codes()))


@SETTINGS
@given(st.sampled_from(CURRENT), st.dates(date(1900, 1, 1), date(2025, 12, 31)))
def test_codes_in_use_take_any_birth_year(code: str, born: date) -> None:
    assert judge(ric(code, born), None, TODAY).verdict == VALID


def test_a_county_younger_than_the_holder_is_still_fine() -> None:
    """延庆区 (110119) exists since 2015; the number records where it was issued."""
    assert judge(ric("110119", date(1960, 1, 1)), None, TODAY).verdict == VALID


# --- residence permits of Hong Kong, Macao and Taiwan residents -----------------------


@pytest.mark.parametrize(
    ("region", "permit"), [("810000", "hong_kong"), ("820000", "macao"), ("830000", "taiwan")]
)
@pytest.mark.parametrize("born", [date(1950, 3, 4), date(1999, 12, 31), date(2018, 9, 1)])
def test_residence_permits_are_alike(region: str, permit: str, born: date) -> None:
    value = ric(region, born)
    result = judge(value, None, TODAY)
    assert (result.kind, result.verdict, result.residence_permit) == ("ric", VALID, permit)
    assert result.as_json()["residence_permit"] == permit
    typo = value[:-2] + str((int(value[-2]) + 1) % 10) + value[-1]
    wrong = judge(typo, "ric", TODAY)
    assert (wrong.verdict, wrong.problems[-1].reason) == (INVALID, "checksum")
    assert wrong.residence_permit == permit


def test_other_numbers_are_not_permits() -> None:
    result = judge(ric("330106", date(1990, 3, 7)), None, TODAY)
    assert result.residence_permit is None
    assert result.as_json()["residence_permit"] is None
    assert judge("91330106MA27Q8K08R", None, TODAY).residence_permit is None


def test_a_permit_is_named_in_text(run_cli) -> None:
    out = run_cli("id", ric("830000", date(1990, 3, 7))).output
    assert "[resident ID number] valid" in out
    assert "the residence permit of a Taiwan resident" in out
    zh = run_cli("id", "--lang", "zh_CN", ric("810000", date(1990, 3, 7))).output
    assert "香港居民" in zh


# --- registration authority and category of a credit code (GB 32100) -----------------


def uscc(first16: str) -> str:
    first17 = first16 + gb11714_check_char(first16[8:16])
    return first17 + uscc_check_char(first17)


# The pairs of GB 32100's table, written out here from the standard's text.
PAIRS = {
    "1": "1239",
    "2": "19",
    "3": "123459",
    "4": "19",
    "5": "1239",
    "6": "129",
    "7": "129",
    "8": "19",
    "9": "123",
    "A": "19",
    "N": "1239",
    "Y": "1",
}


def test_the_table_holds_the_standards_pairs() -> None:
    assert uscc_categories() == {a + c for a, cs in PAIRS.items() for c in cs}


def _judged_by_the_table(pair: tuple[str, str]) -> None:
    authority, category = pair
    value = uscc(authority + category + "330106" + "MA27Q8K0")
    result = judge(value, "uscc", TODAY)
    if category in PAIRS.get(authority, ""):
        assert result.verdict == VALID, result
    else:
        assert result.verdict == INVALID, result
        (problem,) = result.problems
        assert (problem.reason, problem.position, problem.end) == ("category", 1, 2)


def test_every_pair_is_judged_by_the_table() -> None:
    """All 31 x 31 pairs of the alphabet, each failing pair named (one test: per-item
    overhead was most of the cost of 961 items)."""
    check_rows(itertools.product(USCC_ALPHABET, USCC_ALPHABET), _judged_by_the_table)


@pytest.mark.parametrize("head", ["01", "94", "99", "Y2", "B1", "00"])
def test_the_issues_examples_are_not_valid(head: str) -> None:
    """Right check characters, a pair the standard does not have: detected or not."""
    value = uscc(head + "110000" + "60003734")
    assert judge(value, None, TODAY).verdict != VALID
    assert judge(value, "uscc", TODAY).problems[-1].reason == "category"


# --- Fujian's pilot codes and the wording ----------------------------------------------


@pytest.mark.parametrize("value", ["91350211M0000XUF46", "91350203M0001FUE2P"])
def test_fujian_pilot_codes_are_named(value: str, run_cli) -> None:
    result = judge(value, None, TODAY)
    assert (result.kind, result.verdict) == ("uscc", INVALID)
    assert [p.reason for p in result.problems] == ["pilot"]
    found = finding(result, "id")
    assert found is not None
    assert found.severity == Severity.WARNING
    assert "Fujian" in found.message
    assert "mistyped" not in found.message + found.hint
    out = run_cli("id", "--lang", "zh_CN", value).output
    assert "福建" in out


def test_a_fujian_code_of_the_standard_with_a_wrong_check_is_a_typo() -> None:
    """An ``MA…`` code is of the standard's time: a wrong check character is a typo."""
    good = uscc("91350211MA2Y0K1N")
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    result = judge(wrong, None, TODAY)
    assert [p.reason for p in result.problems] == ["checksum"]
    assert finding(result, "id").severity == Severity.ERROR


def test_no_correction_passes_is_said_as_such() -> None:
    """An O that can only be 0, and with 0 the check character is still wrong."""
    good = uscc("91330106MA27Q8K0")
    wrong = good[:4] + "O" + good[5:-1] + ("0" if good[-1] != "0" else "1")
    result = judge(wrong, "uscc", TODAY)
    assert (result.verdict, result.suggestion, result.candidates) == ("lookalike", None, ())
    message = finding(result, "id").message
    assert "no correction of them passes the checks" in message
    assert "cannot tell a single correction" not in message


def test_several_corrections_still_say_so() -> None:
    """Eight lower-case b (B or 8 each), two valid corrections: the old wording fits."""
    result = judge("91330106bbbbbbbb52", "uscc", TODAY)
    assert set(result.candidates) == {"913301068BBB888B52", "9133010688B8BBBB52"}
    assert "cannot tell a single correction" in finding(result, "id").message


# --- which kind a value reads as, and two readings -------------------------------------


def test_a_credit_code_ending_in_a_letter_reads_as_one() -> None:
    """stdnum's example with a wrong check character: N cannot end a resident ID."""
    result = judge("91110000600037341N", None, TODAY)
    assert (result.kind, result.verdict) == ("uscc", INVALID)
    assert [(p.reason, p.position) for p in result.problems] == [("checksum", 18)]
    assert result.readings == ()


def test_a_plausible_region_decides() -> None:
    """No region 913501 for a resident ID; 350100 (福州市) for a credit code."""
    result = judge("91350100123456788Z", None, TODAY)
    assert result.kind == "uscc"
    assert result.problems[-1].reason == "checksum"


@SETTINGS
@given(
    st.sampled_from(
        sorted(uscc_categories() & {a + b for a in "0123456789" for b in "0123456789"})
    ),
    st.sampled_from(sorted(region_codes())),
    st.text("0123456789", min_size=8, max_size=8),
)
def test_digit_credit_codes_ending_in_a_letter_read_as_credit_codes(
    pair: str, region: str, body: str
) -> None:
    value = uscc(pair + region + body)
    if not value[:17].isdigit() or value[17] in "0123456789X":
        return
    assert judge(value, None, TODAY).kind == "uscc"
    wrong = value[:-1] + ("A" if value[-1] != "A" else "B")
    result = judge(wrong, None, TODAY)
    assert (result.kind, result.verdict) == ("uscc", INVALID)


# A resident ID of 朝阳区 born 1999-01-27 with a wrong check digit: as a credit code
# (11: 机构编制, 机关) both its check characters happen to be right.
TYPO_THAT_IS_A_CREDIT_CODE = "110105199901278861"


def test_a_resident_id_typo_is_not_silently_a_valid_credit_code() -> None:
    value = TYPO_THAT_IS_A_CREDIT_CODE
    assert fault_uscc(value) is None
    result = judge(value, None, TODAY)
    assert (result.kind, result.verdict) == ("ric", INVALID)
    assert [(r.kind, r.verdict) for r in result.readings] == [("ric", INVALID), ("uscc", VALID)]
    data = result.as_json()
    assert [r["kind"] for r in data["readings"]] == ["ric", "uscc"]
    assert data["readings"][0]["problems"][0]["reason"] == "checksum"
    found = finding(result, "id")
    assert found.severity == Severity.ERROR
    assert "also reads as a unified social credit code" in found.message
    assert found.data["readings"][1]["verdict"] == VALID


def test_two_readings_on_the_command_line(run_cli) -> None:
    value = TYPO_THAT_IS_A_CREDIT_CODE
    out = run_cli("id", value)
    assert out.exit_code == 1
    assert "it also reads as a unified social credit code: valid" in out.output
    assert value not in out.output  # it may be a resident ID: masked
    data = json.loads(run_cli("id", "--format", "json", value).output)
    assert (data["kind"], data["verdict"]) == ("ric", INVALID)
    assert [(r["kind"], r["verdict"]) for r in data["readings"]] == [
        ("ric", INVALID),
        ("uscc", VALID),
    ]
    assert (
        json.loads(run_cli("id", "--format", "json", "91330106MA27Q8K08R").output)["readings"] == []
    )


@pytest.mark.parametrize(
    ("subject", "kind", "verdict"), [("personal", "ric", INVALID), ("enterprise", "uscc", VALID)]
)
def test_the_subject_type_decides_between_readings(
    write_config, subject: str, kind: str, verdict: str
) -> None:
    path = write_config(f'[subject]\ntype = "{subject}"\nid = "{TYPO_THAT_IS_A_CREDIT_CODE}"\n')
    found = list(subject_id.run(Context(config=load(path), today=TODAY)))
    if verdict == VALID:
        assert found == []
        return
    (one,) = found
    assert (one.data["kind"], one.data["verdict"], one.data["readings"]) == (kind, verdict, [])


def _load_benchmark():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        spec = importlib.util.spec_from_file_location(
            "bench_identifiers", ROOT / "benchmarks" / "identifiers.py"
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return module


def test_single_typos_are_rarely_read_as_the_other_kind() -> None:
    """Generated typos over valid IDs of both kinds (the benchmark's vectors).  Before
    this judgement weighed readings, about 0.4% of resident-ID typos came out as credit
    codes (0.2% as valid ones) and 28% of credit-code typos as resident IDs."""
    shares = _load_benchmark().misread(1500, seed=19)
    assert shares["ric typo called a valid uscc"] == 0
    assert shares["uscc typo called a valid ric"] == 0
    assert shares["ric typo read as uscc, silently"] < 0.5
    assert shares["uscc typo read as ric, silently"] < 1.5


# 衡水市 (131101), born 1960-01-04; as a credit code 13 (群众团体) of 延庆区 (110119): every
# part of both readings is plausible and every check character right.
VALID_BOTH_WAYS = "131101196001045673"


def test_a_value_valid_both_ways_is_a_warning(run_cli) -> None:
    result = judge(VALID_BOTH_WAYS, None, TODAY)
    assert (result.kind, result.verdict) == ("ric", VALID)
    assert [(r.kind, r.verdict) for r in result.readings] == [("ric", VALID), ("uscc", VALID)]
    found = finding(result, "id")
    assert found is not None
    assert found.severity == Severity.WARNING
    assert "check which one it is" in found.message
    out = run_cli("id", VALID_BOTH_WAYS)
    assert out.exit_code == 1
    assert "it also reads as a unified social credit code: valid" in out.output
    assert VALID_BOTH_WAYS not in out.output
    assert run_cli("id", "--kind", "ric", VALID_BOTH_WAYS).exit_code == 0


def test_a_valid_value_is_rarely_read_both_ways() -> None:
    """Valid resident IDs and credit codes from the benchmark's vectors: read as their own
    kind, a second reading beside them only where that one is valid and plausible too."""
    vectors = _load_benchmark().Vectors(23)
    for kind, make in (("ric", vectors.ric), ("uscc", vectors.uscc)):
        two = 0
        for _ in range(1000):
            result = judge(make(), None, TODAY)
            assert (result.kind, result.verdict) == (kind, VALID)
            two += bool(result.readings)
        assert two <= 5
