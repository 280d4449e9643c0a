"""Strength: zxcvbn taught Chinese habits and the person's own data (password.strength)."""

from __future__ import annotations

import functools
import itertools
import math
import random
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.config import Config, Subject, load
from beianaudit.password import chinese_matching, personal_words, strength, zxcvbn_speed
from tests import password_samples
from tests.conftest import ROOT, SAMPLES
from tests.fuzzing import budget

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
    # zxcvbn's l33t matcher may read the @ as the a of the corpus's run woainia: "mangled"
    assert strength.evaluate("Woaini@1314", PERSONAL).habits[0] == "chinese"
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


def _lexicon_dictionaries() -> dict[str, dict[str, int]]:
    """Without the corpus's lists, which hold some words whole (woshishui, wangfang,
    jiajia): a whole listed word is zxcvbn's own dictionary match, cheaper than any
    phrase, and the phrase search leaves it to zxcvbn."""
    corpus = (chinese_matching.CHINESE, *chinese_matching.CORPUS_TERMINALS)
    return {k: v for k, v in _dictionaries().items() if k not in corpus}


def _whole(text: str, dictionaries: dict[str, dict[str, int]] | None = None) -> dict | None:
    """The cheapest match the lexicon matcher finds for all of ``text``."""
    whole = [
        m
        for m in chinese_matching.mangled_matches(text, dictionaries or _dictionaries())
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
    match = _whole("woshishui", _lexicon_dictionaries())
    assert match is not None
    assert match["guesses"] <= words["wo"] * words["shi"] * words["shui"]
    longer = _whole("woshishuibuzhidao", _lexicon_dictionaries())
    assert longer["guesses"] > match["guesses"]  # type: ignore[index]


def test_a_set_phrase_costs_its_rank_among_phrases() -> None:
    """恭喜发财 is rare among all words (four syllables, each ranked) but common among set
    phrases: the phrase list prices it at its rank there, bare or with
    its syllables capitalised (the CamelCase rule, not every way to case 11 letters)."""
    phrases = chinese_matching.set_phrases()
    rank = phrases["gongxifacai"]
    assert rank < 20_000
    whole = _whole("GongXiFaCai")
    assert whole is not None
    assert whole["guesses"] == rank * chinese_matching.CAMEL_RULE
    assert phrases["shzy"] < phrases["shehuizhuyi"] + 10  # 社会主义 by its initials
    assert strength.evaluate("gongxifacai", NOBODY).guesses_log10 <= math.log10(rank) + 0.01


def test_names_and_nicknames_cost_less() -> None:
    _, surnames, given = chinese_matching.lexicon()
    name = _whole("wangfang", _lexicon_dictionaries())
    assert name is not None
    assert name["dictionary_name"] == chinese_matching.NAME
    assert name["guesses"] <= surnames["wang"] * given["fang"] * chinese_matching.NAME_ORDER
    words = chinese_matching.lexicon()[0]
    jiajia = _whole("jiajia", _lexicon_dictionaries())
    assert jiajia["guesses"] <= 2 * words["jia"]  # type: ignore[index]


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


@budget(20)
@given(st.text(max_size=90))
def test_any_unicode_is_scored(password: str) -> None:
    result = strength.evaluate(password, PERSONAL)
    assert 0 <= result.score <= 4
    assert result.judged == min(len(password), strength.MAX_LENGTH)


@budget(20)
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


@budget(20)
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
    # the rest, Abcd@1990, is weak: abcd is a common run of the corpus (score 0 since)
    assert strength.evaluate("Abcd@1990zhangwei", PERSONAL).rest_score in (0, 1)


# --- issue 15: weak cases written before tuning, generated strong ones ------------------

NOBODY = personal_words.context_words(None)  # an outside list: nobody's data in particular
# Weak cases the model still scores 10^8 or more (rank-priced pieces multiply past the
# threshold): kept visible here, not dropped from the data.  strict: a fix shows up.
KNOWN_MISSES = {
    "Zhaomin_1985!",  # name + year + two symbols: each piece priced apart
    "Zxm#1993!a",
    "Cjl#900612",  # initials + date: 26-letter initials times a date
    "Hanxue@1995!",
    "Mm@0214@1314",  # two cores and three pieces
    "Yi-Qi-Fa-Cai8!",
}


def _weak_params(cases: list[tuple[str, str]], misses: set[str]) -> list[object]:
    """The weak cases as test parameters, the known misses as strict xfails (a fix shows)."""
    xfail = pytest.mark.xfail(strict=True, reason="known miss")
    return [pytest.param(k, pw, marks=[xfail] if pw in misses else []) for k, pw in cases]


@pytest.mark.parametrize(
    ("kind", "password"), _weak_params(password_samples.weak_cases(), KNOWN_MISSES)
)
def test_weak_cases_written_before_tuning_are_rejected(kind: str, password: str) -> None:
    result = strength.evaluate(password, NOBODY)
    assert result.score < 3, (kind, result.guesses_log10, result.habits)
    assert result.warnings


def test_weak_cases_cover_every_class_and_pass_the_rules() -> None:
    from beianaudit.password.rules import character_classes

    cases = password_samples.weak_cases()
    kinds = {kind for kind, _ in cases}
    assert kinds == {"phrase", "name", "brand", "date", "mobile", "walk", "mangled"}
    assert all(len(pw) >= 8 and len(character_classes(pw)) == 4 for _, pw in cases)
    assert {pw for _, pw in cases} >= KNOWN_MISSES


# The second list (task p2, written before its tuning): structures a PCFG cracker
# enumerates as one.  What the model still prices at 10^8 or more, strict as above.
KNOWN_STRUCTURE_MISSES = {
    # name or initials + joiner + full date (+ symbol): name x 4 x 10 x 10^4 dates
    "Chenjie_19900815",
    "Sunli@1987.06!",
    "Zhoujie#19920101",
    "Lxm_870614#",
    "Wyf#1993.08.08",
    "Tangwei_861103!",
    "Hmm_1990@0512",
    "Li.Na#1989!",
    # two dates or love numbers, each priced in full
    "Mm#1225#2012",
    "Love@0214@520",
    "Xx#19900307#0214",
    "0214@1314#Ab",
    # separated syllables priced as a product of syllable ranks, then the suffix
    "Zhu-Ni-Kuai-Le8!",
    "Xin-Nian-Kuai-Le@2026",
    "Wan-Shi-Ru-Yi@88",
    "Shen-Ti-Jian-Kang1!",
    "Zhao.Cai.Jin.Bao@8",
    "Bu-Wang-Chu-Xin#2024",
    "Qing-Chun-Wu-Hui!666",
    # kaixin priced as the corpus measures it (rank 518 as a letter run), no longer the
    # hand list's 107: 10^8.2
    "Tian-Tian-Kai-Xin9!",
}


@pytest.mark.parametrize(
    ("kind", "password"),
    _weak_params(password_samples.weak_cases(password_samples.STRUCTURES), KNOWN_STRUCTURE_MISSES),
)
def test_weak_structures_written_before_tuning_are_rejected(kind: str, password: str) -> None:
    result = strength.evaluate(password, NOBODY)
    assert result.score < 3, (kind, result.guesses_log10, result.habits)
    assert result.warnings


def test_weak_structures_pass_the_rules() -> None:
    from beianaudit.password.rules import character_classes

    cases = password_samples.weak_cases(password_samples.STRUCTURES)
    assert {kind for kind, _ in cases} == {"name-date", "dates", "phrase-suffix"}
    assert all(len(pw) >= 8 and len(character_classes(pw)) == 4 for _, pw in cases)
    assert {pw for _, pw in cases} >= KNOWN_STRUCTURE_MISSES


# Generated over whole tables (tests/password_samples.py), written before the structure
# matcher: every case of a kind must be rejected.  The kinds the model still lets some
# through are strict xfails (a fix shows); benchmarks/password.py counts them.
GENERATED_STRUCTURES = password_samples.generated_weak_structures()
GENERATED_KINDS_MISSED = {"name-date", "dates", "mobile", "phrase-suffix"}


@pytest.mark.parametrize("kind", ["name-date", "dates", "mobile", "phrase-suffix"])
def test_generated_weak_structures_are_rejected(kind: str) -> None:
    cases = [pw for k, pw in GENERATED_STRUCTURES if k == kind]
    let_through = (pw for pw in cases if strength.evaluate(pw, NOBODY).score >= 3)
    if kind in GENERATED_KINDS_MISSED:
        # As strict as the xfail it replaces, without pricing every case of a kind whose
        # verdict the first case let through already settles (was 6 s of CPU).
        assert next(let_through, None) is not None, (
            f"all {len(cases)} {kind} cases are rejected now: take {kind} out of "
            "GENERATED_KINDS_MISSED"
        )
        return
    passed = list(let_through)
    assert not passed, f"{len(passed)} of {len(cases)} {kind} cases let through"


def test_generated_weak_structures_cover_every_kind() -> None:
    counts = {kind: 0 for kind in ("name-date", "dates", "mobile", "phrase-suffix")}
    for kind, _ in GENERATED_STRUCTURES:
        counts[kind] += 1
    assert min(counts.values()) >= 30, counts


# The third list (task pwphrase, tests/data/password/phrase_cases.txt, written before the
# phrase list was ranked): set phrases, idioms and blessings, each typed in six ways and
# padded.  A phrase is listed here while any of its forms still scores 10^8 or more.
KNOWN_PHRASE_MISSES = {
    *("恭喜发财", "天天向上", "生日快乐", "万事如意", "心想事成", "岁岁平安"),
    *("永结同心", "新年快乐"),
    *("身体健康", "天长地久", "一路平安", "步步高升", "万事大吉", "大吉大利", "笑口常开"),
    *("龙马精神", "招财进宝", "财源广进", "不忘初心", "青春无悔", "厚德载物"),
    *("天道酬勤", "知足常乐", "上善若水", "海阔天空", "一见钟情", "百年好合", "早生贵子"),
    *("阖家欢乐", "鸿运当头", "前程似锦", "美梦成真", "健康快乐", "相亲相爱"),
    *("执子之手", "与子偕老", "风调雨顺", "福如东海", "寿比南山", "五福临门"),
    *("一起发财",),
}
PHRASE_CASES = password_samples.phrase_cases()


@pytest.mark.parametrize(
    ("phrase", "passwords"),
    [
        pytest.param(
            phrase,
            passwords,
            marks=[pytest.mark.xfail(strict=True, reason="known miss")]
            if phrase in KNOWN_PHRASE_MISSES
            else [],
        )
        for phrase, passwords in PHRASE_CASES
    ],
)
def test_set_phrases_typed_and_padded_are_rejected(phrase: str, passwords: list[str]) -> None:
    missed = {}
    for password in passwords:
        result = strength.evaluate(password, NOBODY)
        if result.score >= 3 or not result.warnings:
            missed[password] = result.guesses_log10
            if phrase in KNOWN_PHRASE_MISSES:
                break  # a strict xfail: its first missed form settles it (was 6 s in all)
    assert not missed, (phrase, missed)


def test_the_phrase_cases_are_a_whole_table() -> None:
    """Every phrase in every form, every suffix with every form somewhere in the list."""
    assert len(PHRASE_CASES) >= 60
    assert {phrase for phrase, _ in PHRASE_CASES} >= KNOWN_PHRASE_MISSES
    pairs = {
        (k, next(s for s in password_samples.PHRASE_SUFFIXES if pw.endswith(s)))
        for _, passwords in PHRASE_CASES
        for k, pw in enumerate(passwords)
    }
    assert len(pairs) == 6 * len(password_samples.PHRASE_SUFFIXES)


def test_a_joiner_used_again_in_a_structure_costs_nothing_more() -> None:
    """The rule that joins the parts chose the symbol once (Mm@0214@1314); a second,
    different joiner is a second choice; a symbol that opens the structure joins
    nothing (&word&ZQ)."""
    padding = chinese_matching._Padding("Mm@0214@1314", {})
    _, chosen = padding.guesses(0, 3, frozenset())  # Mm@ before the core 0214
    assert chosen == {"@"}
    assert padding.guesses(7, 8, chosen)[0] == 1.0
    assert padding.guesses(7, 8, frozenset())[0] == chinese_matching.SYMBOL_GUESSES
    assert chinese_matching._Padding("&za3lke&ZQ", {}).guesses(0, 1, frozenset())[1] == set()
    assert strength.evaluate("&za3lke&ZQ", NOBODY).score >= 3  # a random draw, once rejected


def test_padding_is_split_into_the_pieces_zxcvbn_explains() -> None:
    """A date with its separators is one piece of padding, not five: the whole is one
    structure, priced as the core, the joiner and the date zxcvbn finds."""
    password = "Zhangwei@1990.03.07"
    [match] = _sequence(password)
    assert match["dictionary_name"] == chinese_matching.HABIT
    core = zxcvbn_speed.own_guesses(match["core_match"])  # type: ignore[arg-type]
    date = [m for m in _sequence("1990.03.07") if m["pattern"] == "date"]
    assert date
    expected = core * chinese_matching.TEMPLATES * chinese_matching.SYMBOL_GUESSES
    assert match["guesses"] == pytest.approx(expected * date[0]["guesses"])


def _sequence(password: str) -> list[dict[str, object]]:
    from zxcvbn import matching

    dictionaries = {**_dictionaries(), chinese_matching.USER: matching.build_ranked_dict([])}
    matches = strength._all_matches(password, dictionaries)
    return zxcvbn_speed.most_guessable_match_sequence(password, matches)["sequence"]


def test_a_mobile_tail_is_priced_as_the_shape_zxcvbn_finds() -> None:
    """88886666 is two repeats: 48 guesses each (one of 12 digits, four times), as one
    shape, not zxcvbn's two parts of a password it cannot foresee (10^4.2)."""
    [match] = chinese_matching.mobile_matches("13888886666")
    assert match["guesses"] <= chinese_matching.MOBILE_PREFIXES * 48 * 48
    [random_tail] = chinese_matching.mobile_matches("13838562917")
    assert random_tail["guesses"] >= chinese_matching.MOBILE_PREFIXES * 10**6


def test_a_year_and_month_is_a_date() -> None:
    from zxcvbn import scoring

    result = strength.evaluate("1987.06", NOBODY)
    assert "date" in result.habits
    year_space = scoring.REFERENCE_YEAR - 1987
    assert 10**result.guesses_log10 <= (year_space * 12 * 4 + 1) * 1.02  # log10 to 2 places
    assert "date" not in strength.evaluate("198713", NOBODY).habits  # no thirteenth month


def test_generated_strong_passwords_are_all_accepted() -> None:
    rng = random.Random(15)  # noqa: S311 (a fixed sample, not a secret)
    for k in range(60):
        for password in (
            password_samples.random_password(rng, rng.randint(10, 16)),
            password_samples.passphrase(rng, rng.randint(4, 5), pinyin=k % 2 == 0),
            password_samples.random_structure(rng),
        ):
            result = strength.evaluate(password, NOBODY)
            assert result.score >= 3, (password, result.guesses_log10, result.habits)


# Seeds, not hypothesis's own random: a uniform draw is the claim ("aAAAAAAAAA" is not one).
@budget(25)
@given(st.integers(0, 2**64), st.integers(10, 24))
def test_any_random_four_class_string_is_accepted(seed: int, length: int) -> None:
    rng = random.Random(seed)  # noqa: S311 (a sample, not a secret)
    password = password_samples.random_password(rng, length)
    assert strength.evaluate(password, NOBODY).score >= 3, password


@budget(25)
@given(st.integers(0, 2**64), st.integers(4, 6), st.booleans())
def test_any_random_passphrase_is_accepted(seed: int, count: int, pinyin: bool) -> None:
    rng = random.Random(seed)  # noqa: S311 (a sample, not a secret)
    password = password_samples.passphrase(rng, count, pinyin)
    assert strength.evaluate(password, NOBODY).score >= 3, password


@budget(25)
@given(st.integers(0, 2**64))
def test_any_randomly_filled_structure_is_accepted(seed: int) -> None:
    """The shapes the structure matcher prices (letters, a symbol, digits), filled at
    random: the shape alone must not make them weak."""
    password = password_samples.random_structure(random.Random(seed))  # noqa: S311
    assert strength.evaluate(password, NOBODY).score >= 3, password


@functools.cache
def _cheap_readings(size: int, count: int) -> list[str]:
    """The ``count`` cheapest initials of ``size`` letters: what random letters read as."""
    surname_initial, _ = chinese_matching._initials()
    texts = (
        first + "".join(rest)
        for first in surname_initial
        for rest in itertools.product(string.ascii_lowercase, repeat=size - 1)
    )
    return sorted(texts, key=lambda t: (chinese_matching._initials_guesses(t), t))[:count]


def test_random_strings_with_initials_among_them_are_accepted() -> None:
    """Ten random characters (all four classes, or letters and digits with one symbol)
    with two or three of them the cheapest initials there are (wee, ws): a chance
    reading of a few letters makes no random string weak.  Before the fix, 17 of 200
    such strings were rejected (4&=lzyWte6 and WEEQsee+l0 of this kind)."""
    rng = random.Random(1510)  # noqa: S311 (a fixed sample, not a secret)
    readings = [*_cheap_readings(2, 20), *_cheap_readings(3, 40)]
    for k in range(80):
        make = password_samples.random_password if k % 2 else password_samples.random_one_symbol
        base = make(rng, 10)
        core = rng.choice(readings)
        at = rng.randrange(len(base) - len(core) + 1)
        password = base[:at] + core + base[at + len(core) :]
        result = strength.evaluate(password, NOBODY)
        assert result.score >= 3, (password, result.guesses_log10, result.habits)


def _verdict_dictionaries() -> dict[str, dict[str, int]]:
    """The lists a verdict without personal data looks words up in, as evaluate builds them."""
    from zxcvbn import matching

    user = matching.build_ranked_dict([word for word, _ in NOBODY])
    return {**_dictionaries(), chinese_matching.USER: user}


PADDING_CHARS = string.ascii_letters + string.digits + password_samples.SYMBOLS


@budget(20)
@given(st.integers(0, 2**64))
def test_random_padding_around_a_chance_reading_costs_brute_force(seed: int) -> None:
    """A core that random letters read as by chance (initials, a short word through
    case) with random padding: padded, it costs at least zxcvbn's minimum for a part
    times the templates times brute force for every padding character (10 each, as
    zxcvbn prices what it does not recognise), however the padding reads (Wte as
    initials, w@5 as a word).  The padding's characters are distinct, so that no joiner
    used again or doubled symbol is in it."""
    rng = random.Random(seed)  # noqa: S311 (a sample, not a secret)
    core = rng.choice(_cheap_readings(3, 40))
    core = core.capitalize() if rng.random() < 0.5 else core
    chars = rng.sample(PADDING_CHARS, rng.randint(2, 9))
    cut = rng.randint(0, len(chars))
    password = "".join(chars[:cut]) + core + "".join(chars[cut:])
    i = cut
    dictionaries = _verdict_dictionaries()
    readings = chinese_matching.mangled_matches(password, dictionaries)  # chance readings only
    assert any((m["i"], m["j"]) == (i, i + 2) for m in readings)  # the core is read
    for m in chinese_matching.habit_matches(password, readings):
        core_match = m["core_match"]
        if core_match["dictionary_name"] != chinese_matching.NAME:
            continue
        padding = len(m["token"]) - len(core_match["token"])
        floor = max(zxcvbn_speed.own_guesses(core_match), chinese_matching.PIECE_MINIMUM)
        least = floor * chinese_matching.TEMPLATES * 10.0**padding
        assert m["guesses"] >= least * 0.999, (password, m["token"], core_match["token"])


@budget(20)
@given(st.integers(0, 2**64), st.integers(8, 16))
def test_every_part_costs_at_least_zxcvbns_minimum(seed: int, length: int) -> None:
    """Every match a verdict chooses from costs at least zxcvbn's minimum for a part of
    the password (50 guesses for two characters or more, 10 for one), the ones priced
    here too: yey3 read as 爷爷 (16) or Ws as initials (4) made random strings weak."""
    from zxcvbn import scoring

    password = password_samples.random_password(random.Random(seed), length)  # noqa: S311
    for m in strength._all_matches(password, _verdict_dictionaries()):
        if len(m["token"]) < len(password):
            least = scoring.MIN_SUBMATCH_GUESSES_SINGLE_CHAR
            if len(m["token"]) > 1:
                least = scoring.MIN_SUBMATCH_GUESSES_MULTI_CHAR
            assert zxcvbn_speed.price(m, password) >= least, (password, m["token"])


LEET_OF = {"a": "4@", "o": "0", "i": "1!", "e": "3", "s": "5$", "t": "7"}


# log10 guesses the rules may add: one rule 2 (a factor of 100), each further one 1.
def _allowance(rules: set[str]) -> float:
    return 1.0 + len(rules)


def _as_a_part(word: str) -> float:
    """log10 of what ``word`` costs as a part of a longer password: its own price, but
    no less than zxcvbn's minimum for a part of two characters or more (50).  A word
    ranked 3 (gege) costs 3 guesses alone and 50 as soon as anything is added to it,
    in zxcvbn's scoring as here, mangled or not."""
    from zxcvbn import scoring

    bare = strength.evaluate(word, NOBODY).guesses_log10
    return max(bare, math.log10(scoring.MIN_SUBMATCH_GUESSES_MULTI_CHAR))


def _weak_words() -> list[str]:
    words = chinese_matching.lexicon()[0]
    # Up to 16 letters: one phrase search looks ahead MAX_PHRASE_LETTERS (24) letters.
    common = sorted((w for w in words if 4 <= len(w) <= 16), key=words.__getitem__)
    phrases = chinese_matching.set_phrases()
    idioms = sorted((w for w in phrases if 6 <= len(w) <= 16), key=phrases.__getitem__)
    return common[:2000] + idioms[:500]


@budget(25)
@given(
    st.sampled_from(_weak_words()),
    st.data(),
    st.sets(st.sampled_from(["separators", "case", "leet", "padding"]), min_size=1),
)
def test_a_mangled_weak_word_costs_the_bare_word_plus_a_little(word, data, rules) -> None:
    """Separators between its parts, capitals (at the parts' starts when separated,
    else the first letter or all), leet, a doubled symbol at the end, as cracking
    rules make them: at most 2 more in log10 of the guesses for one, 1 for each more."""
    cuts = sorted(data.draw(st.sets(st.integers(1, len(word) - 1), max_size=3)))
    parts = [word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True)]
    if "leet" in rules:
        letters = sorted({ch for ch in word if ch in LEET_OF})
        for letter in data.draw(st.lists(st.sampled_from(letters), max_size=2)) if letters else []:
            sub = data.draw(st.sampled_from(LEET_OF[letter]))
            parts = [p.replace(letter, sub) for p in parts]
    if "case" in rules:
        if "separators" in rules:
            parts = [p[:1].upper() + p[1:] for p in parts]
        elif data.draw(st.booleans()):
            parts = [p.upper() for p in parts]
        else:
            parts[0] = parts[0].capitalize()
    separators = "-._ " if "leet" in rules else "-._ @"
    joint = data.draw(st.sampled_from(separators)) if "separators" in rules else ""
    mangled = joint.join(parts)
    if "padding" in rules:
        mangled += data.draw(st.sampled_from("!@#.*")) * 2
    bare = _as_a_part(word)
    seen = strength.evaluate(mangled, NOBODY).guesses_log10
    assert seen <= bare + _allowance(rules), (word, mangled, bare, seen)


