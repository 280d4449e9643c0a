"""``remind --crontab`` and ``--systemd`` name the program that ran them and the config in
use, and what they print runs under a scheduler's bare environment; ``remind`` speaks up
when no contact is bound at all."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.commands import remind
from tests.conftest import MINIMAL, SAMPLES
from tests.fuzzing import budget


def fresh_config(write_config, name: str = "my config %1.toml") -> Path:
    """Confirmed today by the real clock: the scheduled program runs with it."""
    day = date.today().isoformat()
    return write_config(
        MINIMAL + f'[contacts]\nphone = "13912345678"\nphone_verified = {day}\n'
        f'email = "zhangwei@example.com"\nemail_verified = {day}\n',
        name=name,
    )


def cron_command(text: str) -> str:
    """The command of the one job line, as cron hands it to sh (``\\%`` → ``%``)."""
    (line,) = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return line.split(" ", 5)[5].replace("\\%", "%")


def run_as_cron(command: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """sh -c with cron's environment: HOME, a minimal PATH, no LANG, no BEIANAUDIT_CONFIG."""
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh"}
    return subprocess.run(
        ["/bin/sh", "-c", command], env=env, capture_output=True, text=True, timeout=120
    )


# --- the samples are what the commands print ----------------------------------------------


def test_samples_are_what_remind_prints_for_an_everyday_install() -> None:
    args = remind.remind_args(None, 31, "zh_CN")
    sample = (SAMPLES / "crontab").read_text(encoding="utf-8")
    assert sample == remind.crontab_text("$HOME/.local/bin/beianaudit", args)
    service = (SAMPLES / "beianaudit-remind.service").read_text(encoding="utf-8")
    assert service == remind.units_text("%h/.local/bin/beianaudit", args, "service")
    timer = (SAMPLES / "beianaudit-remind.timer").read_text(encoding="utf-8")
    assert timer == remind.units_text("", [], "timer")


# --- --crontab ---------------------------------------------------------------------------


def test_crontab_names_this_program_and_this_config(run_cli, write_config, tmp_path) -> None:
    path = fresh_config(write_config)
    result = run_cli("remind", "--crontab", "--config", str(path), "--lang", "zh_CN")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# beianaudit：每月提醒")
    assert "\n# MAILTO=you@example.com\n" in result.output  # offered, not imposed
    words = shlex.split(cron_command(result.output))
    program = Path(words[0])
    assert program.is_absolute()
    assert os.access(program, os.X_OK)
    assert words[1:] == [
        "remind", "--within", "31", "--config", str(path.absolute()), "--lang", "zh_CN",
    ]  # fmt: skip
    assert "\\%" in result.output  # cron would read a bare % as a newline


def test_the_cron_job_runs_under_cron(run_cli, write_config, tmp_path) -> None:
    """The issue's simulated cron job exited 127; this one finds its program and config."""
    path = fresh_config(write_config)
    command = cron_command(run_cli("remind", "--crontab", "--config", str(path)).output)
    quiet = run_as_cron(command, tmp_path)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    path.write_text(MINIMAL, encoding="utf-8")  # no contact bound: mail, and exit 1
    loud = run_as_cron(command, tmp_path)
    assert loud.returncode == 1, loud.stderr
    assert "the config records no usable phone or email" in loud.stdout


def test_within_given_is_kept(run_cli, write_config) -> None:
    path = fresh_config(write_config, name="c.toml")
    result = run_cli("remind", "--crontab", "--within", "45", "--config", str(path))
    assert " remind --within 45 --config " in result.output


def test_the_config_must_load_before_it_is_scheduled(run_cli, tmp_path) -> None:
    result = run_cli("remind", "--crontab", "--config", str(tmp_path / "missing.toml"))
    assert result.exit_code == 2
    assert "config file not found" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("schedule", [["--crontab"], ["--systemd"]])
