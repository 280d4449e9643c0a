"""The pure contact functions: phone and email, staleness boundaries, readiness, domains."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.config import ConfigError, load
from beianaudit.contacts.validation import (
    EMAIL,
    PHONE,
    InvalidContact,
    Status,
    assess,
    filed_domain_of,
    normalise_phone,
    readiness,
    stale_on,
    states,
    validate_email,
)
from tests.conftest import MINIMAL, TODAY
from tests.fuzzing import budget


@pytest.mark.parametrize(
    "raw",
    [
        "13912345678",
        "139 1234 5678",
        "139-1234-5678",
        "+86 139 1234 5678",
        "+8613912345678",
        "0086 139-1234-5678",
        "8613912345678",
        " 139\u20141234\u20135678 ",  # em and en dashes
        "１３９１２３４５６７８",  # full-width digits
    ],
)
def test_phone_forms_normalise(raw: str) -> None:
    assert normalise_phone(raw) == "13912345678"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        ("+86", "empty"),
        ("1391234567", "has 10 digits"),
        ("139123456789", "has 12 digits"),
        ("12912345678", "starts with 13 to 19"),
        ("23912345678", "starts with 13 to 19"),
        ("010-12345678", "starts with 13 to 19"),
        ("139.1234.5678", "other than digits"),
        ("139１２３４５６７８x", "other than digits"),
        ("١٣٩١٢٣٤٥٦٧٨", "other than digits"),  # Arabic-Indic digits are not ASCII digits
        ("1" * 10_000_000, "far too long"),
    ],
)
def test_bad_phones_say_why_without_the_value(raw: str, reason: str) -> None:
    with pytest.raises(InvalidContact) as info:
        normalise_phone(raw)
    assert reason in str(info.value)
    if len(raw) > 4:
        assert raw not in str(info.value)


@budget(50)
@given(st.text(max_size=40))
def test_phone_parser_never_crashes_and_only_returns_mobiles(raw: str) -> None:
    try:
        value = normalise_phone(raw)
    except InvalidContact:
        return
    assert len(value) == 11
    assert value.isascii()
    assert value.isdigit()
    assert value[0] == "1"
    assert value[1] in "3456789"
    assert normalise_phone(value) == value  # idempotent


@budget(25)
@given(
    st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    st.sampled_from(["", "+86", "+86 ", "0086", "86"]),
    st.lists(st.sampled_from([" ", "-", ""]), min_size=11, max_size=11),
)
def test_any_mobile_written_any_way_normalises(digits: str, prefix: str, seps: list[str]) -> None:
    written = prefix + "".join(d + s for d, s in zip(digits, seps, strict=True))
    assert normalise_phone(written) == digits


def test_email_validation() -> None:
    assert validate_email("ZhangWei@Example.COM").domain == "example.com"
    assert validate_email("张伟@例子.中国").domain == "xn--fsqu00a.xn--fiqs8s"
    for bad in ("zhangwei", "a@b", "a@@b.cn", "a b@c.cn", "x" * 400 + "@a.cn", ""):
        with pytest.raises(InvalidContact):
            validate_email(bad)


@budget(25)
@given(st.text(max_size=60))
def test_email_parser_never_crashes(raw: str) -> None:
    try:
        result = validate_email(raw)
    except InvalidContact as exc:
        reason = str(exc)
        assert reason
        return
    assert "@" in result.normalised
    assert result.domain.isascii()


def day(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.mark.parametrize(
    ("age", "limit", "status"),
    [(0, 180, Status.OK), (179, 180, Status.OK), (180, 180, Status.OK),
     (181, 180, Status.STALE), (1, 1, Status.OK), (2, 1, Status.STALE)],
)  # fmt: skip
def test_stale_only_when_older_than_the_limit(age: int, limit: int, status: Status) -> None:
    state = assess(PHONE, "13912345678", day(age), TODAY, limit)
    assert (state.status, state.age_days) == (status, age)
    assert state.stale_on == day(age) + timedelta(days=limit + 1)
    assert state.due_in(TODAY) == limit + 1 - age


def test_leap_years() -> None:
    # 2028 is a leap year: 2028-02-28 + 181 days is 2028-08-27 (not 08-28).
    assert stale_on(date(2028, 2, 28), 180) == date(2028, 8, 27)
    assert stale_on(date(2027, 2, 28), 180) == date(2027, 8, 28)
    # Confirmed on 29 February: a year's limit ends on 2029-02-28, stale from 03-01.
    verified = date(2028, 2, 29)
    assert assess(EMAIL, "a@b.cn", verified, date(2029, 2, 28), 365).status is Status.OK
    assert assess(EMAIL, "a@b.cn", verified, date(2029, 3, 1), 365).status is Status.STALE
    # 2100 is not a leap year.
    assert stale_on(date(2100, 2, 28), 0) == date(2100, 3, 1)


def test_missing_never_confirmed_and_invalid() -> None:
    assert assess(PHONE, None, None, TODAY, 180).status is Status.MISSING
    assert assess(EMAIL, "  ", day(3), TODAY, 180).status is Status.MISSING
    never = assess(EMAIL, "a@b.cn", None, TODAY, 180)
    assert (never.status, never.age_days, never.stale_on) == (Status.NEVER_CONFIRMED, None, None)
    bad = assess(PHONE, "12345", day(3), TODAY, 180)
    assert bad.status is Status.INVALID
    assert "5 digits" in bad.reason
    assert not bad.usable
    assert never.usable


def test_readiness() -> None:
    phone = assess(PHONE, "13912345678", day(1), TODAY, 180)
    email = assess(EMAIL, "a@b.cn", None, TODAY, 180)
    gone = assess(EMAIL, None, None, TODAY, 180)
    broken = assess(PHONE, "139", None, TODAY, 180)
    assert readiness(phone, email) is None
    assert readiness(phone, gone) == "phone_only"
    assert readiness(broken, email) == "email_only"
    assert readiness(broken, gone) == "none"


def test_future_date_is_a_config_error_naming_key_and_line(write_config) -> None:
    text = MINIMAL + '[contacts]\nphone = "13912345678"\n\nphone_verified = 2026-11-26\n'
    path = write_config(text)
    with pytest.raises(ConfigError) as info:
        states(load(path), TODAY)
    assert str(info.value) == (
        f"{path}:6: contacts.phone_verified: 2026-11-26 lies in the future "
        "(today is 2026-11-25); a typo?"
    )
    assert states(load(path), date(2026, 11, 26))[0].status is Status.OK  # today itself is fine


@pytest.mark.parametrize(
    ("email_domain", "filed", "match"),
    [
        ("zhangwei.cn", ["zhangwei.cn"], "zhangwei.cn"),
        ("mail.zhangwei.cn", ["zhangwei.cn"], "zhangwei.cn"),
        ("zhangwei.cn", ["www.zhangwei.cn"], "www.zhangwei.cn"),
        ("mail.zhangwei.com.cn", ["blog.zhangwei.com.cn"], "blog.zhangwei.com.cn"),
        ("ZhangWei.CN.", ["other.cn", "zhangwei.cn"], "zhangwei.cn"),
        ("xn--fsqu00a.xn--fiqs8s", ["例子.中国"], "例子.中国"),
        ("qq.com", ["zhangwei.cn"], None),
        ("com.cn", ["zhangwei.com.cn"], None),  # a public suffix is nobody's domain
        ("zhangwei.cn", [], None),
        ("zhangwei.cn", ["", "  "], None),
    ],
)
def test_filed_domain_of(email_domain: str, filed: list[str], match: str | None) -> None:
    assert filed_domain_of(email_domain, filed) == match
