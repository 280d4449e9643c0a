"""``beianaudit password`` and ``check --password-stdin``: the commands a user runs."""

from __future__ import annotations

import json
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit import registry
from beianaudit.context import Context
from beianaudit.finding import Finding
from beianaudit.registry import check
from beianaudit.secret import Secret
from tests.conftest import SAMPLES
from tests.fuzzing import budget

PERSONAL = str(SAMPLES / "personal.toml")
STRONG = "Kx9#mQ2v!Lp7"
STRONG_2 = "Blue7!Window%Sand"


def run_password(run_cli, password: str, *args: str, config: object = PERSONAL):
    return run_cli(
        "password", "--password-stdin", "--config", str(config), *args, input=password + "\n"
    )


def ids(result) -> dict[str, str]:
    return {f["check"]: f["severity"] for f in json.loads(result.stdout)["findings"]}


def test_strong_password_passes(run_cli) -> None:
    result = run_password(run_cli, STRONG, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True
    assert (data["score"], data["min_score"]) == (4, 3)
    assert ids(result) == {"BA105": "info", "BA107": "info"}  # score, and no keyring here


@pytest.mark.parametrize(
    ("password", "check_id"),
    [
        ("Kx9#mQ2", "BA101"),
        ("kx9#mq2v!lp7", "BA102"),
        ("Kx9#mQ2v!Lp7admin", "BA103"),
        ("Kx9#mQ2v!Lp7Ａ", "BA104"),
        ("Woaini@1314", "BA105"),
    ],
)
def test_each_rule_fails_the_command(run_cli, password: str, check_id: str) -> None:
    result = run_password(run_cli, password, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["ok"] is False
    assert ids(result)[check_id] == "error"


def test_policy_is_configurable(run_cli, write_config) -> None:
    path = write_config(
        '[subject]\ntype = "personal"\n[policy]\nmin_length = 20\nmin_classes = 2\n'
        'min_score = 4\nbanned = ["lake"]\n'
    )
    found = ids(run_password(run_cli, "Tiger#Lake42", "--format", "json", config=path))
    assert found["BA101"] == found["BA103"] == found["BA105"] == "error"
    assert "BA102" not in found


@pytest.mark.parametrize(
    ("password", "named"), [("Kx9#mQ2v!Lp7admin", ["admin"]), ("Admin1!", []), ("123456", [])]
)
def test_a_banned_word_that_is_the_password_is_not_named(run_cli, password, named) -> None:
    result = run_password(run_cli, password, "--format", "json")
    finding = next(f for f in json.loads(result.stdout)["findings"] if f["check"] == "BA103")
    assert finding["data"] == {"banned": named, "count": 1}
    if not named:
        assert password.lower() not in json.dumps(finding).lower()


def test_personal_data_is_a_warning_named_by_kind(run_cli) -> None:
    result = run_password(run_cli, "Rt!zhangwei#Yk7Qp", "--format", "json")
    finding = next(f for f in json.loads(result.stdout)["findings"] if f["check"] == "BA106")
    assert finding["severity"] == "warning"  # the rest, Rt!#Yk7Qp, is strong alone
    assert finding["data"]["kinds"] == ["name"]
    assert finding["data"]["rest_score"] >= 3


@pytest.mark.parametrize(
    "password", ["Abcd@1990zhangwei", "Zhangwei1990@Beian", "13912345678Zw!", "Zw@0307x"]
)
def test_personal_data_with_a_weak_rest_is_an_error(run_cli, password: str) -> None:
    """Name, birth date or phone plus a few easy characters: the rest alone is weak."""
    result = run_password(run_cli, password, "--format", "json")
    finding = next(f for f in json.loads(result.stdout)["findings"] if f["check"] == "BA106")
    assert finding["severity"] == "error"
    assert finding["data"]["rest_score"] < 3
    assert result.exit_code == 1


def test_full_width_is_judged_as_it_will_be_typed(run_cli) -> None:
    """Ａｂｃ１２３４５６７８！ is Abc12345678! once the input method is fixed: BA104 says
    so, and BA103 already names the banned 123456 in it (no second rejection later)."""
    result = run_password(run_cli, "Ａｂｃ１２３４５６７８！", "--format", "json")
    found = ids(result)
    assert found["BA104"] == found["BA103"] == "error"
    assert "BA102" not in found  # full-width letters and digits are those classes, typed right
    plain = ids(run_password(run_cli, "Abc12345678!", "--format", "json"))
    assert found["BA105"] == plain["BA105"]


def test_a_compatibility_character_is_not_expanded(run_cli) -> None:
    """ﷺ is one character at the login page; judged as its eighteen-letter
    expansion, twelve of them looked strong."""
    found = ids(run_password(run_cli, "ﷺ" * 12, "--format", "json"))
    assert found["BA105"] == "error"


@pytest.mark.parametrize(
    ("password", "kind"),
    [
        ("Ｐａｓｓ！word1A", "position 1: a full-width character"),
        ("Ab1!x密码", "position 6: a Chinese or other wide character"),
    ],
)
def test_odd_characters_are_named_by_position_and_kind_only(
    run_cli, password: str, kind: str
) -> None:
    """BA104 says where and what kind, never which character: a code point spells the
    password out (U+5BC6 U+7801 is 密码; U+FF30 is P), in text and JSON alike."""
    result = run_password(run_cli, password)
    assert result.exit_code == 1
    assert kind in result.output
    assert "U+" not in result.output
    hidden = [char for char in password if not char.isascii()]
    for char in hidden:
        assert char not in result.output
    finding = next(
        f
        for f in json.loads(run_password(run_cli, password, "--format", "json").stdout)["findings"]
        if f["check"] == "BA104"
    )
    text = json.dumps(finding, ensure_ascii=False)
    assert "U+" not in text
    assert not any(char in text for char in hidden)
    for named in finding["data"]["characters"]:
        assert set(named) == {"position", "kind"}


def test_full_width_names_three_of_five(run_cli) -> None:
    result = run_password(run_cli, "Ｐａｓｓ！word1A")
    assert "and 2 more" in result.output  # three named, not the whole password
    finding = next(
        f
        for f in json.loads(run_password(run_cli, "Ｐａｓｓ！word1A", "--format", "json").stdout)[
            "findings"
        ]
        if f["check"] == "BA104"
    )
    assert finding["data"]["count"] == 5
    assert [c["position"] for c in finding["data"]["characters"]] == [1, 2, 3]


@pytest.mark.parametrize("typed", ["", "Kx9#mQ2v!Lp7\n"], ids=["nothing", "no repeat"])
def test_a_closed_prompt_is_a_usage_error(run_cli, typed: str) -> None:
    """Ctrl-D or no input at the hidden prompt: exit 2 (not 1, "weak"), one line."""
    result = run_cli("password", "--config", PERSONAL, input=typed)
    assert result.exit_code == 2
    assert "--password-stdin" in result.stderr
    assert "Kx9" not in result.output


def test_no_config_is_fine_without_config_option(run_cli) -> None:
    result = run_cli("password", "--password-stdin", "--format", "json", input=STRONG + "\n")
    assert result.exit_code == 0, result.output


def test_broken_config_is_exit_2(run_cli, write_config) -> None:
    result = run_cli(
        "password",
        "--password-stdin",
        "--config",
        str(write_config("[subject")),
        input=STRONG + "\n",
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_hidden_prompt_asks_twice(run_cli) -> None:
    result = run_cli("password", "--config", PERSONAL, input=f"{STRONG}\n{STRONG}\n")
    assert result.exit_code == 0
    assert STRONG not in result.output
    mismatch = run_cli("password", "--config", PERSONAL, input=f"{STRONG}\nOther1!x\n" * 3)
    assert mismatch.exit_code != 0
    assert "match" in mismatch.output.lower()


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"\n", "no password"), (b"\xff\xfeab\n", "not UTF-8"), (b"a" * 20000, "longer than")],
)
def test_bad_stdin_is_one_line_exit_2(run_cli, data: bytes, message: str) -> None:
    result = run_cli("password", "--password-stdin", input=data)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_long_password_is_judged(run_cli) -> None:
    result = run_password(run_cli, STRONG * 17, "--format", "json")
    assert result.exit_code == 0
    strength = next(f for f in json.loads(result.stdout)["findings"] if f["check"] == "BA105")
    assert strength["data"]["judged_characters"] == 72
    assert "first 72 characters" in strength["message"]


