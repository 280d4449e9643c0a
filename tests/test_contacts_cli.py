"""``beianaudit remind`` and ``beianaudit contacts show|verified`` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.commands.common import UserError
from beianaudit.commands.contacts import parse_day
from beianaudit.contacts.validation import FILING_SYSTEM_START
from tests.conftest import CLEAN, MINIMAL, TODAY
from tests.fuzzing import budget

COMMENTED = """\
# my beianaudit config
[subject]
type = "personal"   # me

[contacts]
# the phone I bound in 2021
phone = "+86 139 1234 5678"  # China Mobile
phone_verified = 2026-05-01  # last SMS code
email = "zhangwei@example.com"

[policy]
stale_after_days = 180  # the default
"""


def config_with(phone_verified: str, email_verified: str | None = None) -> str:
    text = MINIMAL + f'[contacts]\nphone = "13912345678"\nphone_verified = {phone_verified}\n'
    if email_verified:
        text += f'email = "a@b.cn"\nemail_verified = {email_verified}\n'
    return text


# --- remind -------------------------------------------------------------------------------


def test_remind_is_silent_when_nothing_is_due(run_cli, write_config) -> None:
    result = run_cli("remind", "--config", str(write_config(CLEAN)))
    assert (result.exit_code, result.output, result.stderr) == (0, "", "")


def test_remind_boundary_exactly_n_days(run_cli, write_config) -> None:
    # 180 days ago: still fresh today, stale tomorrow.
    path = str(write_config(config_with("2026-05-29", "2026-11-01")))
    assert run_cli("remind", "--config", path).exit_code == 0
    tomorrow = run_cli("remind", "--config", path, today=TODAY + timedelta(days=1))
    assert tomorrow.exit_code == 1
    assert "the phone 139****5678 was last confirmed on 2026-05-29, 181 days ago" in (
        tomorrow.output
    )
    assert "13912345678" not in tomorrow.output


def test_remind_within_days(run_cli, write_config) -> None:
    # Stale from 2026-12-05, ten days after TODAY.
    path = str(write_config(config_with("2026-06-07", "2026-11-01")))
    assert run_cli("remind", "--config", path, "--within", "9").exit_code == 0
    result = run_cli("remind", "--config", path, "--within", "10")
    assert result.exit_code == 1
    assert "is due for confirmation on 2026-12-05 (in 10 days)" in result.output
    assert result.output.startswith("beianaudit: contacts to confirm")


def test_remind_json_for_other_schedulers(run_cli, write_config) -> None:
    path = str(write_config(config_with("2026-01-01")))
    result = run_cli("remind", "--config", path, "--format", "json", "--within", "30")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert (data["today"], data["within"], data["config"]) == ("2026-11-25", 30, path)
    assert [(f["check"], f["data"]["status"]) for f in data["findings"]] == [("BA403", "stale")]
    quiet = run_cli("remind", "--config", str(write_config(CLEAN)), "--format", "json")
    assert quiet.exit_code == 0
    assert json.loads(quiet.output)["findings"] == []


def test_remind_in_chinese(run_cli, write_config) -> None:
    path = str(write_config(config_with("2026-01-01")))
    result = run_cli("remind", "--config", path, "--lang", "zh_CN")
    assert "beianaudit：您的 ICP 备案账号有需要确认的联系方式" in result.output
    assert "确认该手机仍能收到短信验证码" in result.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "config file not found"),
        ("[subject\n", "TOML syntax error"),
        ("\x00\xff junk", "TOML syntax error"),
        (config_with("2026-12-01"), "contacts.phone_verified: 2026-12-01 lies in the future"),
    ],
)
def test_remind_broken_config_is_one_line_exit_2(run_cli, write_config, tmp_path, text, message):
    path = write_config(text) if text is not None else tmp_path / "nope.toml"
    result = run_cli("remind", "--config", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert result.stderr.startswith(f"beianaudit: {path}")


def test_remind_without_any_config_says_where_to_put_one(run_cli) -> None:
    result = run_cli("remind")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "no config file" in result.stderr


def _local_today(zone: str) -> date:
    return datetime.now(ZoneInfo(zone)).date()


def test_remind_uses_the_local_date(write_config) -> None:
    """Kiritimati (UTC+14) and Etc/GMT+12 (UTC-12) never share a date: the same instant
    is stale in one and still fresh in the other."""
    east, west = "Pacific/Kiritimati", "Etc/GMT+12"
    east_today = _local_today(east)
    assert east_today > _local_today(west)
    path = write_config(config_with((east_today - timedelta(days=181)).isoformat()))
    script = Path(sys.executable).with_name("beianaudit")

    def remind(zone: str) -> int:
        env = {**os.environ, "TZ": zone}
        return subprocess.run(
            [str(script), "remind", "--config", str(path)], env=env, capture_output=True
        ).returncode

    codes = {east: remind(east), west: remind(west)}
    if _local_today(east) != east_today:
        pytest.skip("the date changed in Kiritimati while the test ran")
    assert codes == {east: 1, west: 0}


# --- contacts show --------------------------------------------------------------------------


def test_show_masks_and_ages(run_cli, write_config) -> None:
    result = run_cli("contacts", "show", "--config", str(write_config(COMMENTED)))
    assert result.exit_code == 0
    assert result.output.splitlines()[:3] == [
        "phone  139****5678  stale: confirm it again",
        "    confirmed on 2026-05-01 (208 days ago); stale since 2026-10-29",
        "email  zh******@example.com  never confirmed",
    ]
    assert "13912345678" not in result.output
    assert "zhangwei@" not in result.output


def test_show_json_and_chinese(run_cli, write_config) -> None:
    path = str(write_config(MINIMAL + '[contacts]\nphone = "1391234"\n'))
    data = json.loads(run_cli("contacts", "show", "--config", path, "--format", "json").output)
    assert data["contacts"] == [
        {"contact": "phone", "value": "*******", "status": "invalid", "verified": None,
         "age_days": None, "stale_on": None},
        {"contact": "email", "value": None, "status": "missing", "verified": None,
         "age_days": None, "stale_on": None},
    ]  # fmt: skip
    zh = run_cli("contacts", "show", "--config", path, "--lang", "zh_CN").output
    assert "手机  无效" in zh
    assert "有 7 位数字" in zh
    assert "邮箱  未设置" in zh


def test_show_a_confirmed_contact_claims_only_the_confirmation(run_cli, write_config) -> None:
    """A recent confirmation says nothing of today: "within its confirmation period", not
    "current"/"有效"."""
    path = str(write_config(CLEAN))
    zh = run_cli("contacts", "show", "--config", path, "--lang", "zh_CN").output
    assert "手机  139****5678  在确认期内" in zh
    assert "有效" not in zh
    en = run_cli("contacts", "show", "--config", path, "--lang", "en").output
    assert "within its confirmation period" in en
    assert "current" not in en


# --- contacts verified ------------------------------------------------------------------------


def test_verified_keeps_comments_order_and_mode(run_cli, write_config) -> None:
    path = write_config(COMMENTED, mode=0o640)
    result = run_cli("contacts", "verified", "phone", "--config", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == f"recorded contacts.phone_verified = 2026-11-25 in {path}\n"
    assert path.read_text() == COMMENTED.replace(
        "phone_verified = 2026-05-01", "phone_verified = 2026-11-25"
    )
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert run_cli("remind", "--config", str(path)).exit_code == 1  # the email is still due


def test_verified_email_on_a_date_adds_the_key(run_cli, write_config) -> None:
    path = write_config(COMMENTED)
    result = run_cli("contacts", "verified", "email", "--on", "2026-11-20", "--config", str(path))
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert 'email = "zhangwei@example.com"\nemail_verified = 2026-11-20\n' in text
    assert text.replace("email_verified = 2026-11-20\n", "") == COMMENTED
    run_cli("contacts", "verified", "phone", "--config", str(path))
    assert run_cli("remind", "--config", str(path)).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["phone", "--on", "2026-11-26"], "--on: 2026-11-26 lies in the future"),
        (
            ["phone", "--on", "1900-01-01"],
            "--on: 1900-01-01 is before the ICP filing system began (2005-03-20): "
            "no confirmation code could come from it then",
        ),
        (["phone", "--on", "2005-03-19"], "before the ICP filing system began"),
        (["phone", "--on", "0001-01-01"], "before the ICP filing system began"),
        (["phone", "--on", "26.11.2026"], "not a date of the form 2026-10-01"),
        (["phone", "--on", "2026-02-30"], "not a date of the form 2026-10-01"),
        (["phone", "--on", "9" * 100_000], "not a date"),
        (["fax"], "Invalid value"),
    ],
)
def test_verified_bad_input_leaves_the_file(run_cli, write_config, args, message) -> None:
    path = write_config(COMMENTED)
    result = run_cli("contacts", "verified", *args, "--config", str(path))
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr) < 300
    assert path.read_text() == COMMENTED


@pytest.mark.parametrize("value", ["Zq9#SECRETpw71xk", "26.11.2026", "2026-02-30"])
def test_a_bad_on_value_is_named_not_echoed(run_cli, write_config, value: str) -> None:
    """A password typed after --on by mistake would be shown back; the option is named."""
    path = write_config(COMMENTED)
    result = run_cli("contacts", "verified", "phone", "--on", value, "--config", str(path))
    assert result.exit_code == 2
    assert result.stderr == "beianaudit: --on: not a date of the form 2026-10-01\n"


def test_verified_needs_a_valid_contact(run_cli, write_config) -> None:
    missing = write_config(MINIMAL, name="missing.toml")
    result = run_cli("contacts", "verified", "email", "--config", str(missing))
    assert result.exit_code == 2
    assert "contacts.email is not set; add it to [contacts] first" in result.stderr
    broken = write_config(MINIMAL + '[contacts]\nphone = "12345"\n', name="broken.toml")
    result = run_cli("contacts", "verified", "phone", "--config", str(broken))
    assert result.exit_code == 2
    assert "has 5 digits" in result.stderr
    assert broken.read_text() == MINIMAL + '[contacts]\nphone = "12345"\n'


def test_verified_follows_a_symlink(run_cli, write_config, tmp_path) -> None:
    real = write_config(COMMENTED)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    assert run_cli("contacts", "verified", "phone", "--config", str(link)).exit_code == 0
    assert link.is_symlink()
    assert "phone_verified = 2026-11-25" in real.read_text()


def test_verified_fixes_a_date_in_the_future(run_cli, write_config) -> None:
    path = write_config(COMMENTED.replace("2026-05-01", "2062-05-01"))
    assert run_cli("remind", "--config", str(path)).exit_code == 2
    assert run_cli("contacts", "verified", "phone", "--config", str(path)).exit_code == 0
    assert path.read_text() == COMMENTED.replace("2026-05-01", "2026-11-25")


@budget(40)
@given(st.text(max_size=30))
def test_on_parser_accepts_only_past_iso_dates(value: str) -> None:
    try:
        parsed = parse_day(value, TODAY)
    except UserError as exc:
        message = exc.format_message()
        assert message.startswith("--on: ")
        assert "\n" not in message
        return
    assert FILING_SYSTEM_START <= parsed <= TODAY
    assert parsed.isoformat() == value


@budget(20)
@given(st.dates(min_value=FILING_SYSTEM_START, max_value=TODAY))
def test_on_parser_round_trips_any_past_date(day: date) -> None:
    assert parse_day(day.isoformat(), TODAY) == day


@given(st.dates(max_value=FILING_SYSTEM_START - timedelta(days=1)))
def test_on_parser_refuses_any_date_before_the_filing_system(day: date) -> None:
    with pytest.raises(UserError, match="before the ICP filing system began"):
        parse_day(day.isoformat(), TODAY)


def test_verified_on_the_first_day_of_the_filing_system_is_accepted(run_cli, write_config) -> None:
    path = write_config(COMMENTED)
    result = run_cli("contacts", "verified", "phone", "--on", "2005-03-20", "--config", str(path))
    assert result.exit_code == 0, result.stderr


def test_verified_before_the_filing_system_in_chinese(run_cli, write_config) -> None:
    path = write_config(COMMENTED)
    args = ("contacts", "verified", "phone", "--on", "1900-01-01", "--config", str(path))
    result = run_cli("--lang", "zh_CN", *args)
    assert result.exit_code == 2
    assert "1900-01-01" in result.stderr
    assert "2005-03-20" in result.stderr
    assert result.stderr.count("\n") == 1