@pytest.mark.parametrize("kind", ["fifo", "device", "huge", "not utf-8", "directory"])
def test_a_config_check_could_not_read_is_never_scheduled(
    run_cli, tmp_path: Path, schedule: list[str], kind: str
) -> None:
    """The schedule runs check's reader on the config first: an entry for a pipe, an
    oversized or undecodable file would fail every month in silence."""
    from tests.fuzzing import finishes

    path = tmp_path / "config.toml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":  # a link to /dev/null: this path only reads
        path.symlink_to(os.devnull)
    elif kind == "huge":
        path.write_bytes(b"#" * (2 << 20))
    elif kind == "not utf-8":
        path.write_bytes(b'[subject]\ntype = "\xff"\n')
    else:
        path.mkdir()
    result = finishes(lambda: run_cli("remind", *schedule, "--config", str(path)), path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1


def test_crontab_and_systemd_together_is_a_usage_error(run_cli, write_config) -> None:
    path = str(fresh_config(write_config, name="c.toml"))
    result = run_cli("remind", "--crontab", "--systemd", "--config", path)
    assert result.exit_code == 2
    assert "give one of them" in result.stderr


@pytest.mark.parametrize("schedule", [["--crontab"], ["--systemd"], ["--systemd", "timer"]])
def test_schedule_with_format_json_is_a_usage_error(run_cli, write_config, schedule) -> None:
    """The entry and the units are text to save as they are: JSON is refused, not ignored."""
    path = str(fresh_config(write_config, name="c.toml"))
    result = run_cli("remind", *schedule, "--format", "json", "--config", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "beianaudit: --format json: --crontab and --systemd print text to save as it is; "
        "leave out --format\n"
    )
    zh = run_cli("--lang", "zh_CN", "remind", *schedule, "--format", "json", "--config", path)
    assert zh.exit_code == 2
    assert "--format json" in zh.stderr
    assert "--crontab" in zh.stderr
    text = run_cli("remind", *schedule, "--format", "text", "--config", path)
    assert text.exit_code == 0


# --- --systemd ---------------------------------------------------------------------------


def exec_start(unit: str) -> str:
    (line,) = [ln for ln in unit.splitlines() if ln.startswith("ExecStart=")]
    return line.removeprefix("ExecStart=")


def test_systemd_units_name_this_program_and_config(run_cli, write_config, tmp_path) -> None:
    path = fresh_config(write_config)
    both = run_cli("remind", "--systemd", "--config", str(path))
    assert both.exit_code == 0, both.output
    assert "# ==> ~/.config/systemd/user/beianaudit-remind.service <==" in both.output
    assert "# ==> ~/.config/systemd/user/beianaudit-remind.timer <==" in both.output
    service = run_cli("remind", "--systemd", "service", "--config", str(path)).output
    assert service in both.output
    # systemd: %% is %, $$ is $, and quoting as in a shell's double quotes.
    command = exec_start(service).replace("%%", "%").replace("$$", "$")
    words = shlex.split(command)
    assert Path(words[0]).is_absolute()
    assert words[1:] == [
        "remind",
        "--within",
        "31",
        "--config",
        str(path.absolute()),
        "--lang",
        "en",
    ]
    ran = run_as_cron(shlex.join(words), tmp_path)  # a unit's environment is as bare
    assert ran.returncode == 0, ran.stderr
    timer = run_cli("remind", "--systemd", "timer", "--config", str(path)).output
    assert "OnCalendar=monthly" in timer
    assert "Persistent=true" in timer


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_analyze_accepts_the_printed_units(run_cli, write_config, tmp_path) -> None:
    path = str(fresh_config(write_config))
    folder = tmp_path / "units"
    folder.mkdir()
    for which in ("service", "timer"):
        text = run_cli("remind", "--systemd", which, "--config", path).output
        (folder / f"beianaudit-remind.{which}").write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", "beianaudit-remind.timer",
         "beianaudit-remind.service"],
        cwd=folder, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "beianaudit-remind" not in result.stderr, result.stderr


# --- the program's own path ----------------------------------------------------------------


def test_program_is_the_console_script_as_run(monkeypatch, tmp_path) -> None:
    link = tmp_path / "bin" / "beianaudit"
    link.parent.mkdir()
    link.symlink_to(Path(sys.executable))  # a pipx-style link: kept, not resolved
    monkeypatch.setattr(sys, "argv", [str(link), "remind", "--crontab"])
    assert remind.program() == [str(link)]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["bin/beianaudit"])
    assert remind.program() == [str(link)]  # relative: made absolute


def test_program_under_python_m(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sys, "argv", [str(Path(remind.__file__).parent.parent / "__main__.py")])
    beside = Path(sys.executable).with_name("beianaudit")
    if beside.is_file():
        assert remind.program() == [os.path.abspath(beside)]
    python = tmp_path / "python3"
    python.symlink_to(Path(sys.executable))
    monkeypatch.setattr(sys, "executable", str(python))
    assert remind.program() == [str(python), "-m", "beianaudit"]  # no script beside it


words_st = st.text(
    st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1, max_size=30
)


@budget(50)
@given(word=words_st)
def test_quoting_gives_the_word_back(word: str) -> None:
    assert shlex.split(remind.cron_quote(word).replace("\\%", "%")) == [word]
    unit = remind.systemd_quote(word).replace("%%", "%").replace("$$", "$")
    assert shlex.split(unit) == [word]


# --- the worst state ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("contacts", "checks"),
    [
        ("", ["BA404"]),
        ('[contacts]\nphone = "12345"\n', ["BA401", "BA404"]),
        ('[contacts]\nphone = ""\nemail = "nope"\n', ["BA402", "BA404"]),  # "" is no phone
    ],
    ids=["none", "phone-invalid", "both-invalid"],
)
def test_remind_speaks_when_no_contact_is_bound(run_cli, write_config, contacts, checks) -> None:
    path = str(write_config(MINIMAL + contacts))
    result = run_cli("remind", "--config", path)
    assert result.exit_code == 1
    assert "the config records no usable phone or email" in result.output
    data = json.loads(run_cli("remind", "--config", path, "--format", "json").output)
    assert [f["check"] for f in data["findings"]] == checks
    assert data["findings"][-1]["data"] == {"readiness": "none"}


def test_remind_speaks_when_the_bound_phone_is_not_usable(run_cli, write_config) -> None:
    """As check does (BA401, BA404): a phone written wrong is no path to a reset code."""
    path = str(
        write_config(
            MINIMAL + '[contacts]\nphone = "12345"\nemail = "a@b.cn"\nemail_verified = 2026-10-01\n'
        )
    )
    result = run_cli("remind", "--config", path)
    assert result.exit_code == 1
    assert "the phone number is not a mainland mobile number" in result.output
    assert "no usable phone is bound" in result.output
    data = json.loads(run_cli("remind", "--config", path, "--format", "json").output)
    assert [f["check"] for f in data["findings"]] == ["BA401", "BA404"]


def test_remind_stays_silent_with_one_fresh_contact(run_cli, write_config) -> None:
    """Only the worst state speaks: one contact bound is check's warning, not a monthly mail."""
    path = write_config(
        MINIMAL + '[contacts]\nphone = "13912345678"\nphone_verified = 2026-10-01\n'
    )
    result = run_cli("remind", "--config", str(path))
    assert (result.exit_code, result.output) == (0, "")
