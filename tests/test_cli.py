"""The command line as a user drives it: commands, options, exit codes, start-up cost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from beianaudit import __version__, i18n
from tests.conftest import CLEAN, SAMPLES


def test_help_and_version(run_cli) -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    assert "check" in result.output
    assert "checks" in result.output
    result = run_cli("--version")
    assert result.output.strip() == f"beianaudit {__version__}"


def test_checks_lists_id_name_summary_origin(run_cli) -> None:
    result = run_cli("checks")
    assert result.exit_code == 0
    assert "BA501  Config file permissions  [built-in]" in result.output
    data = json.loads(run_cli("checks", "--format", "json").output)
    row = next(c for c in data["checks"] if c["id"] == "BA502")
    assert row == {
        "id": "BA502",
        "name": "Secrets in the config",
        "summary": row["summary"],
        "origin": "built-in",
        "family": "config hygiene",
        "needs": [],
    }
    assert row["summary"]


def test_check_clean_config_exits_0(run_cli, write_config) -> None:
    result = run_cli("check", "--config", str(write_config(CLEAN)))
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("No problems found by the checks that ran.")


def test_check_findings_and_fail_on(run_cli, write_config) -> None:
    path = str(write_config(CLEAN, mode=0o644))
    assert run_cli("check", "--config", path).exit_code == 1
    assert run_cli("check", "--config", path, "--fail-on", "error").exit_code == 0
    assert run_cli("check", "--config", path, "--fail-on", "info").exit_code == 1


def test_check_json(run_cli, write_config) -> None:
    path = write_config('api_token = "abc123zz"\n' + CLEAN, mode=0o644)
    result = run_cli("check", "--config", str(path), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False
    assert data["summary"] == {"error": 1, "warning": 1, "info": 0}
    assert {f["check"] for f in data["findings"]} == {"BA501", "BA502"}
    assert "abc123zz" not in result.output


def test_only_and_skip(run_cli, write_config) -> None:
    path = str(write_config('token = "x"\n' + CLEAN, mode=0o644))
    only = json.loads(
        run_cli("check", "--config", path, "--format", "json", "--only", "ba501").output
    )
    assert {f["check"] for f in only["findings"]} == {"BA501"}
    skip = json.loads(
        run_cli("check", "--config", path, "--format", "json", "--skip", "BA501,BA502").output
    )
    assert skip["findings"] == []


def test_unknown_check_id_is_a_usage_error(run_cli, write_config) -> None:
    result = run_cli("check", "--config", str(write_config()), "--only", "BA999")
    assert result.exit_code == 2
    assert result.stderr.strip() == "beianaudit: unknown check id: BA999 (see: beianaudit checks)"


def test_config_errors_exit_2_with_one_line(run_cli, write_config) -> None:
    path = write_config('[subject]\ntype = "personal"\nnmae = "x"\n')
    result = run_cli("check", "--config", str(path))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"beianaudit: {path}:3: subject.nmae: unknown key (known: type, name, id)\n"
    )
    assert result.stdout == ""


def test_env_var_names_the_config(run_cli, write_config, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = write_config("[subject]\n", name="bad.toml")
    good = write_config(CLEAN, name="good.toml")
    monkeypatch.setenv("BEIANAUDIT_CONFIG", str(bad))
    assert run_cli("check").exit_code == 2
    assert run_cli("check", "--config", str(good)).exit_code == 0, "--config beats the env"
    monkeypatch.setenv("BEIANAUDIT_CONFIG", str(good))
    assert run_cli("check").exit_code == 0


def test_default_config_location(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "xdg-config" / "beianaudit"
    result = run_cli("check")
    assert result.exit_code == 2
    assert "write one with beianaudit init" in result.stderr  # an installed wheel has no samples
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text(CLEAN)
    (folder / "config.toml").chmod(0o600)
    assert run_cli("check").exit_code == 0


def test_usage_errors_exit_2(run_cli) -> None:
    assert run_cli("check", "--format", "xml").exit_code == 2
    assert run_cli("no-such-command").exit_code == 2


def test_internal_errors_are_one_line(run_cli, write_config, monkeypatch) -> None:
    from beianaudit import registry

    def boom(*args, **kwargs):
        raise RuntimeError("Secret-In-Message")

    monkeypatch.setattr(registry, "discover", boom)
    result = run_cli("check", "--config", str(write_config()))
    assert result.exit_code == 2
    assert "internal error (RuntimeError)" in result.stderr
    assert "Secret-In-Message" not in result.output + result.stderr
    assert "Traceback" not in result.stderr


def test_lang_option_and_environment(run_cli, write_config, monkeypatch) -> None:
    path = str(write_config(CLEAN))
    assert "未发现问题" in run_cli("check", "--config", path, "--lang", "zh_CN").output
    assert "未发现问题" in run_cli("--lang", "zh_CN", "check", "--config", path).output
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    i18n.set_language(None)  # what beianaudit.entry does at start-up
    assert "未发现问题" in run_cli("check", "--config", path).output
    assert "No problems" in run_cli("check", "--config", path, "--lang", "en").output


HEAVY = (
    *("zxcvbn", "tldextract", "keyring", "ada_url", "stdnum", "tomlkit", "pypinyin"),
    # Ours: a command imports what it runs when it runs (the plan alone was 30 ms).
    *("beianaudit.recovery.plan", "beianaudit.registry", "beianaudit.config", "email_validator"),
)


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from beianaudit.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_console_script_runs_the_main_job() -> None:
    script = Path(sys.executable).with_name("beianaudit")
    result = subprocess.run(
        [str(script), "check", "--config", str(SAMPLES / "personal.toml"), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["tool"] == "beianaudit"


def test_checks_package_is_not_top_level(tmp_path: Path) -> None:
    code = "import beianaudit.checks\ntry:\n    import checks\nexcept ImportError:\n    print('ok')"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert out.stdout.strip() == "ok"