@pytest.mark.parametrize(
    ("word", "mangled", "rules"),
    [
        # hypothesis's finds (and a longer random run's): a part of a structure was
        # priced at zxcvbn's minimum for a part (50), and a doubled syllable was not
        # seen once cased or split, or priced by its rank only where zxcvbn's repeat
        # takes the unit's cheapest reading.
        ("zhong", "zhong!!", {"padding"}),
        ("zhongxing", "zhongxing!!", {"padding"}),
        ("like", "like**", {"padding"}),
        ("gege", "Gege@@", {"case", "padding"}),
        ("jinjin", "j.i.njin##", {"padding", "separators"}),
        ("gege", "ge_g_e..", {"padding", "separators"}),  # ge: initials, cheaper than rank
    ],
)
def test_mangled_words_found_by_the_property_test(word: str, mangled: str, rules) -> None:
    bare = _as_a_part(word)
    assert strength.evaluate(mangled, NOBODY).guesses_log10 <= bare + _allowance(rules)


@pytest.mark.parametrize(
    ("password", "habit"),
    [
        ("2wsx#EDC4rfv", "keyboard"),
        # Aa13 read as a leet phrase or a13 as initials no longer pads 12345678 cheaply
        ("Aa13812345678!", "mobile"),
        ("LiuYang@1988", "chinese"),  # liuyang: a whole password of the corpus list
        ("Wo.Ai.Ni@520", "mangled"),
        ("Aa@1990-03-07", "date"),
        ("Baidu@2024", "brand"),
        pytest.param(
            "Woxiangni@520",
            "pinyin",
            marks=pytest.mark.xfail(strict=True, reason="the corpus lists woxiangni whole"),
        ),
    ],
)
def test_the_advice_names_the_pattern_found(password: str, habit: str) -> None:
    result = strength.evaluate(password, NOBODY)
    assert habit in result.habits
    assert strength.HABIT_WARNINGS[habit] in result.warnings