def test_chinese_output(run_cli) -> None:
    result = run_password(run_cli, "Woaini@1314", "--lang", "zh_CN")
    assert "错误" in result.output
    assert "常见的中文密码" in result.output
    assert "Add another word" not in result.output


# --- old vs new, through the keyring ---------------------------------------------------


def test_remember_then_a_variant_is_an_error(run_cli, memory_keyring) -> None:
    first = run_password(run_cli, "Beian@2025xQ!v", "--remember")
    assert first.exit_code in (0, 1)
    # The account is the subject ID masked, as a keyring's window shows it to anyone, and a
    # digest of the whole ID, so that two IDs with the same ends have slots of their own.
    account = "3301**********1236#03c433f1"
    assert memory_keyring.store == {("beianaudit", account): "Beian@2025xQ!v"}
    second = run_password(run_cli, "Beian@2026xQ!v", "--format", "json")
    assert ids(second)["BA107"] == "error"
    other = run_password(run_cli, STRONG, "--format", "json")
    assert "BA107" not in ids(other)


def test_how_different_is_set_in_the_policy(run_cli, memory_keyring, write_config) -> None:
    old, new = "Kx9#mQ2v!Lp7Tz5&", "Kx9#mQ2v!Lp7Ab1*"  # 4 of 16 characters changed
    memory_keyring.store[("beianaudit", "3301**********1236")] = old
    text = Path(PERSONAL).read_text("utf-8")
    for percent, verdict in ((25, "error"), (10, None)):
        setting = f"min_change_percent = {percent}"
        path = write_config(text.replace("min_change_percent = 25", setting))
        result = run_password(run_cli, new, "--format", "json", config=path)
        assert ids(result).get("BA107") == verdict


