"""The batch's fast paths give what the slow paths give, on every input (issue 20).

``url --file`` judges a plainly written link without ada-url (``plain_url``, one regular
expression), finds the brand typos of a label with an inlined ``near``, and keeps each
host's verdict (``judge_host``).  A fast path that changes one verdict is a bug: each
is held here to the slow path over generated links, including the look-alike and
confusable shapes the other URL tests make, and the benchmark's own mix.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from beianaudit.urls import classify as classify_module
from beianaudit.urls.classify import classify, judge_host, parse, plain_url
from beianaudit.urls.lookalike import (
    BRANDS,
    CHINESE_BRANDS,
    SUFFIX_BRANDS,
    WHOLE_BRANDS,
    Match,
    _code,
    _imitation,
    brand_skeleton,
    distance,
    near,
    skeleton,
)
from tests.conftest import ROOT
from tests.fuzzing import budget
from tests.test_urls_confusables import HOSTS, _substitutions


def generate(n: int) -> list[str]:
    """The benchmark's own mix of links (benchmarks/urls.py, which imports its sibling timing)."""
    if str(ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("bench_urls", ROOT / "benchmarks" / "urls.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.generate(n))


CORPUS = [
    json.loads(line)["url"]
    for line in (ROOT / "tests/data/urls/corpus.jsonl").read_text("utf-8").splitlines()
]


def _parsed(candidate: str) -> dict[str, str] | None:
    try:
        return dict(parse(candidate))
    except ValueError:
        return None


@contextmanager
def _slow() -> Iterator[None]:
    """Every link parsed by ada-url, every host judged afresh."""
    with mock.patch.object(classify_module, "plain_url", return_value=None):
        judge_host.cache_clear()
        try:
            yield
        finally:
            judge_host.cache_clear()


def _assert_same_verdict(links: list[str]) -> None:
    judge_host.cache_clear()
    fast = [(r, r.extra()) for r in map(classify, links)]
    with _slow():
        slow = [(r, r.extra()) for r in map(classify, links)]
    for link, one, other in zip(links, fast, slow, strict=True):
        assert one == other, link


# Pieces a link is made of, plain ones most often, with every character that WHATWG
# treats specially somewhere: case, dots and dot segments, percent-escapes, ports,
# userinfo, backslashes, IPv4 numbers, punycode, full-width and confusable letters.
_SCHEMES = st.sampled_from(
    ["http://", "https://", "HTTPS://", "hTtP://", "https:", "https:/", "ftp://", "//", ""]
)
_LABEL = st.one_of(
    st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True),
    st.sampled_from(
        [
            "beian",
            "miit",
            "gov",
            "cn",
            "com",
            "xn--zfr164b",
            "xn--abc",
            "0x1f",
            "0",
            "255",
            "1e3",
            "BEIAN",
            "bеian",
            "ｍiit",
            "-",
            "a-",
            "rn",
            "www",
            "备案",
            "ß",
            "",
        ]
    ),
    st.text(st.characters(codec="ascii"), max_size=4),
    st.integers(min_value=0, max_value=300).map(str),  # IPv4 numbers, and past 255
    st.sampled_from(["00", "01", "010", "0x7f"]),  # read as octal or hex
)
_NUMBER = st.one_of(
    st.integers(min_value=0, max_value=300).map(str), st.sampled_from(["00", "01", "0x7f", "a"])
)
_HOST = st.one_of(
    st.lists(_LABEL, min_size=1, max_size=5).map(".".join),
    st.lists(_NUMBER, min_size=3, max_size=5).map(".".join),  # IPv4 as written, or nearly
)
_TAIL_CHARS = st.sampled_from(
    [*(chr(c) for c in range(0x20, 0x7F)), "%2e", "%2E", "%20", "/.", "/..", "\t", "é", "。"]
)
_TAIL = st.lists(
    st.one_of(_TAIL_CHARS, st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True)), max_size=12
).map("".join)
_LINKS = st.builds(
    lambda scheme, auth, host, port, tail: f"{scheme}{auth}{host}{port}{tail}",
    _SCHEMES,
    st.sampled_from(["", "", "", "user@", "a:b@", "beian.miit.gov.cn@"]),
    _HOST,
    st.sampled_from(["", "", "", ":443", ":80", ":8080", ":", "."]),
    _TAIL,
)


@budget(150)
@given(st.one_of(_LINKS, st.text(max_size=60)))
@example("https://beian.miit.gov.cn/")
@example("HTTPS://BEIAN.MIIT.GOV.CN/a/b?x=1#y")
@example("http://a.com/?")
@example("http://a.com/a/%2e/b")
@example("http://a.com/a/../b")
@example("http://0x1f.com.0x1f/")
@example("https://xn--zfr164b.cn/")
@example("https://10.0.255.1/x")
@example("https://10.0.256.1/x")
@example("https://10.01.2.1/x")
@example("https://1.2.3/x")
@example("https://10.0.0.256/")
@example("https://10.0.0.01/")
def test_a_plain_link_is_read_as_ada_url_reads_it(text: str) -> None:
    fast = plain_url(text)
    if fast is not None:
        assert fast == _parsed(text), text