def test_a_keyboard_walk_is_not_your_name() -> None:
    """zxcvbn reads we1 as wei by leet; a three-letter piece of the name found only
    that way is chance, not the person's data."""
    result = strength.evaluate("Qwe123!@#", PERSONAL)
    assert result.personal == ()
    assert strength.PERSONAL_WARNING not in result.warnings
    assert "name" in strength.evaluate("Rt!zwei#Yk8", PERSONAL).personal


def test_no_advice_quotes_a_password_like_example() -> None:
    """An example such as Zhangwei@1990 in the advice could be the user's own password."""
    import re

    texts = [*strength.HABIT_WARNINGS.values(), strength.PADDING_WARNING, strength.SERVICE_WARNING]
    texts += [strength.PERSONAL_WARNING, strength.AVOID_PERSONAL]
    mixed = re.compile(r"[A-Za-z][^\s,()]*[\d@#!$%]|[\d@#!$%][^\s,()]*[A-Za-z]")
    assert not [t for t in texts if mixed.search(t)]


ADVERSARIAL = [
    ("4@3!1|0$57+(" * 90)[:1024],
    "aA" * 512,
    "1" * 1024,
    ("1qaz2wsx" * 128)[:1024],
    ("!QAZ@WSX#EDC" * 90)[:1024],
    ("Wo-Ai-Ni-" * 120)[:1024],
    ("ZhangWei" * 128)[:1024],
    ("13812345678" * 94)[:1024],
    ("a.b-c_d e" * 120)[:1024],
    ("sheng" * 205)[:1024],
]


