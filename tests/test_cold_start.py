"""What each everyday command leaves unimported or unbuilt (issue 20): the benchmark
(benchmarks/cold_start.py) times them, these tests hold the shape."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.password import zxcvbn_speed
from tests.conftest import SAMPLES
from tests.fuzzing import budget


def test_a_short_password_does_not_build_the_set_of_all_words() -> None:
    from zxcvbn import matching

    # With the person's own words, as beianaudit calls it (zxcvbn's own calls, without
    # them, go to upstream's matcher and never build the set).
    dictionaries = {**matching.RANKED_DICTIONARIES, zxcvbn_speed.USER: {"zhangwei": 1}}
    zxcvbn_speed._cache.clear()
    zxcvbn_speed.bounded_dictionary_match("Zhangwei1990!", dictionaries)
    assert zxcvbn_speed._cache == {}
    zxcvbn_speed.bounded_dictionary_match("x" * (zxcvbn_speed.SHORT + 1), dictionaries)
    assert len(zxcvbn_speed._cache) == 1


def test_a_short_password_verdict_builds_no_set_of_all_words() -> None:
    from beianaudit.password.strength import evaluate

    zxcvbn_speed._cache.clear()
    evaluate("Zhang-Wei_1990!", [("zhangwei", "name")])  # mangled words, user inputs too
    assert zxcvbn_speed._cache == {}


@given(st.data())
def test_ranker_gives_the_same_rank_with_or_without_the_set_of_all_words(data) -> None:
    from zxcvbn import matching

    from beianaudit.password import chinese_matching

    dictionaries = {
        **matching.RANKED_DICTIONARIES,
        **chinese_matching.chinese_dictionaries(),
        zxcvbn_speed.USER: {"zhangwei": 1, "beian": 2},
    }
    pool = sorted({w for d in dictionaries.values() for w in list(d)[:300]})
    words = data.draw(
        st.lists(st.sampled_from(pool) | st.text("abcdeilnoswz", max_size=8), max_size=20)
    )
    short = chinese_matching._ranker(dictionaries, zxcvbn_speed.SHORT)
    long = chinese_matching._ranker(dictionaries, zxcvbn_speed.SHORT + 1)
    assert [short(w) for w in words] == [long(w) for w in words]


def modules_after(*args: str, stdin: str = "") -> set[str]:
    """The modules a fresh ``beianaudit ARGS`` process has imported when it ends."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.__stderr__.write('MODULES ' + ' '.join(sys.modules)))\n"
        f"sys.argv = ['beianaudit', *{list(args)!r}]\n"
        "from beianaudit.entry import main\nmain()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=stdin, capture_output=True, text=True, check=False
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    return set(line.split()[1:])


SAMPLE = str(SAMPLES / "personal.toml")


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--config", SAMPLE),
        ("url", "https://beian.miit.gov.cn.example.com/"),
        ("contacts", "show", "--config", SAMPLE),
        ("plan", "--situation", "forgot"),
    ],
)
def test_everyday_commands_import_no_network_or_metadata_machinery(args: tuple[str, ...]) -> None:
    loaded = modules_after(*args)
    assert "beianaudit.cli" in loaded
    for heavy in ("requests", "tldextract", "importlib.metadata", "email_validator"):
        assert heavy not in loaded, (args, heavy)
    assert "importlib.resources" not in loaded, args


def test_a_command_imports_its_own_module_only() -> None:
    from beianaudit.cli import COMMANDS

    loaded = modules_after("check", "--config", SAMPLE)
    mine = "beianaudit.commands.check"
    assert mine in loaded
    others = {target.partition(":")[0] for target in COMMANDS.values()} - {mine}
    assert not others & loaded


def test_the_lazy_commands_are_the_commands_of_their_modules() -> None:
    """Each name leads to the command its module defines, under that command's own
    name, and listing them imports them all, as adding each at import did."""
    import importlib

    from beianaudit.cli import COMMANDS, cli
    from beianaudit.commands.common import Context

    assert sorted(cli.list_commands(None)) == sorted(COMMANDS)  # type: ignore[arg-type]
    for name, target in COMMANDS.items():
        module, _, attr = target.partition(":")
        command = getattr(importlib.import_module(module), attr)
        assert cli.get_command(None, name) is command  # type: ignore[arg-type]
        assert command.name == name
        assert command.context_class is Context  # the group's own help, as add_command gives
        assert any(p.name == "color" for p in command.params)
    assert set(cli.commands) == set(COMMANDS)


