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
from hypothesis import given
from hypothesis import strategies as st
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


def install(backend: KeyringBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``backend`` the keyring; one that fails (failing, locked) is trusted as a real
    encrypting keyring would be, so that its calls are made and their failures met."""
    from beianaudit.password import store

    keyring.set_keyring(backend)
    if isinstance(backend, Failing | Locked):
        monkeypatch.setattr(store, "ENCRYPTING", store.ENCRYPTING | {store.name_of(backend)})


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
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    chosen = BACKENDS[backend]()
    if isinstance(chosen, PlainFile):
        chosen.file = tmp_path / "xdg-data" / "plaintext-keyring.cfg"
    install(chosen, monkeypatch)
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
    run_cli, tmp_path: Path, config: str, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = BACKENDS[backend]()
    if isinstance(chosen, PlainFile):
        chosen.file = tmp_path / "plaintext-keyring.cfg"
    install(chosen, monkeypatch)
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


# --- real keyring backends (issue 14) -----------------------------------------------------
#
# Trust is decided by what a backend is, never by the priority it claims; every state a
# keyring can be in (none, null, plaintext or weakly encrypted file, raising on get, set
# or delete, locked, unreachable, hanging) is "no keyring here": BA107 says so once as
# info and the other checks run; --remember and --forget end with status 3, one line.

STRONG_RUN = ("password", "--password-stdin", "--format", "json")


def _alt_file_backend(kind: str, tmp_path: Path) -> KeyringBackend:
    import getpass

    from keyrings.alt import file as alt_file

    backend = alt_file.PlaintextKeyring() if kind == "plaintext" else alt_file.EncryptedKeyring()
    backend.file_path = str(tmp_path / f"keyrings-alt-{kind}.cfg")
    if kind == "encrypted":
        # Touching it would ask for its own keyring password in the middle of ours.
        def no_prompt(*args: object, **kw: object) -> str:
            raise AssertionError("keyrings.alt asked for its password: it was used")

        backend._get_new_password = no_prompt  # type: ignore[attr-defined]
        getpass.getpass = no_prompt  # restored by the fixture below
    return backend


@pytest.fixture
def restore_getpass():
    import getpass

    real = getpass.getpass
    yield
    getpass.getpass = real


def _real_backend(kind: str, tmp_path: Path) -> KeyringBackend:
    from keyring.backends import null

    if kind == "fail":
        return fail.Keyring()
    if kind == "null":
        return null.Keyring()
    return _alt_file_backend(kind, tmp_path)


@pytest.mark.parametrize("kind", ["fail", "null", "plaintext", "encrypted"])
def test_real_backends_that_do_not_protect_a_password_are_refused(
    run_cli, restore_getpass, tmp_path: Path, config: str, kind: str, caplog
) -> None:
    backend = _real_backend(kind, tmp_path)
    keyring.set_keyring(backend)
    checked = run_cli(*STRONG_RUN, "--config", config, input=PASSWORD + "\n")
    assert checked.exit_code == 0, checked.output  # a strong password stays ok: true
    report = json.loads(checked.stdout)
    assert report["ok"] is True
    (ba107,) = [f for f in report["findings"] if f["check"] == "BA107"]
    assert ba107["severity"] == "info"
    assert ba107["data"]["reason"] == ("none" if kind in ("fail", "null") else "not_encrypted")
    remembered = run_cli(*STRONG_RUN, "--remember", "--config", config, input=PASSWORD + "\n")
    assert remembered.exit_code == 3, remembered.output
    assert remembered.stderr.count("not remembered") == 1
    forgot = run_cli("password", "--forget", "--config", config)
    assert forgot.exit_code == 3
    assert len(forgot.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("keyrings-alt-*"))  # never written, not even created
    assert not leaks(remembered, tmp_path, caplog)


def test_a_plaintext_backend_claiming_a_high_priority_is_still_refused(
    run_cli, tmp_path: Path, config: str
) -> None:
    from keyrings.alt import file as alt_file

    class Boastful(alt_file.PlaintextKeyring):
        priority = 9  # type: ignore[assignment]

    backend = Boastful()
    backend.file_path = str(tmp_path / "boastful.cfg")
    keyring.set_keyring(backend)
    result = run_cli(*STRONG_RUN, "--remember", "--config", config, input=PASSWORD + "\n")
    assert result.exit_code == 3
    assert not (tmp_path / "boastful.cfg").exists()


def test_trust_is_by_exact_class_name() -> None:
    from keyring.backends import SecretService, kwallet, libsecret

    from beianaudit.password import store

    class LooksLikeSecretService(SecretService.Keyring):  # a subclass may store anywhere
        pass

    assert store.trusted(SecretService.Keyring())
    assert store.trusted(libsecret.Keyring())
    assert store.trusted(kwallet.DBusKeyring())
    assert not store.trusted(LooksLikeSecretService())
    for name in store.ENCRYPTING:  # every name on the list is a class keyring ships
        module, _, cls = name.rpartition(".")
        assert cls in vars(__import__(module, fromlist=[cls])), name


def test_a_chain_stores_only_in_its_encrypting_member(
    run_cli, memory_keyring, tmp_path: Path, config: str
) -> None:
    from keyring.backends import chainer
    from keyrings.alt import file as alt_file

    plain = alt_file.PlaintextKeyring()
    plain.file_path = str(tmp_path / "plain.cfg")

    class Chain(chainer.ChainerBackend):
        backends = (plain, memory_keyring)  # the plaintext file first, as by priority

    keyring.set_keyring(Chain())
    result = run_cli(*STRONG_RUN, "--remember", "--config", config, input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert list(memory_keyring.store.values()) == [PASSWORD]
    assert not (tmp_path / "plain.cfg").exists()


class _Raises(Exception):
    pass


@pytest.mark.parametrize("error", [_Raises, KeyringLocked, RuntimeError])
@pytest.mark.parametrize("method", ["get_password", "set_password", "delete_password"])
def test_a_backend_raising_on_any_call_is_no_keyring(
    run_cli,
    memory_keyring,
    monkeypatch: pytest.MonkeyPatch,
    config: str,
    method: str,
    error: type[Exception],
) -> None:
    from beianaudit.password import store

    store.save(store_config(config), _secret("an old one, kept"))

    def raises(*args: str) -> None:
        raise error(f"backend broke holding {args}")  # the message quotes the password

    monkeypatch.setattr(memory_keyring, method, raises)
    checked = run_cli(*STRONG_RUN, "--config", config, input=PASSWORD + "\n")
    ba107 = [f for f in json.loads(checked.stdout)["findings"] if f["check"] == "BA107"]
    if method == "get_password":
        assert [f["data"]["reason"] for f in ba107] == [error.__name__]
        assert checked.exit_code == 0
    remembered = run_cli(*STRONG_RUN, "--remember", "--config", config, input=PASSWORD + "\n")
    forgot = run_cli("password", "--forget", "--config", config)
    # get or set raised: nothing (verifiably) stored; delete is not needed to store
    assert remembered.exit_code == (0 if method == "delete_password" else 3), remembered.output
    assert forgot.exit_code == (0 if method == "set_password" else 3), forgot.output
    for result in (checked, remembered, forgot):
        assert "internal error" not in result.output
        assert PASSWORD not in result.output
        assert "kept" not in result.output


def test_a_backend_that_hangs_is_no_keyring(
    run_cli, memory_keyring, monkeypatch: pytest.MonkeyPatch, config: str
) -> None:
    """A keyring that never answers (D-Bus waiting on a service that never starts) is
    given up after store.TIMEOUT: an info line, not a hung audit."""
    import threading

    from beianaudit.password import store

    release = threading.Event()
    monkeypatch.setattr(store, "TIMEOUT", 0.05)
    monkeypatch.setattr(memory_keyring, "get_password", lambda *a: release.wait())
    try:
        checked = run_cli(*STRONG_RUN, "--config", config, input=PASSWORD + "\n")
    finally:
        release.set()
    assert checked.exit_code == 0, checked.output
    (ba107,) = [f for f in json.loads(checked.stdout)["findings"] if f["check"] == "BA107"]
    assert ba107["data"]["reason"] == "timeout"
    assert "did not answer" in ba107["message"]


def test_secret_service_without_d_bus_as_over_ssh(tmp_path: Path, config: str) -> None:
    """The issue's case, as a user meets it: SecretService named in keyringrc.cfg, no
    D-Bus session, beianaudit run as a process of its own."""
    import os
    import subprocess
    import sys

    rc = tmp_path / "xdg-config" / "python_keyring" / "keyringrc.cfg"
    rc.parent.mkdir(parents=True, exist_ok=True)
    rc.write_text("[backend]\ndefault-keyring=keyring.backends.SecretService.Keyring\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "PYTHON_KEYRING"))}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "xdg-config"), LANG="C.UTF-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "beianaudit", *args, "--config", config],
            input=PASSWORD + "\n",
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    checked = run(*STRONG_RUN)
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert report["ok"] is True
    (ba107,) = [f for f in report["findings"] if f["check"] == "BA107"]
    assert ba107["severity"] == "info"
    assert "SecretService" in ba107["message"]  # named, as the user configured it
    assert not [f for f in report["findings"] if f["check"] == "BA001"]
    remembered = run(*STRONG_RUN, "--remember")
    assert remembered.returncode == 3
    assert "internal error" not in remembered.stderr
    forgot = run("password", "--forget")
    assert forgot.returncode == 3
    assert len(forgot.stderr.strip().splitlines()) == 1
    assert "internal error" not in forgot.stderr


# --- one slot per subject ------------------------------------------------------------------

TWINS = ("330106199003071236", "330106198807151236")  # same first four, same last four


def store_config(path_or_id: str):
    """A Config whose subject id is ``path_or_id``, or the one loaded from that path."""
    from beianaudit import config as config_module

    if Path(path_or_id).exists():
        return config_module.load(Path(path_or_id))
    return config_module.Config(
        path=Path(), subject=config_module.Subject(type="personal", id=path_or_id)
    )


def _secret(value: str):
    from beianaudit.secret import Secret

    return Secret(value)


def test_two_subjects_whose_ids_share_both_ends_have_two_slots(memory_keyring) -> None:
    from beianaudit.password import store

    first, second = (store_config(i) for i in TWINS)
    assert store.legacy_account(first) == store.legacy_account(second)  # the old clash
    assert store.account(first) != store.account(second)
    store.save(first, _secret("first subject's password"))
    store.save(second, _secret("second subject's password"))
    assert store.load(first).reveal() == "first subject's password"
    assert store.load(second).reveal() == "second subject's password"


@given(st.from_regex(r"[0-9A-Z]{15,18}", fullmatch=True))
def test_the_account_hides_the_middle_of_any_id(subject_id: str) -> None:
    from beianaudit.password import store

    name = store.account(store_config(subject_id))
    masked, _, digest = name.rpartition("#")
    assert masked == subject_id[:4] + "*" * (len(subject_id) - 8) + subject_id[-4:]
    assert len(digest) == 8
    assert set(digest) <= set("0123456789abcdef")
    assert subject_id[4:-4] not in name


def test_a_password_kept_by_0_1_is_found_and_moved(memory_keyring) -> None:
    """An upgrade loses nothing: the old shared slot is read when the new one is empty,
    the next save moves it, and forget empties both."""
    from beianaudit.password import store

    subject = store_config(TWINS[0])
    legacy = ("beianaudit", store.legacy_account(subject))
    memory_keyring.store[legacy] = "kept by 0.1"
    assert store.load(subject).reveal() == "kept by 0.1"
    store.save(subject, _secret("the new one"))
    assert memory_keyring.store == {("beianaudit", store.account(subject)): "the new one"}
    memory_keyring.store[legacy] = "kept by 0.1"
    assert store.forget(subject) is True
    assert memory_keyring.store == {}
    assert store.forget(subject) is False


# --- keyring's search, shortened to this platform's trusted backends (issue 20) -------------


def test_the_platform_backends_are_all_on_the_allow_list() -> None:
    from beianaudit.password import store

    assert {n for names in store.PLATFORM_BACKENDS.values() for n in names} <= store.ENCRYPTING


@pytest.fixture
def unset_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """keyring as a fresh process finds it: nothing set, nothing named, no config file;
    keyring's own search starts afresh (its result is cached once per process)."""
    import keyring.backend
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    keyring.backend._load_plugins()  # every backend module imported, as by a search
    # keyring's search considers every backend class ever defined in the process: not
    # the ones other tests defined, which a real process does not have
    shipped = {
        cls
        for cls in keyring.backend.KeyringBackend._classes
        if cls.__module__.startswith(("keyring.", "keyrings."))
    }
    monkeypatch.setattr(keyring.backend.KeyringBackend, "_classes", shipped)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "keyring-config"))
    vars(keyring.backend.get_all_keyring).pop("saved_result", None)
    yield
    vars(keyring.backend.get_all_keyring).pop("saved_result", None)


