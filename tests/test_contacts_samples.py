"""The crontab line and the systemd units in samples/ run what the README says they run."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CLEAN, MINIMAL, ROOT, SAMPLES

DUE = MINIMAL + '[contacts]\nphone = "13912345678"\nphone_verified = 2026-01-01\n'


def crontab_job() -> tuple[dict[str, str], list[str], list[str]]:
    """The variables, the five schedule fields and the command of samples/crontab."""
    env, jobs = {}, []
    for line in (SAMPLES / "crontab").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, eq, value = line.partition("=")
        if eq and " " not in name:
            env[name] = value
        else:
            jobs.append(line.split())
    (job,) = jobs
    return env, job[:5], job[5:]


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(SAMPLES / name, encoding="utf-8")
    return parser


def beianaudit_args(command: list[str]) -> list[str]:
    assert Path(command[0]).name == "beianaudit"
    return command[1:]


def test_crontab_is_monthly_and_changes_no_other_job() -> None:
    env, schedule, command = crontab_job()
    # A variable set in a crontab applies to every job after it: the language travels
    # on the command line, and MAILTO is offered commented out.
    assert env == {}
    assert "\n# MAILTO=you@example.com\n" in (SAMPLES / "crontab").read_text(encoding="utf-8")
    assert command[-2:] == ["--lang", "zh_CN"]
    minute, hour, day, month, weekday = schedule
    assert (day, month, weekday) == ("1", "*", "*")
    assert minute.isdigit()
    assert hour.isdigit()
    assert beianaudit_args(command)[0] == "remind"


def test_crontab_command_mails_only_when_due(run_cli, write_config) -> None:
    _env, _schedule, command = crontab_job()
    args = beianaudit_args(command)
    clean = run_cli(*args, "--config", str(write_config(CLEAN, name="clean.toml")))
    assert (clean.exit_code, clean.output) == (0, "")
    due = run_cli(*args, "--config", str(write_config(DUE, name="due.toml")), "--lang", "zh_CN")
    assert due.exit_code == 1
    assert "需要确认" in due.output
    assert "手机 139****5678" in due.output


def test_systemd_units() -> None:
    timer, service = unit("beianaudit-remind.timer"), unit("beianaudit-remind.service")
    assert timer["Timer"]["OnCalendar"] == "monthly"
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"
    assert service["Service"]["Type"] == "oneshot"
    command = shlex.split(service["Service"]["ExecStart"])
    assert command[0].startswith("%h/")
    assert beianaudit_args(command)[0] == "remind"


def test_systemd_service_command_fails_the_unit_when_due(run_cli, write_config) -> None:
    args = beianaudit_args(shlex.split(unit("beianaudit-remind.service")["Service"]["ExecStart"]))
    assert run_cli(*args, "--config", str(write_config(DUE))).exit_code == 1
    assert run_cli(*args, "--config", str(write_config(CLEAN))).exit_code == 0


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_analyze_accepts_the_units(tmp_path: Path) -> None:
    beianaudit = Path(sys.executable).with_name("beianaudit")
    for name in ("beianaudit-remind.service", "beianaudit-remind.timer"):
        text = (SAMPLES / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("%h/.local/bin/beianaudit", str(beianaudit)))
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", "beianaudit-remind.timer",
         "beianaudit-remind.service"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,  # a hang guard
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "beianaudit-remind" not in result.stderr, result.stderr


def test_readme_documents_the_samples() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Contacts and reminders", 1)[1].split("\n## ", 1)[0]
    for name in (
        "samples/crontab",
        "samples/beianaudit-remind.service",
        "samples/beianaudit-remind.timer",
        "Persistent=true",
        "MAILTO",
    ):
        assert name in section, name
    _env, schedule, command = crontab_job()
    assert " ".join(schedule + command) in section  # the README shows the sample's own line