@pytest.mark.parametrize("password", ADVERSARIAL)
def test_matching_work_is_bounded_on_any_input(password: str) -> None:
    """Counted, not timed: the lookups of one verdict stay under a fixed bound whatever
    the input (benchmarks/password.py times them)."""
    before = chinese_matching.Work.lookups
    strength.evaluate(password, PERSONAL)
    assert chinese_matching.Work.lookups - before <= 6 * chinese_matching.MAX_LOOKUPS


@budget(20)
@given(st.text(alphabet="abcdefgiloqwz1234!@ .-", min_size=1, max_size=28))
def test_the_float_search_equals_zxcvbns(password: str) -> None:
    import copy

    from zxcvbn import scoring

    matches = strength._all_matches(password, _dictionaries())
    ours = zxcvbn_speed.most_guessable_match_sequence(password, copy.deepcopy(matches))
    theirs = scoring.most_guessable_match_sequence(password, copy.deepcopy(matches))
    assert ours["guesses"] == pytest.approx(float(theirs["guesses"]), rel=1e-9)
    assert [(m["i"], m["j"]) for m in ours["sequence"]] == [
        (m["i"], m["j"]) for m in theirs["sequence"]
    ]


@budget(20)
@given(st.text(alphabet="abc4@3!1|0$57+({[<%2896", max_size=20))
def test_leet_readings_are_upstreams_capped(password: str) -> None:
    from zxcvbn import matching

    table = matching.relevant_l33t_subtable(password, matching.L33T_TABLE)
    upstream = zxcvbn_speed.upstream_l33t_subs(table)
    ours = chinese_matching.l33t_subs(table)
    as_set = {frozenset(sub.items()) for sub in upstream}
    assert all(frozenset(sub.items()) in as_set for sub in ours)
    assert len(ours) == min(len(as_set), chinese_matching.MAX_L33T_SUBS)


@pytest.mark.parametrize("name", ["pinyin_lexicon.txt", "brand_words.txt"])
def test_generated_data_names_its_source_version_and_licence(name: str) -> None:
    path = ROOT / "beianaudit" / "data" / "password" / name
    header = [line for line in path.read_text("utf-8").splitlines()[:12] if line.startswith("#")]
    text = " ".join(header)
    assert "tools/password_lexicon.py" in text
    assert "jieba 0.42.1" in text
    assert "MIT" in text


def test_the_lexicon_is_ranked_by_use() -> None:
    words, surnames, _ = chinese_matching.lexicon()
    assert len(words) == len(set(words)) <= 40_000
    assert words["zhongguo"] < words["women"] < words["xiexie"]  # by jieba's frequencies
    assert surnames["wang"] < surnames["han"]
    assert max(words.values()) == len(words)
