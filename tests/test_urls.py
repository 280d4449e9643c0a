"""URL verdicts: the corpus of tricks, browser-vs-urllib differentials, properties."""

from __future__ import annotations

import json
import urllib.parse

import ada_url
import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.urls.classify import (
    MAX_LENGTH,
    OFFICIAL_HOST,
    VERDICTS,
    _extractor,
    classify,
)
from beianaudit.urls.lookalike import distance, skeleton
from tests.conftest import ROOT
from tests.fuzzing import budget

CORPUS = [
    json.loads(line)
    for line in (ROOT / "tests/data/urls/corpus.jsonl").read_text("utf-8").splitlines()
]


@pytest.mark.parametrize("case", CORPUS, ids=[c["why"] for c in CORPUS])
def test_corpus(case: dict[str, str]) -> None:
    result = classify(case["url"])
    assert result.verdict == case["verdict"], (case, result.reasons)
    assert case["reason"] in [code for code, _ in result.reasons]


def test_corpus_covers_every_verdict() -> None:
    assert {c["verdict"] for c in CORPUS} == set(VERDICTS)
    assert sum(c["verdict"] == "lookalike" for c in CORPUS) >= 30


# Inputs on which urllib and a browser disagree about the host; each is a trick.
DIFFERENTIALS = [
    # (input, the host a browser connects to, our verdict)
    ("https://evil.com\\@beian.miit.gov.cn/", "evil.com", "lookalike"),
    ("https://beian.miit.gov.cn\\@evil.com/", "beian.miit.gov.cn", "official"),
    ("https:beian.miit.gov.cn/", "beian.miit.gov.cn", "official"),
    ("https:\\\\evil.com\\beian.miit.gov.cn", "evil.com", "lookalike"),
    ("https://be%69an.miit.gov.cn/", "beian.miit.gov.cn", "official"),
    ("https://beian.miit.gov.cn%2eevil.com/", "beian.miit.gov.cn.evil.com", "lookalike"),
    ("https://0x7f.1/", "127.0.0.1", "other"),
    ("http://2130706433/", "127.0.0.1", "other"),
    ("https://beian。miit。gov。cn/", "beian.miit.gov.cn", "official"),
    ("https://beian。miit。gov。cn。evil。com/", "beian.miit.gov.cn.evil.com", "lookalike"),
    ("https://ＢＥＩＡＮ.miit.gov.cn/", "beian.miit.gov.cn", "official"),
]


@pytest.mark.parametrize(("text", "browser_host", "verdict"), DIFFERENTIALS)
def test_browser_and_urllib_disagree(text: str, browser_host: str, verdict: str) -> None:
    try:
        urllib_host = urllib.parse.urlsplit(text).hostname
    except ValueError:
        urllib_host = None
    assert urllib_host != browser_host  # the differential is real
    result = classify(text)
    assert result.host.rstrip(".") == browser_host
    assert result.verdict == verdict


def test_a_password_in_the_link_is_not_repeated() -> None:
    result = classify("https://beian.miit.gov.cn:Hunter2x@evil.example/")
    assert result.verdict == "lookalike"
    assert "Hunter2x" not in result.message()
    assert "beian.miit.gov.cn:***" in result.message()


def test_punycode_and_unicode_forms() -> None:
    result = classify("https://bеian.miit.gov.cn/")
    assert result.host == "xn--bian-v4d.miit.gov.cn"
    assert result.host_unicode == "bеian.miit.gov.cn"
    assert "xn--bian-v4d.miit.gov.cn" in result.message()
    assert "bеian.miit.gov.cn" in result.message()


def test_oversized_and_junk_inputs_are_invalid() -> None:
    assert classify("https://x.cn/" + "a" * 10_000_000).reasons[0][0] == "too_long"
    assert len(classify("a" * (MAX_LENGTH + 1)).input) < 4000  # the input is clipped
    assert classify("\x00\x01\x02").verdict == "invalid"
    assert classify("\ud800").verdict == "invalid"  # a lone surrogate


def test_the_suffix_list_is_tldextracts_bundled_snapshot() -> None:
    from beianaudit.urls.suffixes import Extractor, snapshot_path

    assert isinstance(_extractor(), Extractor)
    assert snapshot_path().parent.name == "tldextract"


def test_skeleton_and_distance() -> None:
    assert skeleton("rniit") == skeleton("miit")
    assert skeleton("bеіаn") == "beian"  # Cyrillic е і а
    assert skeleton("ｂｅｉａｎ") == "beian"
    assert skeleton("béìan") == "beian"
    assert distance("beain", "beian") == 1  # a transposition is one edit
    assert distance("mit", "miit") == 1
    assert distance("abcdef", "a", limit=2) == 3


def _official_by_spec(text: str) -> bool:
    """The definition, checked apart from the classifier: what a browser would open."""
    try:
        url = ada_url.URL(text.strip("".join(chr(c) for c in range(0x21))))
    except ValueError:
        return False
    return (
        url.protocol == "https:"
        and url.hostname in (OFFICIAL_HOST, OFFICIAL_HOST + ".")
        and url.port == ""
        and url.username == ""
        and url.password == ""
    )


@budget(75)
@given(st.text(max_size=80))
def test_any_text_gets_a_verdict(text: str) -> None:
    result = classify(text)
    assert result.verdict in VERDICTS
    if result.verdict == "official":
        assert _official_by_spec(text)


_ALPHABET = st.sampled_from(
    [*list("beianmitgovcn.-@:/\\%2e\t"), "。", "і", "е", "ｂ", "\u200b", "\xad", "rn", "1", "0"]
)


@budget(100)
@given(
    st.integers(min_value=0, max_value=len("https://beian.miit.gov.cn/")),
    st.lists(_ALPHABET, min_size=1, max_size=3).map("".join),
    st.integers(min_value=0, max_value=3),
)
def test_no_edit_of_the_official_url_is_wrongly_official(pos: int, insert: str, drop: int) -> None:
    base = "https://beian.miit.gov.cn/"
    text = base[:pos] + insert + base[pos + drop :]
    result = classify(text)
    assert (result.verdict == "official") == _official_by_spec(text), (text, result)


@budget(40)
@given(
    st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True),
    st.sampled_from(["com", "net", "top", "xyz", "cn", "com.cn", "io"]),
    st.sampled_from(["https://", "http://", ""]),
)
def test_official_name_under_any_other_domain_is_lookalike(
    label: str, tld: str, scheme: str
) -> None:
    for host in (f"beian.miit.gov.cn.{label}.{tld}", f"{label}.beian.miit.gov.cn.{tld}"):
        assert classify(f"{scheme}{host}/login").verdict == "lookalike"
    assert classify(f"https://beian.miit.gov.cn@{label}.{tld}/").verdict == "lookalike"


@budget(75)
@given(st.sampled_from(["beian", "miit"]), st.text("beianmtx", min_size=3, max_size=7))
def test_the_typo_prefilter_never_hides_a_typo(brand: str, word: str) -> None:
    from beianaudit.urls.lookalike import _imitation

    if distance(word, brand, 1) <= 1 and len(word) >= 4 and brand not in word:
        match = _imitation(word)
        assert match is not None
        assert match.code in ("typo", "brand_token", "homoglyph")