def test_pinyin_readings_looked_up_in_the_json_text_equal_the_parsed_table() -> None:
    import json

    from beianaudit.password import personal_words

    table = personal_words._table()
    assert isinstance(table, personal_words._JsonTable)
    parsed = json.loads(table._text)
    assert len(parsed) > 40_000
    keys = list(parsed)
    for key in {*keys[::97], keys[0], keys[-1], str(ord("张")), str(ord("伟"))}:
        assert table.get(key, "") == parsed[key], key
    for missing in ("0", "65", "9999999", "1231"):
        assert table.get(missing, "?") == parsed.get(missing, "?")


def test_one_identifier_is_judged_without_parsing_the_region_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import date

    from beianaudit.identifiers import regions
    from beianaudit.identifiers.judgement import judge_subject_id

    regions._table.cache_clear()
    monkeypatch.setattr(regions, "_searched", 0)
    judge_subject_id("330106199003071236", "personal", date(2026, 11, 30))
    assert regions._table.cache_info().currsize == 0
    assert regions._searched > 0


def _run(
    env: dict[str, str], *args: str, preimport: bool, module: str = "keyring"
) -> tuple[int, str, str, bool]:
    """``beianaudit ARGS`` in a fresh process with ``env``, a password on stdin: exit
    code, stdout, stderr, and whether ``module`` ended up imported."""
    code = (
        "import atexit, sys\n"
        + ("import keyring\n" if preimport else "")
        + "atexit.register(lambda: sys.__stderr__.write("
        f"'\\nIMPORTED ' + str({module!r} in sys.modules)))\n"
        f"sys.argv = ['beianaudit', *{list(args)!r}]\n"
        "from beianaudit.entry import main\nmain()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input="Zhangwei1990!\n",
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    err, _, flag = done.stderr.rpartition("\nIMPORTED ")
    return done.returncode, done.stdout, err, flag == "True"


def _run_with(
    backend: str, *args: str, preimport: bool, module: str = "keyring"
) -> tuple[int, str, str, bool]:
    """:func:`_run` with PYTHON_KEYRING_BACKEND=``backend``."""
    import os

    env = {**os.environ, "PYTHON_KEYRING_BACKEND": backend}
    return _run(env, *args, preimport=preimport, module=module)


@pytest.mark.parametrize(
    "backend", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"]
)
@pytest.mark.parametrize(
    "args",
    [
        ("password", "--password-stdin", "--config", SAMPLE, "--format", "json"),
        ("password", "--password-stdin", "--remember", "--config", SAMPLE),
        ("password", "--forget", "--config", SAMPLE),
    ],
)
def test_a_keyring_turned_off_by_name_answers_as_keyring_would_without_importing_it(
    backend: str, args: tuple[str, ...]
) -> None:
    *fast, imported = _run_with(backend, *args, preimport=False)
    *slow, _ = _run_with(backend, *args, preimport=True)
    assert not imported
    assert fast == slow
    assert backend in fast[1] + fast[2]


def test_a_keyring_named_otherwise_is_still_asked() -> None:
    *_, imported = _run_with(
        "keyring.backends.fail.Keyring ",
        "password",
        "--forget",
        "--config",
        SAMPLE,
        preimport=False,
    )
    assert imported  # not exactly the name: keyring decides (here, it fails to load it)


def test_check_without_a_password_loads_no_strength_model() -> None:
    loaded = modules_after("check", "--config", SAMPLE)
    assert "beianaudit.checks.password" in loaded  # its checks are listed as skipped
    assert "beianaudit.password.strength" not in loaded
    assert "zxcvbn" not in loaded


SESSION_VARS = ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR")


def _headless(tmp_path, **extra: str) -> dict[str, str]:
    """A server's environment: no D-Bus session, no display, keyring not named."""
    import os

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in SESSION_VARS and not k.startswith("PYTHON_KEYRING")
    }
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path), **extra)
    return env


