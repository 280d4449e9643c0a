"""BA401–BA405 inside ``beianaudit check``: format, staleness, readiness, mailbox domain."""

from __future__ import annotations

import json

from beianaudit.checks.contacts import (
    email_address,
    mailbox_on_filed_domain,
    phone_number,
    recovery_readiness,
    staleness,
)

from beianaudit.config import load
from beianaudit.context import Context
from beianaudit.finding import Severity
from tests.conftest import CLEAN, MINIMAL, SAMPLES, TODAY

ALL = (phone_number, email_address, staleness, recovery_readiness, mailbox_on_filed_domain)


def contacts(**keys: str) -> str:
    return MINIMAL + "[contacts]\n" + "".join(f"{k} = {v}\n" for k, v in keys.items())


def run(write_config, text: str, *checks):
    ctx = Context(config=load(write_config(text)), today=TODAY)
    return [f for check in checks or ALL for f in check.run(ctx)]


def test_clean_contacts_and_the_samples(write_config) -> None:
    assert run(write_config, CLEAN) == []
    personal = Context(config=load(SAMPLES / "personal.toml"), today=TODAY)
    assert [f for c in ALL for f in c.run(personal)] == []
    enterprise = Context(config=load(SAMPLES / "enterprise.toml"), today=TODAY)
    found = {(f.check, f.target, f.data["status"]) for c in ALL for f in c.run(enterprise)}
    assert found == {
        ("BA401", "contacts.phone", "ok"),  # written with +86 and spaces
        ("BA403", "contacts.email", "stale"),  # confirmed 2026-03-02
        ("BA405", "contacts.email", "stale"),  # it-admin@mouke-tech.cn: a filed domain
    }


def test_invalid_phone_is_an_error_with_the_reason(write_config) -> None:
    (finding,) = run(write_config, contacts(phone='"1391234567"'), phone_number)
    assert (finding.check, finding.severity, finding.target) == (
        "BA401",
        Severity.ERROR,
        "contacts.phone",
    )
    assert "has 10 digits" in finding.message
    assert finding.data == {
        "contact": "phone",
        "status": "invalid",
        "age_days": None,
        "reason": None,
    }


def test_phone_written_with_prefix_reports_the_normalised_form_masked(write_config) -> None:
    (finding,) = run(write_config, contacts(phone='"+86 139-1234-5678"'), phone_number)
    assert finding.severity is Severity.INFO
    assert "139****5678" in finding.message
    assert "13912345678" not in finding.message
    assert finding.data["normalised"] == "13912345678"


def test_invalid_email_is_an_error(write_config) -> None:
    (finding,) = run(write_config, contacts(email='"zhangwei.example.com"'), email_address)
    assert (finding.check, finding.severity) == ("BA402", Severity.ERROR)
    assert finding.data["status"] == "invalid"
    assert "@-sign" in finding.data["reason"]
    assert "zhangwei.example.com" not in finding.message


def test_staleness_warnings(write_config) -> None:
    text = contacts(
        phone='"13912345678"',
        phone_verified="2026-05-28",  # 181 days before TODAY
        email='"zhangwei@example.com"',
    )
    phone, email = run(write_config, text, staleness)
    assert phone.severity is email.severity is Severity.WARNING
    assert phone.data == {
        "contact": "phone",
        "status": "stale",
        "age_days": 181,
        "stale_on": "2026-11-25",
    }
    assert "181 days ago (more than 180)" in phone.message
    assert "beianaudit contacts verified phone --config" in phone.hint
    assert email.data["status"] == "never_confirmed"
    assert email.data["age_days"] is None
    assert "zh******@example.com" in email.message


def test_staleness_follows_the_policy(write_config) -> None:
    text = contacts(phone='"13912345678"', phone_verified="2026-10-01") + (
        "[policy]\nstale_after_days = 30\n"
    )
    (finding,) = run(write_config, text, staleness)
    assert finding.data["age_days"] == 55
    assert "more than 30" in finding.message


def test_readiness_levels(write_config) -> None:
    (none,) = run(write_config, MINIMAL, recovery_readiness)
    assert (none.severity, none.data) == (Severity.ERROR, {"readiness": "none"})
    assert "manual review" in none.message
    assert "access provider" in none.hint
    (phone_only,) = run(write_config, contacts(phone='"13912345678"'), recovery_readiness)
    assert (phone_only.severity, phone_only.data) == (Severity.WARNING, {"readiness": "phone_only"})
    (email_only,) = run(write_config, contacts(phone='"123"', email='"a@b.cn"'), recovery_readiness)
    assert email_only.data == {"readiness": "email_only"}


def test_readiness_none_claims_no_rule_the_article_does_not_make(write_config) -> None:
    """BA404 fires when [contacts] is merely missing: it speaks of the config, and the
    manual review is what the article hedges ("部分系统可能支持"), not an only way."""
    from beianaudit import i18n

    for lang, hedges, forbidden in (
        ("en", ("config records", "some systems may", "local", "official requirements"), "only"),
        ("zh_CN", ("配置中", "部分系统可能", "当地通信管理局", "以官方要求为准"), "只能"),
    ):
        i18n.set_language(lang)
        (none,) = run(write_config, MINIMAL, recovery_readiness)
        text = none.message + " " + none.hint
        assert forbidden not in text.lower()
        assert "省通信管理局" not in text
        assert "provincial" not in text
        for hedge in hedges:
            assert hedge in text


def test_mailbox_on_a_filed_domain(write_config) -> None:
    text = (
        MINIMAL
        + '[filing]\ndomains = ["www.zhangwei.cn"]\n'
        + '[contacts]\nemail = "me@mail.zhangwei.cn"\nemail_verified = 2026-11-01\n'
    )
    (finding,) = run(write_config, text, mailbox_on_filed_domain)
    assert (finding.check, finding.severity) == ("BA405", Severity.WARNING)
    assert finding.data["domain"] == "www.zhangwei.cn"
    assert finding.data["status"] == "ok"
    assert "me@mail" not in finding.message  # masked


def test_check_command_future_date_exits_2(run_cli, write_config) -> None:
    path = write_config(CLEAN.replace("email_verified = 2026-10-01", "email_verified = 2027-01-01"))
    result = run_cli("check", "--config", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"beianaudit: {path}:7: contacts.email_verified: 2027-01-01 lies in the future "
        "(today is 2026-11-25); a typo?\n"
    )


def test_check_command_json_and_chinese(run_cli, write_config) -> None:
    path = str(write_config(contacts(phone='"13912345678"', phone_verified="2026-01-01")))
    data = json.loads(run_cli("check", "--config", path, "--format", "json").output)
    assert {(f["check"], f["severity"]) for f in data["findings"]} == {
        ("BA403", "warning"),
        ("BA404", "warning"),
    }
    zh = run_cli("check", "--config", path, "--lang", "zh_CN").output
    assert "手机 139****5678 上次确认于 2026-01-01" in zh
    assert "手机是重置密码的唯一快捷途径" in zh
