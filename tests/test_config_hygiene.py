"""BA501 file permissions and BA502 secrets in the config."""

from __future__ import annotations

import os

import pytest
from beianaudit.checks.config_hygiene import file_permissions, secret_keys

from beianaudit.config import load
from beianaudit.context import Context
from beianaudit.finding import Severity
from tests.conftest import MINIMAL, TODAY


def run(check, path):
    return list(check.run(Context(config=load(path), today=TODAY)))


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
@pytest.mark.parametrize(
    ("mode", "warned"),
    [(0o600, False), (0o400, False), (0o640, True), (0o604, True), (0o620, True), (0o644, True)],
)
def test_permissions(write_config, mode: int, warned: bool) -> None:
    path = write_config(mode=mode)
    findings = run(file_permissions, path)
    assert bool(findings) is warned
    if warned:
        assert findings[0].severity is Severity.WARNING
        assert f"chmod 600 {path}" in findings[0].hint


def test_secret_keys_at_any_depth(write_config) -> None:
    text = (
        'top_token = "t0p"\n'
        + MINIMAL
        + 'password = "Hunter2!x"\n'
        + '[contacts]\nemail = "a@b.cn"\nmail = { smtp_passwd = "pw" }\n'
        + "[[extra_secret]]\nx = 1\n"
        + "[policy]\nbanned = []\n"
    )
    path = write_config(text)
    findings = run(secret_keys, path)
    keys = {f.data["key"]: f.data["line"] for f in findings}
    assert keys == {
        "top_token": 1,
        "subject.password": 4,
        "contacts.mail.smtp_passwd": 7,
        "extra_secret": 8,
    }
    assert all(f.severity is Severity.ERROR for f in findings)
    assert all("keyring" in f.hint for f in findings)
    assert not any("Hunter2" in repr(f) or "t0p" in repr(f) for f in findings)


def test_no_secrets_no_findings() -> None:
    from tests.conftest import SAMPLES

    assert run(secret_keys, SAMPLES / "personal.toml") == []
