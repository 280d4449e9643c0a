"""Shared fixtures: a clean environment, configs on disk, a CLI runner with a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from beianaudit import i18n
from beianaudit.cli import cli
from tests.fuzzing import DEFAULT_EXAMPLES, LONG_FACTOR

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TODAY = date(2026, 11, 25)

MINIMAL = '[subject]\ntype = "personal"\n'
# A config no built-in check finds fault with on TODAY (MINIMAL lacks contacts: BA404).
CLEAN = (
    MINIMAL
    + '[contacts]\nphone = "13912345678"\nphone_verified = 2026-10-01\n'
    + 'email = "zhangwei@example.com"\nemail_verified = 2026-10-01\n'
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """English, no colour hints, no config from the developer's own machine."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "NO_COLOR", "BEIANAUDIT_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    i18n.set_language("en")


@pytest.fixture
def write_config(tmp_path: Path) -> Callable[..., Path]:
    def write(text: str = MINIMAL, name: str = "config.toml", mode: int = 0o600) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        os.chmod(path, mode)
        return path

    return write


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Invoke the CLI in-process with the clock fixed at ``TODAY``."""

    def run(*args: str, input: str | None = None, today: date = TODAY, **kw: object) -> Result:
        return CliRunner().invoke(cli, list(args), input=input, obj={"today": today}, **kw)

    return run


# --- keyring (issue 3): no test reaches the OS keyring ------------------------------------


@pytest.fixture(autouse=True)
def no_real_keyring() -> None:
    """The ``fail`` backend, as on a headless server, unless a test installs its own."""
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch):  # -> MemoryKeyring
    """An in-memory keyring backend, installed for this test and trusted as if it
    encrypted (beianaudit trusts backends by name, not by the priority they claim)."""
    import keyring
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if self.store.pop((service, username), None) is None:
                raise PasswordDeleteError(username)

    from beianaudit.password import store

    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    monkeypatch.setattr(store, "ENCRYPTING", store.ENCRYPTING | {store.name_of(backend)})
    return backend


# No example is timed by hypothesis: its default 200 ms deadline fails an example that a
# loaded 2-core CI machine merely ran slowly (a blow-up is caught by tests/fuzzing.py's
# far higher bound instead, and speed is measured in benchmarks/).
# On CI (CI=true, as .ci/run is started) the draws are derandomized: a submission is judged
# on the examples its own run here saw, while a developer's runs keep exploring new ones.
# The examples of a bare @given come from tests/fuzzing.py, as every @budget(n) does.
settings.register_profile(
    "ci",
    max_examples=DEFAULT_EXAMPLES,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
)
# Long fuzz runs are opt-in: HYPOTHESIS_PROFILE=long pytest (see tests/fuzzing.py).
settings.register_profile("long", max_examples=DEFAULT_EXAMPLES * LONG_FACTOR, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
