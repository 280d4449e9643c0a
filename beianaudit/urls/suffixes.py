"""The public suffix of a host, from the Public Suffix List snapshot that tldextract bundles.

tldextract itself imports ``requests`` (and with it ``urllib3``, ``charset_normalizer``…)
at import time, 60 ms and more of every start that judges a host, for a download that
beianaudit never makes.  This reads the same snapshot (``tldextract/.tld_set_snapshot``,
located without importing the package) and walks it exactly as tldextract 5's
``TLDExtract(suffix_list_urls=(), cache_dir=None)`` does, public (ICANN) rules only:
``tests/test_urls_suffixes.py`` compares the two on every rule of the list and on
generated hosts.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

_PRIVATE = "// ===BEGIN PRIVATE DOMAINS==="  # tldextract.suffix_list's separator
_RULE = re.compile(r"^(?P<suffix>[.*!]*\w[\S]*)", re.UNICODE | re.MULTILINE)
_END = None  # a trie node's key that marks the end of a rule (no label is None)
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.")


class Split(NamedTuple):
    """What tldextract's ``ExtractResult`` says of a host, in its field names."""

    subdomain: str
    domain: str
    suffix: str

    @property
    def top_domain_under_public_suffix(self) -> str:
        return f"{self.domain}.{self.suffix}" if self.domain and self.suffix else ""


def snapshot_path() -> Path:
    """tldextract's bundled snapshot, found without running ``tldextract/__init__``."""
    spec = importlib.util.find_spec("tldextract")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("tldextract")
    return Path(next(iter(spec.submodule_search_locations))) / ".tld_set_snapshot"


@cache
def rules() -> tuple[str, ...]:
    """The ICANN section's rules, as tldextract's ``tlds`` lists them by default."""
    text = snapshot_path().read_text("utf-8")
    return tuple(_RULE.findall(text.partition(_PRIVATE)[0]))


def _trie(found: Any = None) -> dict[Any, Any]:
    """The rules (``found``, else all of them) as tldextract's trie: label by label from
    the right, ``_END`` where a rule ends."""
    root: dict[Any, Any] = {}
    for rule in rules() if found is None else found:
        node = root
        for label in reversed(rule.split(".")):
            node = node.get(label) or node.setdefault(label, {})
        node[_END] = True
    return root


@cache
def _by_top() -> dict[str, list[str]]:
    """The rules grouped by their last label, in one pass over the list: a label that
    ends no rule (a random word after a dot) is then one dict miss, not a scan of
    every rule (which made a batch of such hosts 10x slower)."""
    groups: dict[str, list[str]] = {}
    for rule in rules():
        groups.setdefault(rule.rpartition(".")[2], []).append(rule)
    return groups


_TOPS: dict[str, dict[Any, Any] | None] = {}  # built children, one per label that ends a rule


def _top(label: str) -> dict[Any, Any] | None:
    """The trie's child ``label`` of the root, built from the rules of that last label
    only: a host asks for one or two of them, never for the whole trie.  Only labels
    that end a rule are kept (a bounded set), so a batch of random labels costs no memory."""
    try:
        return _TOPS[label]
    except KeyError:
        pass
    found = _by_top().get(label)
    if found is None:
        return None
    node = _TOPS[label] = _trie(found).get(label)
    return node


class _Root:
    """The trie's root, each child of it built on first use (:func:`_top`)."""

    def get(self, label: str) -> dict[Any, Any] | None:
        return _top(label)

    def __contains__(self, label: object) -> bool:
        return isinstance(label, str) and _top(label) is not None


def _decode(label: str) -> str:
    lowered = label.lower()
    if lowered.startswith("xn--"):
        import idna  # as tldextract decodes; only for a punycode label

        try:
            return str(idna.decode(lowered))
        except (UnicodeError, IndexError):
            pass
    return lowered


def _netloc(url: str) -> str:
    """tldextract.remote.lenient_netloc: the host of a URL-like string, case kept."""
    slashes = url.find("//")
    if slashes == 0:
        url = url[2:]
    elif slashes >= 2 and url[slashes - 1] == ":" and set(url[: slashes - 1]) <= _SCHEME_CHARS:
        url = url[slashes + 2 :]
    authority = url.partition("/")[0].partition("?")[0].partition("#")[0]
    after = authority.rpartition("@")[-1]
    if after and after[0] == "[":
        ipv6 = after.partition("]")
        if ipv6[1] == "]":
            return f"{ipv6[0]}]"
    return after.partition(":")[0].strip().rstrip(".\u3002\uff0e\uff61")


_ROOT = _Root()


def _suffix_index(labels: list[str], plain: bool = False) -> int | None:
    """tldextract's ``suffix_index``: where the public suffix starts, ``None`` without one
    (``plain``: the labels are lower-case ASCII, none punycode, so each is its decoding)."""
    node: Any = _ROOT
    suffix_idx = label_idx = len(labels)
    for label in reversed(labels):
        decoded = label if plain else _decode(label)
        child = node.get(decoded)
        if child is not None:
            label_idx -= 1
            node = child
            if _END in node:
                suffix_idx = label_idx
            continue
        if "*" in node:
            return label_idx if "!" + decoded in node else label_idx - 1
        break
    return None if suffix_idx == len(labels) else suffix_idx


_IPV4 = re.compile(
    r"^(?:(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.)"
    r"{3}(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$",
    re.ASCII,
)


# A host as ada-url gives one (lower case, dotted, ASCII): its own netloc, as it is.
_PLAIN_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*")


def split(url: str) -> Split:
    """``tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None).extract_str(url)``,
    its first three fields."""
    plain = _PLAIN_HOST.fullmatch(url) is not None
    if plain:  # nothing for _netloc to cut or for the dots to change
        netloc = url
        plain = "xn--" not in url
    else:
        netloc = _netloc(url).replace("\u3002", ".").replace("\uff0e", ".").replace("\uff61", ".")
        if len(netloc) >= 4 and netloc[0] == "[" and netloc[-1] == "]" and _is_ipv6(netloc[1:-1]):
            return Split("", netloc, "")
    labels = netloc.split(".")
    index = _suffix_index(labels, plain)
    if index is None:
        if len(labels) == 4 and netloc[:1].isdecimal() and _IPV4.fullmatch(netloc):
            return Split("", netloc, "")
        return Split(".".join(labels[:-1]), labels[-1], "")
    subdomain = ".".join(labels[: index - 1]) if index >= 2 else ""
    domain = labels[index - 1] if index > 0 else ""
    return Split(subdomain, domain, ".".join(labels[index:]))


def _is_ipv6(text: str) -> bool:
    from ipaddress import AddressValueError, IPv6Address

    try:
        IPv6Address(text)
    except AddressValueError:
        return False
    return True


class Extractor:
    """The part of ``tldextract.TLDExtract`` that beianaudit uses, without its import."""

    def extract_str(self, url: str) -> Split:
        return split(url)

    @property
    def tlds(self) -> list[str]:
        return list(rules())

    __call__ = extract_str
