"""The config contract: what loads, and the one-line error for everything that does not."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit import config
from beianaudit.config import ConfigError, load, locate
from tests.conftest import MINIMAL, SAMPLES
from tests.fuzzing import budget


@pytest.mark.parametrize("name", ["personal.toml", "enterprise.toml"])
def test_samples_load(name: str) -> None:
    cfg = load(SAMPLES / name)
    assert cfg.subject.type in ("personal", "enterprise")
    assert cfg.subject.id
    assert cfg.filing.numbers
    assert cfg.contacts.phone
    assert isinstance(cfg.contacts.phone_verified, date)


def test_defaults_follow_the_recovery_guides_advice(write_config) -> None:
    cfg = load(write_config(MINIMAL))
    assert cfg.policy.min_length == 8
    assert cfg.policy.min_classes == 4
    assert cfg.policy.min_score == 3
    assert cfg.policy.banned == ("123456", "admin")
    assert cfg.policy.stale_after_days == 180
    assert cfg.filing.numbers == ()


def error_of(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load(path)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_unknown_key_names_file_line_and_key(write_config) -> None:
    path = write_config('# comment\n[subject]\ntype = "personal"\nnmae = "x"\n')
    assert error_of(path).startswith(f"{path}:4: subject.nmae: unknown key")


def test_unknown_section(write_config) -> None:
    path = write_config(MINIMAL + "\n[contact]\nphone = '1'\n")
    assert error_of(path).startswith(f"{path}:4: contact: unknown section")


def test_wrong_type_names_expected_and_found(write_config) -> None:
    path = write_config(MINIMAL + '[policy]\nmin_length = "8"\n')
    message = error_of(path)
    assert message.startswith(f"{path}:4: policy.min_length: expected an integer")
    assert "found a string" in message


@pytest.mark.parametrize(
    ("snippet", "key"),
    [
        ('[contacts]\nphone_verified = "2026-01-01"\n', "contacts.phone_verified"),
        ("[contacts]\nphone_verified = 2026-01-01T10:00:00\n", "contacts.phone_verified"),
        ('[filing]\nnumbers = "浙ICP备2021000001号"\n', "filing.numbers"),
        ("[filing]\nnumbers = [1, 2]\n", "filing.numbers"),
        ("[policy]\nmin_score = true\n", "policy.min_score"),
        ("[policy]\nmin_score = 9\n", "policy.min_score"),
        ("[policy]\nmin_classes = 0\n", "policy.min_classes"),
        ("[policy]\nmin_change_percent = 101\n", "policy.min_change_percent"),
        ("filing = 3\n", "filing"),
    ],
)
def test_bad_values_are_config_errors(write_config, snippet: str, key: str) -> None:
    path = write_config(snippet + MINIMAL if snippet.startswith("filing =") else MINIMAL + snippet)
    assert f": {key}: " in error_of(path)


def test_error_never_shows_the_value(write_config) -> None:
    path = write_config(MINIMAL + '[contacts]\nphone = ["S3cret-Value!"]\n')
    assert "S3cret" not in error_of(path)


def test_inline_table_errors_point_at_its_line(write_config) -> None:
    path = write_config('subject = { type = "personal", colour = "red" }\n')
    assert error_of(path).startswith(f"{path}:1: subject.colour: unknown key")


def test_syntax_error_names_line_and_key(write_config) -> None:
    path = write_config('[subject]\ntype = "personal"\nname = "张伟\n')
    message = error_of(path)
    assert message.startswith(f"{path}:3: subject.name: TOML syntax error")


def test_syntax_error_at_end_of_document(write_config) -> None:
    path = write_config("[subject\n")
    assert error_of(path).startswith(f"{path}:1: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "subject: the [subject] table with its type is required"),
        ('[subject]\nname = "x"\n', "subject.type: required key is missing"),
        ('[subject]\ntype = "company"\n', 'subject.type: must be "personal" or "enterprise"'),
    ],
)
def test_subject_type_is_required(write_config, text: str, expected: str) -> None:
    assert expected in error_of(write_config(text))


def test_secret_named_keys_are_left_to_the_hygiene_check(write_config) -> None:
    cfg = load(write_config(MINIMAL + 'password = "x"\n[contacts]\nemail_pwd = "y"\n'))
    assert cfg.raw["subject"]["password"] == "x"
    assert cfg.raw["contacts"]["email_pwd"] == "y"


def test_bom_is_accepted(write_config, tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load(path).subject.type == "personal"


def test_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.toml"
    path.write_bytes(MINIMAL.encode() + b"\xff\xfe\x00\x01")
    assert error_of(path).startswith(f"{path}:3: not UTF-8 text")


def test_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "nul.toml"
    path.write_bytes(b'[subject]\ntype = "personal"\x00\n')
    assert "TOML syntax error" in error_of(path)


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_bytes(b"# " + b"x" * (10 << 20) + b"\n")
    assert "larger than 1 MiB" in error_of(path)


def test_deep_nesting(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    message = error_of(path)
    assert message.startswith(str(path))


def test_directory_and_missing_file(tmp_path: Path) -> None:
    assert "is a directory" in error_of(tmp_path)
    with pytest.raises(ConfigError, match="config file not found"):
        config.resolve_path(str(tmp_path / "nope.toml"))


def test_no_config_anywhere_says_how_to_make_one() -> None:
    with pytest.raises(ConfigError) as info:
        config.resolve_path(None)
    assert "beianaudit init" in str(info.value)
    assert str(config.default_path()) in str(info.value)


def test_default_location_comes_from_platformdirs(tmp_path: Path) -> None:
    assert config.default_path() == tmp_path / "xdg-config" / "beianaudit" / "config.toml"


def test_locate_dotted_and_quoted_keys() -> None:
    text = '[a]\nx = 1\n[b."c d"]\ne = 2\n[[f]]\ng.h = 3\n'
    assert locate(text, ("a", "x")) == 2
    assert locate(text, ("b", "c d", "e")) == 4
    assert locate(text, ("f", "g", "h")) == 6
    assert locate(text, ("a", "zzz")) == 1
    assert locate(text, ("nowhere",)) is None


@budget(75)
@given(st.text())
def test_any_text_loads_or_fails_with_one_line(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "c.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load(path)
        message = ""
    except ConfigError as exc:
        message = str(exc)
    assert "\n" not in message


@budget(50)
@given(st.text(), st.lists(st.text(min_size=1), max_size=4))
def test_locate_never_crashes(text: str, key: list[str]) -> None:
    line = locate(text, tuple(key))
    assert line is None or 1 <= line <= text.count("\n") + len(text.splitlines()) + 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("command", [["check"], ["contacts", "verified", "phone"], ["remind"]])
def test_a_fifo_as_config_is_refused_without_opening_it(tmp_path: Path, command: list[str]) -> None:
    """Opening a FIFO for reading waits for a writer: the run would hang. The timeout is a
    guard against that hang only, far above any normal run."""
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    proc = subprocess.run(
        [sys.executable, "-m", "beianaudit", *command, "--config", str(fifo)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 2
    assert proc.stderr == (
        f"beianaudit: {fifo}: not a regular file (a pipe, a device or a socket), "
        "not a config file\n"
    )


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="POSIX devices")
@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_as_config_is_refused(device: str) -> None:
    assert error_of(Path(device)) == (
        f"{device}: not a regular file (a pipe, a device or a socket), not a config file"
    )


def test_a_directory_as_config_is_refused(tmp_path: Path) -> None:
    assert error_of(tmp_path) == f"{tmp_path}: is a directory, not a config file"


@pytest.mark.parametrize("key", ["phone_verified", "email_verified"])
@pytest.mark.parametrize("day", ["2005-03-19", "1999-01-01", "0001-01-01"])
def test_a_confirmation_before_the_filing_system_is_a_config_error(
    write_config, key: str, day: str
) -> None:
    """The bound --on and init use (FILING_SYSTEM_START): BA403 would count from it."""
    path = write_config(
        '[subject]\ntype = "personal"\n[contacts]\n'
        f'phone = "13812345678"\nemail = "a@example.com"\n{key} = {day}\n'
    )
    assert error_of(path) == (
        f"{path}:6: contacts.{key}: {day} is before the ICP filing system began (2005-03-20); "
        "a typo?"
    )


def test_the_first_day_of_the_filing_system_is_accepted(write_config) -> None:
    path = write_config('[subject]\ntype = "personal"\n[contacts]\nphone_verified = 2005-03-20\n')
    assert str(load(path).contacts.phone_verified) == "2005-03-20"