def _runnable(request: pytest.FixtureRequest, **priorities: float) -> None:
    """Make keyring's own backends (``SecretService.Keyring``…) claim these priorities,
    as if they could run here (until the test ends; monkeypatch would read the
    property first, which raises where the backend cannot run)."""
    from keyring.core import _load_keyring_class

    for name, priority in priorities.items():
        cls = _load_keyring_class(f"keyring.backends.{name}")
        old = vars(cls).get("priority")
        cls.priority = priority

        def undo(cls: type = cls, old: object = old) -> None:
            if old is None:
                del cls.priority
            else:
                cls.priority = old

        request.addfinalizer(undo)


def _keyrings_own_choice():
    """What _backend uses after keyring's full search (plugins and all)."""
    import keyring.core
    from keyring.backends import chainer

    from beianaudit.password import store

    found = keyring.core._detect_backend()
    members = found.backends if isinstance(found, chainer.ChainerBackend) else [found]
    usable = [b for b in members if store.trusted(b)]
    return type(usable[0]) if usable else None


def _no_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    from beianaudit import registry

    real = registry.installed_entry_points
    monkeypatch.setattr(
        registry,
        "installed_entry_points",
        lambda group=registry.GROUP: [e for e in real(group) if e.dist_name == "keyring"],
    )


