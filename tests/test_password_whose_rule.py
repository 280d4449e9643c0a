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
        assert "recovery article" in text
        assert "filing system" not in text
        assert "[policy]" not in text
    else:
        assert "找回文章建议" in text
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
    assert ("recovery article" if lang == "en" else "找回文章") not in text


def test_both_kinds_of_banned_word_name_both_sources(write_config) -> None:
    text = messages(write_config, OWN, checks.banned, "Xadmin#Kx9mouke!Lp7Q", "en")
    assert "recovery article advises against" in text
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


def test_banned_words_are_named_by_source(write_config) -> None:
    """BA103's message itself says whose word it is: the article's example or [policy]'s."""
    text = messages(write_config, OWN, checks.banned, "Xadmin#Kx9mouke!Lp7Q", "en")
    assert "a simple password the recovery article advises avoiding: admin" in text
    assert "a word you banned in [policy]: mouke" in text
    zh = messages(write_config, OWN, checks.banned, "Xadmin#Kx9mouke!Lp7Q", "zh_CN")
    assert "找回文章建议避免的简单密码：admin" in zh
    assert "您在 [policy] 中禁用的词：mouke" in zh


WEAK = "Zhangwei1990!"  # a name and a year: weak, and weak once the name is taken out
WEAK_CONFIG = GUIDE + 'name = "张伟"\n'


@pytest.mark.parametrize("check", [checks.strength, checks.personal_data], ids=["BA105", "BA106"])
def test_the_strength_minimum_says_whose_it_is(write_config, check) -> None:
    """min_score is beianaudit's own default, not the article's and not the filing
    system's; a changed one is the user's [policy]."""
    default = messages(write_config, WEAK_CONFIG, check, WEAK, "en")
    assert "beianaudit's default minimum 3" in default
    assert "required" not in default
    zh = messages(write_config, WEAK_CONFIG, check, WEAK, "zh_CN")
    assert "低于 beianaudit 默认的下限 3" in zh
    own = messages(write_config, WEAK_CONFIG + "[policy]\nmin_score = 4\n", check, WEAK, "en")
    assert "below the 4 you set in [policy]" in own
    assert "beianaudit's default" not in own


def test_the_public_part_of_a_filing_is_not_overstated(write_config) -> None:
    for lang in ("en", "zh_CN"):
        text = messages(write_config, WEAK_CONFIG, checks.personal_data, WEAK, lang)
        assert ("(it is public)" if lang == "en" else "备案信息是公开的") not in text
        assert ("can be looked up publicly" if lang == "en" else "可以公开查询") in text