def _skip_with_session_libraries() -> None:
    from importlib.util import find_spec

    if any(find_spec(m) for m in ("gi", "dbus", "win32ctypes", "win32cred")):
        pytest.skip("a library that reaches a keyring without jeepney is installed here")


def _ba107(env: dict[str, str], preimport: bool) -> tuple[dict, bool]:
    """BA107 of ``password --password-stdin --format json`` in a fresh process, and
    whether keyring ended up imported."""
    import json

    args = ("password", "--password-stdin", "--config", SAMPLE, "--format", "json")
    _, out, _, imported = _run(env, *args, preimport=preimport)
    (ba107,) = [f for f in json.loads(out)["findings"] if f["check"] == "BA107"]
    return ba107, imported


@pytest.mark.parametrize("stale", [False, True])
def test_without_a_d_bus_session_keyring_is_not_imported_and_its_answer_kept(
    tmp_path, stale: bool
) -> None:
    """No session, or a D-Bus address whose socket is gone (jeepney cannot connect)."""
    from beianaudit.password import store

    _skip_with_session_libraries()
    gone = {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/gone/bus"} if stale else {}
    env = _headless(tmp_path, **gone)
    fast, imported = _ba107(env, preimport=False)
    slow, asked = _ba107(env, preimport=True)
    assert not imported
    assert asked
    assert fast["data"] == {"backend": store.SYSTEM_BACKEND, "reason": "no_session"}
    # keyring's own search refuses too: both are "no keyring", an info that compares nothing
    assert slow["severity"] == fast["severity"] == "info"
    assert slow["data"]["reason"] in {"none", "not_encrypted"}


@pytest.mark.parametrize(
    "extra",
    [
        {"DBUS_SESSION_BUS_ADDRESS": "unix:path={tmp}/bus"},  # a file there: maybe a socket
        {"DISPLAY": ":0"},
        {"WAYLAND_DISPLAY": "wayland-0"},
        {"PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring"},
        {"keyringrc": "[backend]\ndefault-keyring=keyring.backends.null.Keyring\n"},
    ],
)
def test_a_session_or_a_named_keyring_is_asked_of_keyring(tmp_path, extra: dict) -> None:
    extra = {k: v.format(tmp=tmp_path) for k, v in extra.items()}
    (tmp_path / "bus").write_text("")
    rc = extra.pop("keyringrc", None)
    if rc is not None:
        (tmp_path / "config" / "python_keyring").mkdir(parents=True)
        (tmp_path / "config" / "python_keyring" / "keyringrc.cfg").write_text(rc)
    ba107, imported = _ba107(_headless(tmp_path, **extra), preimport=False)
    assert imported
    assert ba107["severity"] == "info"
    assert ba107["data"]["reason"] != "no_session"


@pytest.mark.parametrize(
    "address", ["", "unix:path={tmp}/gone", "unix:path={tmp}/gone%2fbus;unix:abstract=x"]
)
def test_no_session_means_no_trusted_backend_can_run(monkeypatch, tmp_path, address) -> None:
    """What the shortcut assumes, asked of keyring itself: when ``_no_session`` says so
    (no D-Bus address, or one whose socket is gone), every backend on the allow-list
    refuses to run (its ``priority`` raises)."""
    import keyring.core
    from keyring.core import _load_keyring_class

    from beianaudit.password import store

    for var in SESSION_VARS:
        monkeypatch.delenv(var, raising=False)
    if address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address.format(tmp=tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    _skip_with_session_libraries()
    assert store._no_session()
    for name in store.ENCRYPTING:
        cls = _load_keyring_class(name)
        with pytest.raises(Exception):  # noqa: B017, PT011 - RuntimeError, ImportError…
            cls.priority  # noqa: B018
    assert not keyring.core._config_path().exists()


@pytest.mark.parametrize("xdg", ["", "relative", "absolute"])
def test_the_keyring_config_file_looked_for_is_keyrings_own(monkeypatch, tmp_path, xdg) -> None:
    from keyring.core import _config_path

    from beianaudit.password import store

    for var in SESSION_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / xdg) if xdg == "absolute" else xdg)
    monkeypatch.chdir(tmp_path)
    path = _config_path()
    _skip_with_session_libraries()
    assert store._no_session()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[backend]\n")
    assert not store._no_session()