def test_the_plain_path_is_taken_by_plain_links() -> None:
    """Not vacuous: the common shapes take it (and the benchmark's mix, mostly)."""
    for link in ("https://beian.miit.gov.cn/", "http://Example.COM/a?b=c#d", "https://a-b.cn"):
        assert plain_url(link) == _parsed(link)
    mix = generate(400)
    assert sum(plain_url(link) is not None for link in mix) > len(mix) // 2


@budget(75)
@given(st.lists(st.one_of(_LINKS, st.text(max_size=40)), min_size=1, max_size=8))
def test_classify_is_the_same_with_and_without_the_fast_paths(links: list[str]) -> None:
    _assert_same_verdict(links)


def test_the_benchmark_mix_and_the_corpus_are_judged_alike() -> None:
    _assert_same_verdict(generate(2000) + CORPUS)


@pytest.mark.parametrize("host", HOSTS)
def test_every_confusable_substitution_is_judged_alike(host: str) -> None:
    spoofs = [spoof for spoof, _why in _substitutions(host)]
    _assert_same_verdict([f"https://{spoof}/path?q=1" for spoof in spoofs])


def _imitation_by_definition(part: str) -> Match | None:
    """``_imitation`` as the brands define it, each skeleton made afresh, ``near`` called."""
    sk = skeleton(part)
    for brand in BRANDS + WHOLE_BRANDS:
        if sk == brand_skeleton(brand):
            return Match(_code(part, brand), part, brand)
    for brand in BRANDS:
        if brand_skeleton(brand) in sk:
            return Match(_code(part, brand), part, brand)
        if len(part) >= 4 and near(sk, brand_skeleton(brand)):
            return Match("typo", part, brand)
    for brand in SUFFIX_BRANDS:
        if brand_skeleton(brand) in sk:
            return Match(_code(part, brand), part, brand)
    if not part.isascii():
        for brand in CHINESE_BRANDS:
            if brand in part:
                return Match("brand_token", part, brand)
    return None


@budget(125)
@given(st.one_of(st.text("beianmitgovcnrx01-", min_size=1, max_size=9), st.text(max_size=9)))
@example("mitt")
@example("rniit")
@example("beain")
@example("g0vcn")
def test_the_inlined_typo_test_is_near(part: str) -> None:
    assert _imitation.__wrapped__(part) == _imitation_by_definition(part)


def _brand_in_path_by_definition(path: str) -> bool:
    from urllib.parse import unquote

    from beianaudit.urls.classify import _DOTS, OFFICIAL_DOMAIN

    lowered = unquote(path[:2048]).lower().translate(_DOTS)
    return OFFICIAL_DOMAIN in lowered or brand_skeleton(OFFICIAL_DOMAIN) in skeleton(lowered[:512])


def test_of_ascii_only_the_dot_has_a_skeleton_with_a_dot() -> None:
    """What lets ``_brand_in_path`` answer a path without a dot at once."""
    assert [chr(c) for c in range(128) if "." in skeleton(chr(c))] == ["."]
    assert "." in brand_skeleton(classify_module.OFFICIAL_DOMAIN)


@budget(125)
@given(
    st.lists(
        st.one_of(
            _TAIL_CHARS,
            st.sampled_from(["miit", "rniit", "gov", "cn", "%2E", "．", "｡", "ｍ", "/"]),
        ),
        max_size=14,
    ).map("".join)
)
@example("/miit.gov.cn/login")
@example("/rniit%2egov%2ecn")
@example("/miit。gov。cn")
def test_the_brand_in_a_path_is_found_as_by_definition(path: str) -> None:
    assert classify_module._brand_in_path(path) == _brand_in_path_by_definition(path)


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance, the whole table, no shortcut."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        table[i][0] = i
    for j in range(len(b) + 1):
        table[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[len(a)][len(b)]


@budget(200)
@given(
    st.text("beianmitrxo", max_size=11),
    st.sampled_from(["beianmiit", "miit", "beian", "rniit", "gov", "govcn", ""]),
    st.integers(min_value=0, max_value=3),
)
@example("beain", "beian", 1)
@example("mitt", "miit", 1)
def test_distance_with_its_shortcuts_is_the_capped_distance(a: str, b: str, limit: int) -> None:
    assert distance(a, b, limit) == min(_osa(a, b), limit + 1)


def test_a_verdict_made_fast_is_the_dataclass_made_by_its_constructor() -> None:
    import dataclasses

    from beianaudit.urls.classify import UrlResult, _made

    values = ("in", "other", "https://a.cn/", "a.cn", "a.cn", "a.cn", (("unrelated", {}),))
    made, built = _made(*values), UrlResult(*values)
    assert made == built
    assert vars(made) == vars(built)  # every field, hops included: none is left unset
    assert [f.name for f in dataclasses.fields(UrlResult)] == [*vars(built)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.verdict = "official"  # type: ignore[misc]


@pytest.mark.parametrize("command", ["url", "id"])
@pytest.mark.parametrize(
    ("lang", "words"), [("en", "only the verdict's own"), ("zh_CN", "只含判定本身的字段")]
)
def test_help_says_what_the_compact_line_is(command: str, lang: str, words: str) -> None:
    """In a fresh process, as a user runs it: option help is translated at import."""
    import subprocess

    argv = [sys.executable, "-m", "beianaudit", "--lang", lang, command, "--help"]
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "".join(words.split()) in "".join(result.stdout.split())  # however it wraps