def test_remember_asks_when_interactive(run_cli, memory_keyring) -> None:
    said_no = run_cli(
        "password", "--remember", "--config", PERSONAL, input=f"{STRONG}\n{STRONG}\nn\n"
    )
    assert memory_keyring.store == {}
    assert said_no.exit_code == 3  # nothing stored: `--remember && echo saved` must not lie
    run_cli("password", "--remember", "--config", PERSONAL, input=f"{STRONG}\n{STRONG}\ny\n")
    assert list(memory_keyring.store.values()) == [STRONG]


def test_forget(run_cli, memory_keyring) -> None:
    run_password(run_cli, STRONG, "--remember")
    assert memory_keyring.store
    result = run_cli("password", "--forget", "--config", PERSONAL)
    assert result.exit_code == 0
    assert "Removed" in result.output
    assert memory_keyring.store == {}
    assert "Nothing" in run_cli("password", "--forget", "--config", PERSONAL).output


def test_no_keyring_is_said_once_and_never_crashes(run_cli) -> None:
    result = run_password(run_cli, STRONG, "--remember")
    assert result.exit_code == 3  # the report is out; what --remember asked for did not happen
    assert result.output.count("no secure keyring") == 1
    assert "not remembered" in result.stderr  # the answer to --remember, on stderr
    assert run_cli("password", "--forget").exit_code == 3


def test_plaintext_backends_are_refused(monkeypatch) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    from beianaudit.password import store

    class PlainFile(KeyringBackend):
        priority = 0.5  # type: ignore[assignment]

        def get_password(self, service, username):
            return None

        def set_password(self, service, username, password):
            raise AssertionError("must not be called")

        def delete_password(self, service, username):
            raise AssertionError("must not be called")

    keyring.set_keyring(PlainFile())
    with pytest.raises(store.StoreUnavailable):
        store.save(None, Secret("x"))


# --- beianaudit check -------------------------------------------------------------------


def test_check_runs_the_password_checks_only_when_asked(run_cli) -> None:
    without = run_cli("check", "--config", PERSONAL, "--format", "json")
    assert not [f for f in json.loads(without.stdout)["findings"] if f["check"].startswith("BA1")]
    with_pw = run_cli(
        "check", "--config", PERSONAL, "--format", "json", "--password-stdin", input="Woaini@1314\n"
    )
    assert ids(with_pw)["BA105"] == "error"
    asked = run_cli(
        "check",
        "--config",
        PERSONAL,
        "--format",
        "json",
        "--ask-password",
        input="Woaini@1314\nWoaini@1314\n",
    )
    assert ids(asked)["BA105"] == "error"


