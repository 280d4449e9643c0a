"""Strength: zxcvbn taught Chinese habits and the person's own data (password.strength)."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beianaudit.config import Config, Subject, load
from beianaudit.password import chinese_matching, personal_words, strength, zxcvbn_speed
from tests.conftest import ROOT, SAMPLES

CASES = [
    tuple(line.split("\t"))
    for line in (ROOT / "tests" / "data" / "password" / "chinese_cases.txt")
    .read_text("utf-8")
    .splitlines()
    if line and not line.startswith("#")
]
PERSONAL = personal_words.context_words(load(SAMPLES / "personal.toml"))
# Random-looking or several unrelated words: a Chinese attacker has no shortcut.
STRONG = [
    "Kx9#mQ2v!Lp7",
    "Blue7!Window%Sand",
    "correct-horse-battery",
    "T7q!x2Rk@9wZ",
    "Gv4&Lp9!rT2s",
    "Maple;Violin8Dust",
]


def test_the_cases_cover_every_habit() -> None:
    habits = {habit for habit, _ in CASES}
    assert habits == {
        *("love", "common", "keyboard", "numpad", "pinyin", "personal", "service"),
        "repeat",  # zxcvbn prices a repeated unit with its own lists only
    }
    from beianaudit.password.rules import character_classes

    assert all(len(character_classes(pw)) == 4 for _, pw in CASES)


@pytest.mark.parametrize(("habit", "password"), CASES)
def test_chinese_patterns_are_rejected(habit: str, password: str) -> None:
    result = strength.evaluate(password, PERSONAL)
    assert result.score < 3, (habit, result)
    assert result.warnings, "a rejection says why"


@pytest.mark.parametrize("password", STRONG)
def test_strong_passwords_still_pass(password: str) -> None:
    assert strength.evaluate(password, PERSONAL).score >= 3


def test_plain_zxcvbn_is_fooled_where_we_are_not() -> None:
    from zxcvbn import zxcvbn

    assert zxcvbn("Woaini@1314")["score"] >= 3
    assert zxcvbn("Zhangwei@1990")["score"] >= 3
    assert strength.evaluate("Woaini@1314", PERSONAL).habits == ("chinese",)
    assert strength.evaluate("Zhangwei@1990", PERSONAL).personal == ("name", "id")


@pytest.mark.parametrize(
    ("password", "kind"),
    [
        ("Qz!19900307kp", "id"),
        ("Qz!900307kp#", "id"),
        ("Qz!1236kp#Xw", "id"),
        ("Qz!13912345678", "phone"),
        ("Rt!5678#Yk", "phone"),
        ("Rt!zhangwei#Yk", "name"),
        ("Rt!zwei#Yk8", "name"),
    ],
)
def test_personal_data_is_found_and_named_by_kind(password: str, kind: str) -> None:
    assert kind in strength.evaluate(password, PERSONAL).personal


def _dictionaries() -> dict[str, dict[str, int]]:
    from zxcvbn import matching

    return {**matching.RANKED_DICTIONARIES, **chinese_matching.chinese_dictionaries()}


def _whole(text: str) -> dict[str, object] | None:
    """The cheapest match the lexicon matcher finds for all of ``text``."""
    whole = [
        m
        for m in chinese_matching.mangled_matches(text, _dictionaries())
        if m["i"] == 0 and m["j"] == len(text) - 1
    ]
    return min(whole, key=lambda m: m["guesses"], default=None)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("zhangwei", True),
        ("xiaoming", True),
        ("XiaoMing", True),
        ("woaiwodezuguo", True),
        ("woshishui", True),  # 我是谁: three very common words, not in the list as one
        ("Wo-Shi-Shui", True),
        ("xkqzvbtr", False),
    ],
)
def test_lexicon_matcher_sees_phrases(text: str, found: bool) -> None:
    assert (_whole(text) is not None) is found


def test_a_phrase_costs_the_product_of_its_words_ranks() -> None:
    words = chinese_matching.lexicon()[0]
    match = _whole("woshishui")
    assert match is not None
    assert match["guesses"] <= words["wo"] * words["shi"] * words["shui"]
    assert _whole("woshishuibuzhidao")["guesses"] > match["guesses"]  # type: ignore[index]


def test_names_and_nicknames_cost_less() -> None:
    _, surnames, given = chinese_matching.lexicon()
    name = _whole("wangfang")
    assert name is not None
    assert name["dictionary_name"] == chinese_matching.NAME
    assert name["guesses"] <= surnames["wang"] * given["fang"] * chinese_matching.NAME_ORDER
    words = chinese_matching.lexicon()[0]
    assert _whole("jiajia")["guesses"] <= 2 * words["jia"]  # type: ignore[index]


def test_company_name_gives_its_distinctive_part() -> None:
    assert personal_words.distinctive_part("杭州某某科技有限公司") == "某某"
    assert personal_words.distinctive_part("浙江阿里巴巴网络技术有限公司") == "阿里巴巴"
    assert personal_words.distinctive_part("深圳（前海）云帆信息技术有限公司") == "云帆"
    assert personal_words.distinctive_part("张伟") == "张伟"
    words = dict(personal_words.context_words(load(SAMPLES / "enterprise.toml")))
    assert words["moumou"] == "name"
    assert "zhoumoumou" not in words  # no given-name forms for a company


def test_personal_name_forms() -> None:
    assert personal_words.pinyin_forms("张伟", personal=True) == [
        "zhangwei",
        "zw",
        "zhangw",
        "zwei",
        "wei",
    ]
    assert personal_words.pinyin_forms("某某公司")[:2] == ["moumougongsi", "mmgs"]
    assert personal_words.pinyin_forms("ACME") == []


def test_polyphonic_surnames_give_every_reading() -> None:
    assert {"zengxiaoming", "cengxiaoming", "zxm"} <= set(
        personal_words.pinyin_forms("曾小明", personal=True)
    )
    assert {"shanxue", "danxue"} <= set(personal_words.pinyin_forms("单雪"))
    assert personal_words.pinyin_forms("吕") == ["lv", "l"]
    assert len(personal_words.spellings("重庆长城重工有限公司")) <= personal_words.MAX_READINGS


def test_names_do_not_import_pypinyin_itself() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom beianaudit.password.personal_words import pinyin_forms\n"
        "assert pinyin_forms('张伟') == ['zhangwei', 'zw']\nprint('pypinyin' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_id_words_hold_the_birth_date_and_tails() -> None:
    words = set(personal_words.id_words("330106199003071236"))
    assert {"19900307", "900307", "0307", "1990", "1236", "071236"} <= words
    assert set(personal_words.id_words("91330106MA27Q8K08R")) >= {"Q8K08R", "K08R"}


def test_domains_drop_generic_labels() -> None:
    assert list(personal_words.domain_words("www.my-shop.com.cn")) == [
        "my-shop",
        "myshop",
        "my",
        "shop",
    ]


def test_long_passwords_are_judged_on_a_prefix() -> None:
    long = "Kx9#mQ2v!Lp7" * 20
    result = strength.evaluate(long, PERSONAL)
    assert result.judged == strength.MAX_LENGTH
    assert result.score == 4


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=90))
def test_any_unicode_is_scored(password: str) -> None:
    result = strength.evaluate(password, PERSONAL)
    assert 0 <= result.score <= 4
    assert result.judged == min(len(password), strength.MAX_LENGTH)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=string.ascii_letters + string.digits + "@!#", max_size=40))
def test_bounded_dictionary_match_equals_zxcvbns(password: str) -> None:
    from zxcvbn import matching

    dictionaries = dict(matching.RANKED_DICTIONARIES)
    dictionaries["user_inputs"] = matching.build_ranked_dict(["zhangwei", "1990"])
    assert zxcvbn_speed.bounded_dictionary_match(password, dictionaries) == _upstream(
        password, dictionaries
    )


def _upstream(password, dictionaries):
    """zxcvbn 4.5's dictionary_match, as published (every substring, every dictionary)."""
    matches = []
    lower = password.lower()
    for name, ranked in dictionaries.items():
        for i in range(len(password)):
            for j in range(i, len(password)):
                if lower[i : j + 1] in ranked:
                    matches.append(
                        {
                            "pattern": "dictionary",
                            "i": i,
                            "j": j,
                            "token": password[i : j + 1],
                            "matched_word": lower[i : j + 1],
                            "rank": ranked[lower[i : j + 1]],
                            "dictionary_name": name,
                            "reversed": False,
                            "l33t": False,
                        }
                    )
    return sorted(matches, key=lambda m: (m["i"], m["j"]))


