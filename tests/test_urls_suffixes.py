"""beianaudit.urls.suffixes against tldextract itself, on the whole list and generated hosts."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache

import tldextract
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.urls import suffixes
from tests.fuzzing import budget


@cache
def reference() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def same(host: str) -> None:
    ours = suffixes.split(host)
    theirs = reference().extract_str(host)
    assert ours == (theirs.subdomain, theirs.domain, theirs.suffix), host
    assert ours.top_domain_under_public_suffix == theirs.top_domain_under_public_suffix


def rules() -> list[str]:
    text = suffixes.snapshot_path().read_text("utf-8")
    return re.findall(r"^[.*!]*\w\S*", text, re.MULTILINE)


def test_every_rule_of_the_snapshot_splits_as_tldextract_splits_it() -> None:
    found = rules()
    assert len(found) > 5000  # public and private: both kinds of rule are compared
    for rule in found:
        bare = rule.lstrip("!").replace("*", "x")
        for host in (rule, bare, f"a.{bare}", f"sub.a.{bare}", f"A.{bare.upper()}."):
            same(host)


LABEL = st.sampled_from(
    [
        "",
        "a",
        "com",
        "cn",
        "CN",
        "gov",
        "Gov",
        "miit",
        "beian",
        "*",
        "!www",
        "www",
        "ck",
        "kawasaki",
        "xn--fiqs8s",
        "xn--zfr164b",
        "xn--",
        "xn--a",
        "政务",
        "中国",
        "公司",
        "co",
        "uk",
        "github",
        "io",
        "1",
        "255",
        "300",
        "0",
    ]
)
HOST = st.lists(LABEL, max_size=6).map(".".join)
EXTRA = st.sampled_from(["", ".", "。", "．", ":443", "@x.com", "/path", "?q", "#f"])


@budget(250)
@given(
    st.sampled_from(["", "https://", "http://", "//", "HTTP://", "a b://", "x:"]),
    st.text(alphabet="ab.@:[]/。．xn-", max_size=12) | HOST,
    EXTRA,
)
def test_generated_hosts_and_urls_split_as_tldextract_splits_them(
    scheme: str, host: str, extra: str
) -> None:
    same(scheme + host + extra)


@budget(50)
@given(st.text(max_size=30))
def test_any_text_splits_as_tldextract_splits_it(text: str) -> None:
    same(text)


def test_ip_addresses() -> None:
    for host in ("10.0.0.1", "[::1]", "[fe80::1]", "256.1.1.1", "1.2.3", "[zz]"):
        same(host)


def test_reading_the_list_imports_neither_tldextract_nor_requests() -> None:
    code = (
        "import sys\nfrom beianaudit.urls import suffixes\n"
        "assert suffixes.split('a.b.com.cn').suffix == 'com.cn'\n"
        "print(sorted(m for m in ('tldextract', 'requests') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_each_top_label_built_alone_is_that_child_of_the_whole_trie() -> None:
    """The root's children are built one last label at a time (issue 20): each equals
    that child of the trie of every rule; a label no rule ends in has none."""
    whole = suffixes._trie()
    root = suffixes._Root()
    for label in [*whole, "*", "!www", "example", "c", "om", "xn--", ""]:
        assert root.get(label) == whole.get(label), label
        assert (label in root) == (label in whole), label
    assert None not in root
