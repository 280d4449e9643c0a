"""Issue 18: the command line as a new user meets it, and the conventions users bring
from ruff, httpie and bandit (silent skips, typos, help, language, colour, wording)."""

from __future__ import annotations

import json

import pytest

from beianaudit import registry
from tests.conftest import CLEAN

PASSWORD_CHECKS = [f"BA10{i}" for i in range(1, 8)]


# --- checks that did not run are named, never an all-clear ------------------------------


def test_plain_check_names_the_password_checks_it_did_not_run(run_cli, write_config) -> None:
    path = str(write_config(CLEAN))
    result = run_cli("check", "--config", path)
    assert result.exit_code == 0
    assert "7 checks did not run (no password given: use --password-stdin or --ask-password)" in (
        result.output
    )
    assert ", ".join(PASSWORD_CHECKS) in result.output
    assert "No problems found by the checks that ran." in result.output
    assert "No problems found.\n" not in result.output
    data = json.loads(run_cli("check", "--config", path, "--format", "json").output)
    assert [s["id"] for s in data["skipped"]] == PASSWORD_CHECKS
    assert {s["needs"] for s in data["skipped"]} == {"password"}
    assert all(s["reason"] for s in data["skipped"])


def test_check_with_a_password_skips_nothing(run_cli, write_config) -> None:
    path = str(write_config(CLEAN))
    args = ("check", "--config", path, "--password-stdin", "--format", "json")
    data = json.loads(run_cli(*args, input="Kx9#mQ2$vL7!pW4z\n").output)
    assert data["skipped"] == []
    assert {"BA105"} <= {f["check"] for f in data["findings"]}


def test_only_a_check_that_cannot_run_is_a_usage_error(run_cli, write_config) -> None:
    result = run_cli("check", "--config", str(write_config(CLEAN)), "--only", "BA101")
    assert result.exit_code == 2
    assert "No problems" not in result.output
    assert "none of the selected checks can run (BA101): no password given" in result.output


@pytest.mark.parametrize(
    ("only", "skip"), [("BA501", "BA501"), ("BA4", "ba4xx"), ("BA1,BA2", "BA1,BA2")]
)
def test_no_check_selected_is_a_usage_error(run_cli, write_config, only, skip) -> None:
    path = str(write_config(CLEAN))
    result = run_cli("check", "--config", path, "--only", only, "--skip", skip)
    assert result.exit_code == 2
    assert "no check selected" in result.output
    assert "No problems" not in result.output


def test_password_without_a_config_names_the_personal_data_check(run_cli) -> None:
    result = run_cli("password", "--password-stdin", input="Kx9#mQ2$vL7!pW4z\n")
    assert "1 check did not run (no config file read" in result.output
    assert "BA106" in result.output
    data = json.loads(
        run_cli(
            "password", "--password-stdin", "--format", "json", input="Kx9#mQ2$vL7!pW4z\n"
        ).output
    )
    assert data["skipped"] == [
        {"id": "BA106", "needs": "config", "reason": registry._(registry.NEEDS["config"])}
    ]


def test_password_with_a_config_runs_the_personal_data_check(run_cli, write_config) -> None:
    path = str(write_config(CLEAN))
    args = ("password", "--config", path, "--password-stdin", "--format", "json")
    data = json.loads(run_cli(*args, input="Kx9#mQ2$vL7!pW4z\n").output)
    assert data["skipped"] == []


def test_a_check_declares_what_it_needs() -> None:
    checks, _problems = registry.discover()
    needs = {r.check.id: r.check.needs for r in checks}
    assert all(needs[i] and needs[i][0] == "password" for i in PASSWORD_CHECKS)
    assert "config" in needs["BA106"]
    assert not needs["BA501"]
    with pytest.raises(ValueError, match="unknown needs"):
        registry.check("XY1", "x", needs="a keyboard")


def test_the_summary_counts_only_what_is_there(run_cli, write_config) -> None:
    from beianaudit.finding import Finding, Severity
    from beianaudit.report import Report, summary_line

    def of(*severities: Severity) -> str:
        return summary_line(Report(tuple(Finding("X", s, "m", "t") for s in severities)))

    assert of(Severity.WARNING, Severity.INFO) == "1 warning, 1 info"
    assert of(Severity.INFO, Severity.INFO) == "2 info"
    assert of(Severity.ERROR, Severity.ERROR, Severity.WARNING) == "2 errors, 1 warning"
    assert "infos" not in of(Severity.INFO, Severity.INFO)


def test_check_says_which_config_it_read(run_cli, write_config) -> None:
    path = write_config(CLEAN)
    result = run_cli("check", "--config", str(path))
    assert result.output.splitlines()[0] == f"Config: {path}"
    data = json.loads(run_cli("check", "--config", str(path), "--format", "json").output)
    assert data["config"] == str(path)


# --- a mistyped option is answered as one, a stray word with the password advice ---------


@pytest.mark.parametrize(
    ("argv", "typo", "meant"),
    [
        (["check", "--formt", "json"], "--formt", "--format"),
        (["check", "--formt=json"], "--formt", "--format"),
        (["password", "--remeber"], "--remeber", "--remember"),
        (["password", "--fial-on", "error"], "--fial-on", "--fail-on"),
    ],
)
def test_an_option_typo_gets_did_you_mean(run_cli, argv, typo, meant) -> None:
    result = run_cli(*argv, input="")
    assert result.exit_code == 2
    assert "never taken as an argument" not in result.output
    assert f"No such option '{typo}'" in result.output
    assert f"Did you mean '{meant}'" in result.output


@pytest.mark.parametrize(
    "argv",
    [
        ["password", "Sekret-Pw#41x"],
        ["password", "--Sekret-Pw#41x"],
        ["password", "-p", "Sekret-Pw#41x"],
        ["password", "--password", "Sekret-Pw#41x"],
        ["password", "--passwd=Sekret-Pw#41x"],
        ["check", "--pw", "Sekret-Pw#41x"],
    ],
)
def test_a_stray_word_still_gets_the_password_advice(run_cli, argv) -> None:
    result = run_cli(*argv, input="")
    assert result.exit_code == 2
    assert "never taken as an argument" in result.output
    assert "Sekret" not in result.output
