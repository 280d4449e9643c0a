"""BA101-BA103 say whose rule a password breaks: the recovery guide's recommendation (the
defaults) or the user's own [policy], never the filing system's, which publishes none."""

from __future__ import annotations

import pytest

from beianaudit import i18n
from beianaudit.config import load
from beianaudit.context import Context
from beianaudit.secret import Secret
from checks import password as checks
from tests.conftest import SAMPLES, TODAY

GUIDE = '[subject]\ntype = "personal"\n'
OWN = GUIDE + '[policy]\nmin_length = 12\nmin_classes = 3\nbanned = ["123456", "admin", "mouke"]\n'
CASES = [  # (check, password): each breaks that one rule
    (checks.length, "Kx9#mQ2"),
    (checks.classes, "kx9#mq2v!lp7w"),
    (checks.banned, "Kx9#mQ2v!Lp7admin"),
]


def messages(write_config, text: str, check, password: str, lang: str) -> str:
    i18n.set_language(lang)
    ctx = Context(load(write_config(text)), TODAY, Secret(password))
    return " ".join(f"{f.message} {f.hint}" for f in check.run(ctx))


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize(("check", "password"), CASES, ids=["BA101", "BA102", "BA103"])
def test_the_defaults_are_the_guides_recommendation(
    write_config, check, password: str, lang: str
) -> None:
    text = messages(write_config, GUIDE, check, password, lang)
    assert text
    if lang == "en":
        assert "recovery guidance" in text
        assert "filing system" not in text
        assert "[policy]" not in text
    else:
        assert "找回教程建议" in text
        assert "备案系统" not in text


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize(
    ("check", "password"),
    [
        (checks.length, "Kx9#mQ2v!L"),
        (checks.classes, "kx9mq2vlp7wz"),
        (checks.banned, "Kx9#mouke!Lp7Q"),
    ],
    ids=["BA101", "BA102", "BA103"],
)
def test_a_changed_policy_is_the_users_own(write_config, check, password: str, lang: str) -> None:
    text = messages(write_config, OWN, check, password, lang)
    assert text
    assert "[policy]" in text
    assert ("filing system" if lang == "en" else "备案系统") not in text
    assert ("recovery guidance" if lang == "en" else "找回教程") not in text


def test_both_kinds_of_banned_word_name_both_sources(write_config) -> None:
    text = messages(write_config, OWN, checks.banned, "Xadmin#Kx9mouke!Lp7Q", "en")
    assert "recovery guidance advises against" in text
    assert "your own [policy] bans these" in text


def test_the_samples_speak_for_their_own_rules(write_config) -> None:
    """The enterprise sample raises the bar: its messages are its own policy's."""
    i18n.set_language("en")
    ctx = Context(load(SAMPLES / "enterprise.toml"), TODAY, Secret("Kx9#mQ2v!L"))
    (finding,) = checks.length.run(ctx)
    assert "your own [policy] asks for at least 12 characters" in finding.message


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("password", ["123456", "Admin"])
def test_a_whole_banned_password_is_not_spelled_out_by_the_hint(
    write_config, password: str, lang: str
) -> None:
    text = messages(write_config, GUIDE, checks.banned, password, lang)
    assert text
    assert password.lower() not in text.lower()