@pytest.mark.parametrize(
    "priorities",
    [
        {"SecretService.Keyring": 5},
        {"SecretService.Keyring": 5, "kwallet.DBusKeyring": 5.1},
        {"SecretService.Keyring": 5, "kwallet.DBusKeyring": 4.9, "libsecret.Keyring": 4.8},
        {"libsecret.Keyring": 4.8},
    ],
)
def test_the_platform_search_finds_what_keyrings_search_gives(
    unset_keyring, monkeypatch, request, priorities: dict[str, float]
) -> None:
    import sys

    from beianaudit.password import store

    if not sys.platform.startswith("linux"):
        pytest.skip("the Linux backends")
    _runnable(request, **priorities)
    _no_plugins(monkeypatch)
    mine = store._platform_backend()
    assert mine is not None
    assert type(mine) is _keyrings_own_choice()
    assert store.trusted(mine)


def test_the_platform_search_leaves_the_rest_to_keyring(
    unset_keyring, monkeypatch, request, tmp_path: Path
) -> None:
    import sys

    import keyring
    from keyring.backends import null

    from beianaudit import registry
    from beianaudit.password import store

    if not sys.platform.startswith("linux"):
        pytest.skip("the Linux backends")
    _runnable(request, **{"SecretService.Keyring": 5})
    # a plugin installed (here keyrings.alt, a test dependency): keyring's search loads it
    plugins = registry.installed_entry_points("keyring.backends")
    assert any(e.dist_name != "keyring" for e in plugins)
    assert store._platform_backend() is None
    _no_plugins(monkeypatch)
    assert store._platform_backend() is not None
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    assert store._platform_backend() is None  # named: keyring loads that one
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    rc = tmp_path / "keyring-config" / "python_keyring" / "keyringrc.cfg"
    rc.parent.mkdir(parents=True)
    rc.write_text("[backend]\ndefault-keyring=keyring.backends.null.Keyring\n")
    assert store._platform_backend() is None  # named in keyring's config file
    rc.unlink()
    keyring.set_keyring(null.Keyring())
    assert store._platform_backend() is None  # set by the program: keyring's own
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    _runnable(request, **{"SecretService.Keyring": 0})
    assert store._platform_backend() is None  # none can run: keyring names what it finds