def test_random_passwords_keep_their_score() -> None:
    """Teaching zxcvbn Chinese must not punish random passwords."""
    rng = random.Random(7)  # noqa: S311 (a fixed sample, not a secret)
    alphabet = string.ascii_letters + string.digits + "!@#$%^&*"
    for _ in range(20):
        password = "".join(rng.choice(alphabet) for _ in range(14))
        assert strength.evaluate(password, PERSONAL).score >= 3


def test_personal_words_without_config() -> None:
    words = dict(personal_words.context_words(None))
    assert words["beian"] == words["miit"] == "service"
    blank = Config(path=Path(), subject=Subject(type="personal"))
    assert personal_words.context_words(blank) == personal_words.context_words(None)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["personal", "enterprise"]),
    st.text(max_size=40),
    st.text(max_size=30),
    st.text(max_size=20),
    st.text(max_size=40),
    st.lists(st.text(max_size=30), max_size=3),
)
def test_context_words_take_any_config_text(kind, name, id_, phone, email, domains) -> None:
    from beianaudit.config import Contacts, Filing

    config = Config(
        path=Path(),
        subject=Subject(type=kind, name=name, id=id_),
        contacts=Contacts(phone=phone, email=email),
        filing=Filing(domains=tuple(domains)),
    )
    words = personal_words.context_words(config)
    assert all(len(w) >= personal_words.MIN_WORD and w == w.lower() for w, _ in words)
    assert len({w for w, _ in words}) == len(words)


def test_the_rest_without_personal_data_counts_past_the_judged_prefix() -> None:
    """The phone six times fills the first 72 characters; the strong rest is after."""
    result = strength.evaluate("13912345678" * 6 + "Xq9#vL2!pR7@kM4", PERSONAL)
    assert result.personal == ("phone",)
    assert result.rest_score is not None
    assert result.rest_score >= 3
    assert strength.evaluate("Abcd@1990zhangwei", PERSONAL).rest_score == 1
