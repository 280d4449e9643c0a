"""A password never leaks, across every command that takes one.

The commands are found by walking the CLI (any command with ``--password-stdin``),
so a new one is held to the same rules the day it lands. For each, on every path
(text and JSON, English and Chinese, a crashing check, every keyring state), the
password given on stdin must not reach stdout, stderr, a file under the config or
data directories, a log record or an exception message; given as a plain argument
it is refused with advice and not echoed; and a keyring that is missing, failing,
locked or unencrypted gives an info finding, never a crash and never plaintext.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import click
import keyring
import pytest
from click.testing import Result
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import KeyringLocked, PasswordSetError

from beianaudit import registry
from beianaudit.commands.common import takes_password
from beianaudit.context import Context
from beianaudit.registry import check
from tests.conftest import SAMPLES
from tests.fuzzing import commands

PASSWORD = "Zq8!Sekret-Pw#41x"
PASSWORD_COMMANDS = {words: cmd for words, cmd in commands() if takes_password(cmd)}


@check("BA198", "Careless test check")
def careless(ctx: Context) -> Iterator:
    """Logs and raises with the password, as a careless plugin might."""
    if ctx.password is not None:
        logging.getLogger("careless.plugin").debug("judging %s", ctx.password)
        raise ValueError(f"cannot judge {ctx.password} ({ctx.password!r})")
    return iter(())


@pytest.fixture
def with_careless_check(monkeypatch: pytest.MonkeyPatch) -> None:
    real = registry.installed_entry_points()
    extra = EntryPoint("BA198", "tests.test_secrets:careless", registry.GROUP)
    monkeypatch.setattr(registry, "installed_entry_points", lambda: [*real, extra])


@pytest.fixture
def config(tmp_path: Path) -> str:
    path = tmp_path / "xdg-config" / "beianaudit" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text((SAMPLES / "personal.toml").read_text(encoding="utf-8"), encoding="utf-8")
    path.chmod(0o600)
    return str(path)


# --- keyring backends -------------------------------------------------------------------


class Broken(KeyringBackend):
    """A backend beianaudit must not be able to store in; ``stored`` says if it did."""

    priority = 5  # type: ignore[assignment]
    stored = False

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.stored = True

    def delete_password(self, service: str, username: str) -> None:
        raise PasswordSetError("nothing to delete")


class Failing(Broken):
    """A backend that breaks on every call (D-Bus gone, a broken install)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError(f"backend failed for {username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError(f"could not store {password}")

    delete_password = set_password  # type: ignore[assignment]


class Locked(Broken):
    """A locked collection: every call raises KeyringLocked."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked(f"locked, cannot store {password}")


class PlainFile(Broken):
    """What keyrings.alt's PlaintextKeyring does: writes the password into a file."""

    priority = 0.5  # type: ignore[assignment]
    file: Path

    def set_password(self, service: str, username: str, password: str) -> None:
        self.stored = True
        self.file.write_text(password, encoding="utf-8")


PlainFile.__module__ = "keyrings.alt.file"  # what beianaudit inspects

BACKENDS = {
    "none": fail.Keyring,
    "failing": Failing,
    "locked": Locked,
    "plaintext": PlainFile,
}


# --- scanning for the password ---------------------------------------------------------


def leaks(result: Result, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    """Every place outside the keyring where the password (or its first half) shows."""
    places = {"stdout": result.stdout, "stderr": result.stderr, "logs": caplog.text}
    exc = result.exception
    while exc is not None:
        places[f"exception {type(exc).__name__}"] = f"{exc!s} {exc!r} {exc.args!r}"
        exc = exc.__cause__ or exc.__context__
    for path in tmp_path.rglob("*"):
        if path.is_file():
            places[str(path)] = path.read_bytes().decode("utf-8", "replace")
    return [where for where, text in places.items() if PASSWORD[: len(PASSWORD) // 2] in text]


def invocations(words: tuple[str, ...], command: click.Command, config: str) -> list[list[str]]:
    """The ways to run ``command`` with a password on stdin."""
    names = {p.name for p in command.params}
    base = [*words, "--password-stdin", "--config", config]
    runs = [base, [*base, "--format", "json"], [*base, "--lang", "zh_CN"]]
    if "remember" in names:
        runs.append([*base, "--remember", "--format", "json"])
    return runs


def test_the_password_commands_are_found() -> None:
    assert {("check",), ("password",)} <= set(PASSWORD_COMMANDS)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("words", PASSWORD_COMMANDS, ids=" ".join)
def test_stdin_password_never_leaks(
    run_cli,
    with_careless_check,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    config: str,
    words: tuple[str, ...],
    backend: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    chosen = BACKENDS[backend]()
    if isinstance(chosen, PlainFile):
        chosen.file = tmp_path / "xdg-data" / "plaintext-keyring.cfg"
    keyring.set_keyring(chosen)
    for argv in invocations(words, PASSWORD_COMMANDS[words], config):
        result = run_cli(*argv, input=PASSWORD + "\n")
        # Nothing can be remembered in these backends: --remember says so by its status.
        assert result.exit_code in ((3,) if "--remember" in argv else (0, 1)), argv
        assert "BA198" in result.stdout, argv  # the careless check did run, and crashed
        assert not leaks(result, tmp_path, caplog), (argv, leaks(result, tmp_path, caplog))
        if "--format" in argv:
            found = {f["check"]: f for f in json.loads(result.stdout)["findings"]}
            assert found["BA001"]["data"]["exception"] == "ValueError"
            assert found["BA107"]["severity"] == "info", found.get("BA107")
    assert not getattr(chosen, "stored", False)  # nothing stored in any of these backends


def test_remember_stores_only_in_an_encrypted_keyring(
    run_cli, memory_keyring, caplog: pytest.LogCaptureFixture, tmp_path: Path, config: str
) -> None:
    backend = memory_keyring
    result = run_cli(
        "password", "--password-stdin", "--remember", "--config", config, input=PASSWORD + "\n"
    )
    assert result.exit_code in (0, 1), result.output
    assert list(backend.store.values()) == [PASSWORD]
    assert not leaks(result, tmp_path, caplog)


@pytest.mark.parametrize("backend", ["failing", "locked", "plaintext", "none"])
def test_forget_without_a_usable_keyring_is_one_line(
    run_cli, tmp_path: Path, config: str, backend: str
) -> None:
    chosen = BACKENDS[backend]()
    if isinstance(chosen, PlainFile):
        chosen.file = tmp_path / "plaintext-keyring.cfg"
    keyring.set_keyring(chosen)
    result = run_cli("password", "--forget", "--config", config)
    assert result.exit_code == 3  # the side action failed; not a usage error, not a crash
    assert len(result.stderr.strip().splitlines()) == 1
    assert "keyring" in result.stderr
    assert not (tmp_path / "plaintext-keyring.cfg").exists()


def test_hidden_prompt_does_not_echo(run_cli, tmp_path: Path, config: str, caplog) -> None:
    for words, command in PASSWORD_COMMANDS.items():
        ask = ["--ask-password"] if "ask_password" in {p.name for p in command.params} else []
        result = run_cli(*words, *ask, "--config", config, input=f"{PASSWORD}\n{PASSWORD}\n")
        assert result.exit_code in (0, 1), (words, result.output)
        assert not leaks(result, tmp_path, caplog), words


@pytest.mark.parametrize(
    "shape",
    [
        ["{pw}"],
        ["--password", "{pw}"],
        ["--password={pw}"],
        ["-p", "{pw}"],
        ["--{pw}"],
        ["--password-stdin", "{pw}"],
        ["--format", "json", "{pw}"],
    ],
    ids=lambda shape: " ".join(shape),
)
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("words", PASSWORD_COMMANDS, ids=" ".join)
def test_password_as_an_argument_is_refused_with_advice(
    run_cli, config: str, words: tuple[str, ...], shape: list[str], lang: str
) -> None:
    argv = [*words, "--lang", lang, "--config", config, *(s.format(pw=PASSWORD) for s in shape)]
    result = run_cli(*argv, input="")
    assert result.exit_code == 2, result.output
    assert PASSWORD not in result.output
    assert PASSWORD[1:] not in result.output
    assert "--password-stdin" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_usage_errors_elsewhere_keep_their_detail(run_cli) -> None:
    """Only commands that take a password hide the words of the command line."""
    result = run_cli("checks", "surplus")
    assert result.exit_code == 2
    assert "surplus" in result.stderr
    result = run_cli("password", "--format", "xml")
    assert "'xml' is not one of" in result.stderr


# --- a secret typed into the config -------------------------------------------------------

CONFIG_SECRET = "Cfg!Secret\u2603-9xQ"


def arguments_for(command: click.Command) -> list[str]:
    """Plausible values for the command's required arguments."""
    words = []
    for param in command.params:
        if isinstance(param, click.Argument) and param.required:
            choices = getattr(param.type, "choices", None)
            words.append(str(choices[0]) if choices else "x")
    return words


def test_a_secret_in_the_config_is_never_shown(run_cli, tmp_path: Path, caplog) -> None:
    """Whatever command reads the config, a password put there is named, not shown."""
    path = tmp_path / "config.toml"
    path.write_text(
        f'password = "{CONFIG_SECRET}"\n'
        + (SAMPLES / "personal.toml").read_text(encoding="utf-8")
        + f'\n[mail]\nsmtp = {{ passwd = "{CONFIG_SECRET}" }}\n',
        encoding="utf-8",
    )
    path.chmod(0o600)
    ran = 0
    for words, command in commands():
        if isinstance(command, click.Group) or "config_path" not in {
            p.name for p in command.params
        }:
            continue
        formats = getattr(
            next((p.type for p in command.params if p.name == "fmt"), None), "choices", ["text"]
        )
        for fmt in formats:
            fmt_args = ["--format", fmt] if len(formats) > 1 or fmt != "text" else []
            argv = [*words, *arguments_for(command), "--config", str(path), *fmt_args]
            result = run_cli(*argv, input="")
            assert result.exit_code in (0, 1, 2), (argv, result.output)
            assert CONFIG_SECRET not in result.output, argv
            assert CONFIG_SECRET[:8] not in result.output, argv
            ran += 1
    assert CONFIG_SECRET not in caplog.text
    assert ran >= 6
    report = run_cli("check", "--config", str(path), "--format", "json")
    keys = {f["data"].get("key") for f in json.loads(report.stdout)["findings"]}
    assert {"password", "mail.smtp.passwd"} <= keys  # named, so the user can remove it


def test_no_module_keeps_the_password_after_a_check(run_cli) -> None:
    """The strength verdict is shared by the checks of one run through a weak
    reference: once the run is over, no Secret with the password is left alive."""
    import gc

    from beianaudit.secret import Secret

    assert run_cli("password", "--password-stdin", input=PASSWORD + "\n").exit_code in (0, 1)
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, Secret) and o.reveal() == PASSWORD]
    assert alive == []