def _keyrings_own_search_without_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """keyring's full search as on an install without plugins (without keyrings.alt, a
    test dependency): its own entry points and backend classes only."""
    import importlib

    import keyring.backend

    from beianaudit import registry

    own = [e for e in registry.installed_entry_points("keyring.backends")]
    own = [e for e in own if e.dist_name == "keyring"]
    monkeypatch.setattr(
        keyring.backend, "_load_plugins", lambda: [importlib.import_module(e.value) for e in own]
    )
    classes = {c for c in keyring.backend.KeyringBackend._classes if c.__module__[:8] == "keyring."}
    monkeypatch.setattr(keyring.backend.KeyringBackend, "_classes", classes)
    _no_plugins(monkeypatch)


@pytest.mark.parametrize("bus", [None, "missing", "not-a-socket", "abstract"])
def test_when_no_trusted_backend_can_run_the_platform_search_gives_keyrings_choice(
    unset_keyring, monkeypatch, tmp_path: Path, bus: str | None
) -> None:
    """No plugin and no trusted backend that runs (no D-Bus session, a stale address):
    keyring's own search picks its ``fail`` backend, found here without that search."""
    import sys

    import keyring.core
    from keyring.backends import fail

    from beianaudit.password import store

    if not sys.platform.startswith("linux"):
        pytest.skip("the Linux backends")
    for var in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "not-a-socket").write_text("")
    addresses = {
        "missing": f"unix:path={tmp_path / 'missing'}",
        "not-a-socket": f"unix:path={tmp_path / 'not-a-socket'}",
        "abstract": "unix:abstract=/beianaudit-test-no-such-bus",
    }
    if bus is not None:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", addresses[bus])
    _keyrings_own_search_without_plugins(monkeypatch)
    mine = store._platform_backend()
    theirs = keyring.core._detect_backend()
    assert type(mine) is type(theirs)
    if not any(store.trusted(b) for b in [theirs, *getattr(theirs, "backends", [])]):
        assert type(mine) is fail.Keyring  # nothing here that beianaudit would use
        with pytest.raises(store.StoreUnavailable) as refused:
            store._backend()
        assert (refused.value.backend, refused.value.reason) == (store.name_of(theirs), "none")


def test_a_chain_of_untrusted_keyrings_is_named_by_its_members(
    run_cli, tmp_path: Path, config: str
) -> None:
    """keyring chains the backends it finds (keyrings.alt's files, say); BA107 names
    what the chain held, which the person can act on, not keyring's chain class."""
    from keyring.backends import chainer
    from keyrings.alt import file as alt_file

    plain = alt_file.PlaintextKeyring()
    plain.file_path = str(tmp_path / "plain.cfg")

    class Chain(chainer.ChainerBackend):
        backends = (plain,)

    keyring.set_keyring(Chain())
    result = run_cli(*STRONG_RUN, "--config", config, "--format", "json", input=PASSWORD + "\n")
    (ba107,) = [f for f in json.loads(result.output)["findings"] if f["check"] == "BA107"]
    expected = {"backend": "keyrings.alt.file.PlaintextKeyring", "reason": "not_encrypted"}
    assert ba107["data"] == expected
    assert "Chainer" not in ba107["message"]
