"""The plan's self-check: whatever identifier, URL and contact checks are registered.

Those checks belong to other features; here fake ones, registered through entry
points as a plugin would be, speak the data contracts of the team brief, so the
plan is tested with none, some or all of the families present.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import EntryPoint
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit import i18n, registry
from beianaudit.commands.plan import render
from beianaudit.config import load
from beianaudit.context import Context
from beianaudit.finding import Finding, Severity
from beianaudit.recovery import plan
from beianaudit.registry import check
from tests.conftest import TODAY
from tests.fuzzing import budget

ID = "330106199003071236"
CONFIG = (
    f'[subject]\ntype = "personal"\nid = "{ID}"\n'
    '[filing]\nlogin_url = "https://beian-miit.gov.cn.example.com/"\n'
    '[contacts]\nphone = "13912345678"\nemail = "zhangwei@example.com"\n'
)
CALLED: list[str] = []


def finding(check_id: str, target: str, **data: Any) -> Finding:
    return Finding(check_id, Severity.WARNING, f"{check_id} says so", target, data=data)


@check("BA201", "Fake identifier check")
def id_lookalike(ctx: Context) -> Iterator[Finding]:
    """An O where a 0 belongs."""
    yield finding("BA201", "subject.id", verdict="lookalike", kind="ric", suggestion=ID)


@check("BA202", "Fake filing number check")
def icp_valid(ctx: Context) -> Iterator[Finding]:
    """A valid filing number."""
    yield finding("BA202", "filing.numbers", verdict="valid", kind="icp", suggestion=None)


@check("BA301", "Fake URL check")
def url_lookalike(ctx: Context) -> Iterator[Finding]:
    """The bookmarked login URL imitates the official one."""
    yield finding("BA301", "filing.login_url", verdict="lookalike", host="example.com")


@check("BA401", "Fake phone check")
def phone_stale(ctx: Context) -> Iterator[Finding]:
    """The phone was confirmed long ago."""
    yield finding("BA401", "contacts.phone", contact="phone", status="stale", age_days=240)


@check("BA402", "Fake readiness check")
def phone_only(ctx: Context) -> Iterator[Finding]:
    """Only the phone can receive a code."""
    yield finding("BA402", "contacts", readiness="phone_only")


@check("BA403", "Fake crashing contact check")
def contact_crash(ctx: Context) -> Iterator[Finding]:
    """Raises."""
    raise RuntimeError("boom")
    yield  # pragma: no cover


@check("BA404", "Fake contact check that reads no contract")
def no_data(ctx: Context) -> Iterator[Finding]:
    """A finding without data and one with junk data."""
    yield Finding("BA404", Severity.WARNING, "no data", "contacts")
    yield finding("BA404", "contacts", contact=["phone"], status={}, readiness=["none"])


@check("BA101", "Fake password check")
def password(ctx: Context) -> Iterator[Finding]:
    """Not a family the plan runs."""
    CALLED.append("BA101")
    return iter(())


def ep(check_id: str, name: str) -> EntryPoint:
    return EntryPoint(check_id, f"{__name__}:{name}", registry.GROUP)


IDENTIFIERS = [ep("BA201", "id_lookalike"), ep("BA202", "icp_valid")]
URLS = [ep("BA301", "url_lookalike")]
CONTACTS = [ep("BA401", "phone_stale"), ep("BA402", "phone_only")]
OTHERS = [ep("BA101", "password"), EntryPoint("XY100", "tests.plugins.fake:says_hello", "x")]


@pytest.fixture
def config(write_config):
    return load(write_config(CONFIG))


def plan_with(config, eps: list[EntryPoint], situation: str | None = None) -> plan.Plan:
    return plan.build(config, situation, plan.run_self_check(config, TODAY, eps))


def self_check_step(result: plan.Plan) -> plan.Step:
    return next(s for s in result.steps if s.entry.id == "self-check")


def test_no_check_registered(config) -> None:
    result = plan_with(config, [])
    assert result.self_check == plan.SelfCheck()
    assert result.situation == "forgot"
    assert self_check_step(result).found == ()
    assert {k: s.status for k, s in result.contacts.items()} == {"phone": "ok", "email": "ok"}
    text = render(result, "en")
    assert "no contact check is installed" in text
    assert "found nothing wrong" not in text


def test_only_identifier_checks(config) -> None:
    result = plan_with(config, [*IDENTIFIERS, *OTHERS])
    assert result.self_check.checks == ("BA201", "BA202")
    found = self_check_step(result).found
    assert [(o.family, o.verdict, o.kind) for o in found] == [
        ("identifier", "lookalike", "ric"),
        ("identifier", "valid", "icp"),
    ]
    text = render(result, "en")
    assert "subject's ID number (subject.id): looks mistyped" in text
    assert "did you mean 3301**********1236?" in text
    assert ID not in text  # the suggestion is a resident ID: masked in text
    assert "filing.numbers: a valid ICP filing number" in text
    assert "found nothing wrong" not in text  # there was something
    step = next(s for s in result.as_json("en")["steps"] if s["id"] == "self-check")
    assert step["found"][0]["suggestion"] == ID  # JSON stays machine-readable
    assert step["found"][0]["problem"] is True
    assert CALLED == []


def test_only_url_checks(config) -> None:
    result = plan_with(config, URLS)
    i18n.set_language("zh_CN")
    text = render(result, "zh_CN")
    assert "收藏的登录网址（filing.login_url）：example.com 冒充官方网站；切勿使用" in text
    assert "https://beian.miit.gov.cn/" in text


def test_a_url_check_that_finds_the_official_site_says_all_is_well(config) -> None:
    official = plan.SelfCheck(
        ("BA301",), (finding("BA301", "filing.login_url", verdict="official", host="x"),)
    )
    text = render(plan.build(config, None, official), "en")
    assert "bookmarked login URL (filing.login_url): the official site" in text
    assert "beianaudit's checks found nothing wrong here." in text


def test_contact_checks_describe_the_states_but_never_close_a_route(config) -> None:
    """The checks read the config: a stale phone is still a way, an email the config lacks
    (readiness "phone_only") is unknown, not lost, so both routes stay."""
    result = plan_with(config, CONTACTS)
    phone, email = result.contacts["phone"], result.contacts["email"]
    assert (phone.status, phone.age_days, phone.usable) == ("stale", 240, True)
    assert (email.status, email.usable, email.lost) == ("missing", False, False)
    assert result.situation == "forgot"
    assert result.situation_from == "config"
    verify = next(s for s in result.steps if s.entry.id == "verify")
    assert [a.id for a in verify.alternatives] == ["sms-reset", "email-reset"]
    assert self_check_step(result).found == ()  # contact findings are not the self-check's
    text = render(result, "en")
    # A stale phone is a way to try, not one known to work.
    assert (
        "phone 139****5678: not confirmed for 240 days; whether it still receives codes is "
        "uncertain; try it first" in text
    )
    assert (
        "email zh******@example.com: not in the config; unknown whether one is bound in the "
        "filing system and still receives codes" in text
    )
    assert "BA402 BA402 says so" in text


def test_all_families_and_only_those(config) -> None:
    result = plan_with(config, [*OTHERS, *CONTACTS, *URLS, *IDENTIFIERS])
    assert result.self_check.checks == ("BA201", "BA202", "BA301", "BA401", "BA402")
    assert CALLED == []
    assert {f.check for f in result.findings} == {"BA201", "BA202", "BA301", "BA401", "BA402"}
    out = result.as_json("en")
    assert out["self_check"] == list(result.self_check.checks)
    assert out["contacts"]["checked"] is True
    assert [
        o["check"] for o in next(s for s in out["steps"] if s["id"] == "self-check")["found"]
    ] == ["BA201", "BA202", "BA301"]


def test_a_crashing_or_missing_check_is_named_and_the_others_run(config) -> None:
    broken = [
        EntryPoint("BA250", "tests.no_such_module:x", registry.GROUP),
        EntryPoint("BA150", "tests.no_such_module:x", registry.GROUP),
    ]
    result = plan_with(config, [*broken, ep("BA403", "contact_crash"), *URLS])
    crashes = {f.target for f in result.findings if f.check == registry.CRASH_ID}
    assert crashes == {"BA250", "BA403"}
    # The crashed contact check is listed with the contacts, the missing one in the self-check.
    assert [o.finding.check for o in self_check_step(result).found] == ["BA001", "BA301"]
    assert self_check_step(result).found[0].family == "other"
    text = render(result, "en")
    assert "BA001 check BA403 crashed (RuntimeError)" in text
    assert "boom" not in text


def test_findings_without_the_contracts_data_are_shown_as_they_are(config) -> None:
    result = plan_with(config, [ep("BA404", "no_data")])
    assert {k: s.status for k, s in result.contacts.items()} == {"phone": "ok", "email": "ok"}
    assert "BA404 no data" in render(result, "en")


@pytest.mark.parametrize("readiness", ["phone_only", "email_only", "none"])
def test_readiness_marks_contacts_missing_from_the_config_not_lost(config, readiness) -> None:
    checked = plan.SelfCheck(("BA402",), (finding("BA402", "contacts", readiness=readiness),))
    result = plan.build(config, None, checked)
    assert result.situation == "forgot"
    missing = {k for k, s in result.contacts.items() if s.status == "missing"}
    assert missing == set(plan.READINESS_LOST[readiness])
    assert not any(s.lost for s in result.contacts.values())


def test_a_mistyped_phone_keeps_its_route(config) -> None:
    """An invalid value in the config says nothing of the number the filing system holds."""
    bad = finding("BA401", "contacts.phone", contact="phone", status="invalid", age_days=None)
    checked = plan.SelfCheck(("BA401",), (bad,))
    result = plan.build(config, None, checked)
    assert result.situation == "forgot"
    verify = next(s for s in result.steps if s.entry.id == "verify")
    assert [a.id for a in verify.alternatives] == ["sms-reset", "email-reset"]
    assert (
        "not a valid value in the config; unknown whether one is bound in the filing system "
        "and still receives codes" in render(result, "en")
    )


def test_the_worst_status_reported_wins(config) -> None:
    stale = finding("BA401", "contacts.phone", contact="phone", status="stale", age_days=200)
    ok = finding("BA405", "contacts.phone", contact="phone", status="ok", age_days=3)
    states = plan.contact_states(config, [stale, ok])
    assert states["phone"].status == "stale"


# --- the contract reader never trusts a plugin's data -------------------------------------

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=20),
    st.sampled_from([*plan.STATUSES, *plan.CONTACTS, "phone_only", "none", "lookalike"]),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
keys = st.sampled_from(
    ["verdict", "kind", "suggestion", "host", "contact", "status", "age_days", "readiness", "x"]
)
findings = st.builds(
    Finding,
    check=st.sampled_from(["BA201", "BA301", "BA401", "BA001", "XY1"]),
    severity=st.sampled_from(list(Severity)),
    message=st.text(max_size=20),
    target=st.sampled_from(["subject.id", "BA401", "BA201", "contacts"]),
    data=st.none() | st.dictionaries(keys, values, max_size=5),
)


@budget(20)
@given(st.lists(findings, max_size=6))
def test_any_findings_make_a_plan(write_config, found: list[Finding]) -> None:
    config = load(write_config(CONFIG))
    result = plan.build(config, None, plan.SelfCheck(("BA201", "BA401"), tuple(found)))
    assert result.situation in plan.SITUATIONS
    assert all(s.status in plan.STATUSES for s in result.contacts.values())
    for state in result.contacts.values():
        assert state.age_days is None or type(state.age_days) is int
    for seen in self_check_step(result).found:
        assert seen.verdict is None or seen.verdict in (
            *plan.IDENTIFIER_VERDICTS,
            *plan.URL_VERDICTS,
        )
    assert render(result, "zh_CN")
    assert result.as_json("en")["situation"] == result.situation