def test_a_password_run_without_a_keyring_loads_no_openssl(tmp_path) -> None:
    """The keyring account's digest (hashlib: OpenSSL's start-up) is computed only when
    a keyring is reached."""
    args = ("check", "--password-stdin", "--config", str(SAMPLE))
    *_, imported = _run_with(
        "keyring.backends.fail.Keyring", *args, preimport=False, module="hashlib"
    )
    assert not imported


def test_a_plan_without_a_config_parses_no_toml(monkeypatch, tmp_path) -> None:
    """The plan's data is read from its JSON twins (tests/test_data_json.py)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    loaded = modules_after("plan", "--situation", "forgot", "--subject", "personal")
    assert "beianaudit.recovery.plan" in loaded
    assert "tomllib" not in loaded


def test_the_keyboard_walk_table_is_built_as_key_by_key() -> None:
    """The table built from slices equals the one built key by key, every entry."""
    from beianaudit.password.chinese_matching import KEYBOARD, SHIFTED, _chunks

    reference: dict[str, list[tuple[str, int, int, int, int]]] = {}
    lines = [("row", r, KEYBOARD[r], SHIFTED[r]) for r in range(4)]
    lines += [
        ("col", c, "".join(row[c] for row in KEYBOARD), "".join(row[c] for row in SHIFTED))
        for c in range(10)
    ]
    for axis, index, plain, shifted in lines:
        for length in range(2, 7 if axis == "row" else 5):
            for start in range(len(plain) - length + 1):
                for step in (1, -1):
                    keys = list(range(start, start + length))[::step]
                    forms = {
                        "".join(plain[k] for k in keys),
                        "".join(shifted[k] for k in keys),
                        shifted[keys[0]] + "".join(plain[k] for k in keys[1:]),
                        "".join(plain[k] for k in keys[:-1]) + shifted[keys[-1]],
                    }
                    for form in forms:
                        reference.setdefault(form, []).append((axis, index, start, length, step))
    assert _chunks() == reference
    assert len(reference) > 500


_ADDRESS_PART = st.sampled_from(
    [
        "unix:path={tmp}/gone",
        "unix:path={tmp}/here",
        "unix:path={tmp}/h%65re",
        "unix:path={tmp}/g%6fne",
        "unix:abstract=/x",
        "unix:tmpdir=/tmp",
        "unix:guid=1,path={tmp}/here",
        "tcp:host=localhost,port=1",
        "unix:",
        "unix",
        "unix:path",
        "",
    ]
)


@given(st.lists(_ADDRESS_PART, min_size=1, max_size=3))
@budget(60)
def test_a_stale_bus_address_is_one_jeepney_cannot_connect_to(parts: list[str]) -> None:
    """``_stale_bus_address`` parses the address as jeepney does: when it says the
    socket is gone, jeepney's session bus is that very path, and nothing is there."""
    import os
    import tempfile

    from jeepney.bus import find_session_bus

    from beianaudit.password import store

    with tempfile.TemporaryDirectory() as tmp:
        open(os.path.join(tmp, "here"), "w").close()
        address = ";".join(parts).format(tmp=tmp)
        old = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        try:
            stale = store._stale_bus_address()
            try:
                target = find_session_bus()
            except Exception:  # jeepney refuses the address: it connects to nothing
                target = None
        finally:
            if old is None:
                del os.environ["DBUS_SESSION_BUS_ADDRESS"]
            else:
                os.environ["DBUS_SESSION_BUS_ADDRESS"] = old
        if stale:
            assert target is not None, address
            assert not os.path.lexists(target), (address, target)
        if target is not None and not target.startswith("\0") and not os.path.lexists(target):
            assert stale, address
