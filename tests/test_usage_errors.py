"""Usage errors are one line, as every other error: ``beianaudit: <what> (see: beianaudit
<command> --help)``, exit 2, not click's four-line "Usage: … Try … Error: …" block; and a
stray word that does not look like a command or option is never echoed (it may be a
password typed in the wrong place)."""

from __future__ import annotations

import pytest

from tests.fuzzing import assert_one_line

SECRET = "Zq9#SECRETpw71xk"

USAGE_ERRORS = [
    (["check", "--formt", "json"], "beianaudit check", "--format"),
    (["check", "--format", "xml"], "beianaudit check", "xml"),
    (["remind", "--within", "-5"], "beianaudit remind", "--within"),
    (["contacts", "verified", "fax"], "beianaudit contacts verified", "fax"),
    (["checks", "BA1", "BA2"], "beianaudit checks", ""),
    (["id", "--kind", "fax", "x"], "beianaudit id", "--kind"),
    (["password", "--password-stdin=x"], "beianaudit password", "--password-stdin"),
    (["--bogus"], "beianaudit", "--bogus"),
    (["chek"], "beianaudit", "chek"),
]


@pytest.mark.parametrize(("argv", "command", "named"), USAGE_ERRORS, ids=lambda v: str(v))
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_usage_error_is_one_line(
    run_cli, argv: list[str], command: str, named: str, lang: str
) -> None:
    from beianaudit.i18n import set_language

    set_language(lang)  # as beianaudit.entry does from the command line, before parsing
    result = run_cli("--lang", lang, *argv, prog_name="beianaudit")
    assert result.exit_code == 2, result.output
    assert_one_line(result.stderr)
    line = result.stderr.strip()
    assert line.startswith("beianaudit: " if lang == "en" else "beianaudit："), line
    assert line.endswith(f"{command} --help)" if lang == "en" else f"{command} --help）"), line
    assert named in line
    for block in ("Usage:", "Try '", "Error:", "用法", "错误："):
        assert block not in line, line


@pytest.mark.parametrize(
    "argv", [[SECRET], ["init", SECRET], ["init", "yes", SECRET], ["--lang", "zh_CN", SECRET]]
)
def test_a_stray_word_is_not_echoed(run_cli, argv: list[str]) -> None:
    result = run_cli(*argv, prog_name="beianaudit")
    assert result.exit_code == 2
    assert_one_line(result.stderr)
    assert SECRET not in result.output
    assert "SECRET" not in result.stderr


def test_a_mistyped_command_name_is_named(run_cli) -> None:
    result = run_cli("pasword")
    assert "pasword" in result.stderr
