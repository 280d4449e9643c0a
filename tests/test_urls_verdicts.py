"""Verdicts on hosts the tool did not write: providers' portals, lookup sites, shared
hosting, typos of gov.cn itself, the name in the query, words that are no link."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.urls.classify import _domain_names, classify


def _listed(name: str) -> list[tuple[str, str]]:
    return sorted(_domain_names(name).items())


@pytest.mark.parametrize(("domain", "owner"), _listed("providers.txt"))
def test_every_access_providers_portal_is_other_and_named(domain: str, owner: str) -> None:
    hosts = [f"beian.{domain}"] if domain.count(".") < 2 else [domain, f"x.{domain}"]
    for host in hosts:
        result = classify(f"https://{host}/")
        assert result.verdict == "other", (host, result.reasons)
        assert result.reasons[0][0] == "provider_portal"
        assert owner in result.message()
    # …but anything more than the plain word under it is still a look-alike.
    for host in (f"beian-miit.{domain}", f"beiam.{domain}", f"bеian.{domain}"):
        assert classify(f"https://{host}/").verdict == "lookalike", host
    assert classify(f"https://beian.miit.gov.cn.{domain}/").verdict == "lookalike"


def test_other_hosts_of_a_providers_domain_are_merely_unrelated() -> None:
    for host in ("www.baidu.com", "map.baidu.com", "www.aliyun.com", "mail.35.com"):
        assert classify(f"https://{host}/").reasons[0][0] == "unrelated"


@pytest.mark.parametrize(("domain", "owner"), _listed("lookups.txt"))
def test_filing_lookup_sites_are_other(domain: str, owner: str) -> None:
    hosts = [f"beian.{domain}"] if domain.count(".") < 2 else [domain]
    for host in hosts:
        result = classify(f"https://{host}/")
        assert result.verdict == "other", (host, result.reasons)
        assert result.reasons[0][0] == "lookup_site"
    assert classify(f"https://miit-beian.{domain}/").verdict == "lookalike"


# Hosts on which anyone can put a page or a bucket: never excused.
SHARED = [
    *(f"beian.oss-cn-{r}.aliyuncs.com" for r in ("hangzhou", "beijing", "shanghai", "shenzhen")),
    "beian.bcebos.com",
    "beian.bj.bcebos.com",
    "beian.cos.ap-guangzhou.myqcloud.com",
    "beian.obs.cn-north-4.myhuaweicloud.com",
    "beian-miit.github.io",
    "beian.gitee.io",
    "beian.vercel.app",
    "beian.pages.dev",
    "beian.netlify.app",
]


@pytest.mark.parametrize("host", SHARED)
def test_shared_hosting_stays_lookalike(host: str) -> None:
    assert classify(f"https://{host}/").verdict == "lookalike"


def _gov_suffix_typos() -> list[str]:
    words = ["govcn", "gov-cn", "g0vcn", "g0v-cn", "gov.cn", "gövcn", "govcn-login", "my-govcn"]
    tlds = ["com", "cn", "net", "top", "com.cn", "xyz"]
    return [f"{www}{word}.{tld}" for www, word, tld in itertools.product(("", "www."), words, tlds)]


@pytest.mark.parametrize("host", _gov_suffix_typos())
def test_typos_of_gov_cn_itself_are_lookalikes(host: str) -> None:
    result = classify(f"https://{host}/")
    assert result.verdict == "lookalike", (host, result.reasons)


@pytest.mark.parametrize("word", ["govtrack.us", "gover.com", "cnn.com", "example.cn"])
def test_gov_inside_an_ordinary_word_is_not_a_typo(word: str) -> None:
    assert classify(f"https://{word}/").verdict == "other"


def _name_in_query() -> list[str]:
    names = ["beian.miit.gov.cn", "BEIAN.MIIT.GOV.CN", "miit.gov.cn", "beian。miit。gov。cn"]
    shapes = ["?u={}", "?next=https://{}/", "#{}", "#@{}", "?a=1#/{}/login", "?{}"]
    return [f"https://evil.com/{s.format(n)}" for s, n in itertools.product(shapes, names)]


@pytest.mark.parametrize("url", _name_in_query())
def test_the_official_name_in_the_query_or_fragment_is_a_lookalike(url: str) -> None:
    result = classify(url)
    assert result.verdict == "lookalike", result.reasons
    assert result.reasons[-1][0] in ("brand_in_query", "brand_in_path")
    no_scheme = url.removeprefix("https://").replace("evil.com/", "evil.com", 1)
    assert classify(no_scheme).verdict == "lookalike"


@given(st.text(st.characters(blacklist_characters="./:\\。．｡﹒․", codec="utf-8"), min_size=1))
def test_a_line_without_scheme_or_dot_is_no_link(line: str) -> None:
    result = classify(line)
    assert result.verdict == "invalid" or result.host.count(".") >= 1, (line, result)


@pytest.mark.parametrize("line", ["x" * 5000, "xxxx", "备案", "localhost", "beian"])
def test_junk_lines_are_invalid(line: str) -> None:
    assert classify(line).verdict == "invalid"