def test_check_takes_one_password_source(run_cli) -> None:
    args = ("check", "--config", PERSONAL, "--password-stdin", "--ask-password")
    result = run_cli(*args, input=STRONG + "\n")
    assert result.exit_code == 2
    assert "not both" in result.stderr


def test_checks_lists_the_password_family(run_cli) -> None:
    rows = json.loads(run_cli("checks", "--format", "json").stdout)["checks"]
    assert {f"BA10{n}" for n in range(1, 8)} <= {row["id"] for row in rows}


# --- the password never leaks -----------------------------------------------------------

LEAKY = "Zq8!Leak-Me-Not#5201314"


@check("BA199", "Leaky test check")
def leaky(ctx: Context):
    """Raises with the password in its message, as a careless check might."""
    raise RuntimeError(f"cannot judge {ctx.password.reveal()} {ctx.password!r}")


@pytest.fixture
def with_leaky_check(monkeypatch):
    real = registry.installed_entry_points()
    extra = EntryPoint("BA199", "tests.test_password_cli:leaky", registry.GROUP)
    monkeypatch.setattr(registry, "installed_entry_points", lambda: [*real, extra])


@pytest.mark.parametrize("password", [LEAKY, "Woaini@1314", STRONG, "Ｐａｓｓ！1a", "x" * 300])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_password_never_appears(
    run_cli, memory_keyring, with_leaky_check, tmp_path: Path, password: str, fmt: str
) -> None:
    outputs = []
    for args in (
        ("password", "--password-stdin", "--config", PERSONAL, "--remember"),
        ("password", "--password-stdin", "--config", PERSONAL),
        ("check", "--password-stdin", "--config", PERSONAL),
        ("password", "--password-stdin"),
    ):
        result = run_cli(*args, "--format", fmt, input=password + "\n")
        assert result.exit_code in (0, 1), result.output
        outputs += [result.stdout, result.stderr]
    for found in tmp_path.rglob("*"):
        if found.is_file():
            outputs.append(found.read_text("utf-8", errors="replace"))
    assert outputs
    for text in outputs:
        assert password not in text
        assert password[:8] not in text
    assert "BA001" in outputs[0] or "BA001" in outputs[1]  # the leaky check did crash


@budget(20)
@given(st.text(max_size=120).filter(lambda s: "\n" not in s and "\r" not in s))
def test_any_unicode_password_never_crashes(run_cli, password: str) -> None:
    result = run_cli("password", "--password-stdin", "--format", "json", input=password + "\n")
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output
    if result.exit_code != 2:
        data = json.loads(result.stdout)
        assert data["ok"] is not any(f["severity"] == "error" for f in data["findings"])
    elif password:
        assert password not in result.output


def test_finding_data_is_plain(run_cli) -> None:
    result = run_password(run_cli, "Woaini@1314", "--format", "json")
    for f in json.loads(result.stdout)["findings"]:
        Finding(f["check"], f["severity"], f["message"], f["target"], f["hint"], f["data"])
        assert "Woaini" not in json.dumps(f)


@budget(20)
@given(st.binary(max_size=200))
def test_any_bytes_on_stdin_never_crash(run_cli, data: bytes) -> None:
    result = run_cli("password", "--password-stdin", "--format", "json", input=data)
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1


def test_a_locked_keyring_is_said_not_raised(run_cli, memory_keyring, monkeypatch) -> None:
    from keyring.errors import KeyringLocked

    def locked(*args):
        raise KeyringLocked("locked: " + STRONG)

    monkeypatch.setattr(memory_keyring, "set_password", locked)
    result = run_password(run_cli, STRONG, "--remember")
    assert result.exit_code == 3
    assert "not remembered" in result.stderr
    assert "KeyringLocked" in result.stderr
    assert STRONG not in result.output


def test_the_password_is_no_command_line_argument(run_cli) -> None:
    assert run_cli("password", "--password", STRONG).exit_code == 2
    assert run_cli("password", STRONG).exit_code == 2
