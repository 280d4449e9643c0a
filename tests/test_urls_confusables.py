"""The whole UTS #39 confusables table over every letter of the filing system's name.

The homoglyphs are generated here from the data file as shipped (tools/confusables.py,
ICU's table), apart from the classifier's own skeleton code: a character is a
homoglyph of a letter when the table gives it the skeleton of that letter (lower or
capital), or when NFKD (as IDNA folds mathematical and full-width letters) makes it
such a character.  Every single substitution must come out ``lookalike`` (or
``invalid`` when a browser cannot open it), or ``official`` only when the browser's
host is the real one (a full-width letter folds to the letter itself).
"""

from __future__ import annotations

import unicodedata
from functools import cache

import pytest

from beianaudit.urls.classify import classify
from tests.conftest import ROOT

TABLE_PATH = ROOT / "beianaudit/data/urls/confusables.txt"
# Hosts whose letters are substituted one at a time: the filing system, its brand
# words on their own, and the government suffix.
HOSTS = ("beian.miit.gov.cn", "beian.com", "miit.com", "www.gov.cn", "beian-gov.cn.com")


@cache
def raw_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in TABLE_PATH.read_text("utf-8").split("\n"):
        if line and not line.startswith("#"):
            code, target, _ = line.split("\t", 2)
            table[chr(int(code, 16))] = "".join(chr(int(c, 16)) for c in target.split())
    return table


def _bare(text: str) -> str:
    """Without combining marks: ᵻ is ɪ with a stroke overlay, a stroked i."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@cache
def _nfkd_folds() -> dict[str, list[str]]:
    """Every character NFKD folds to one other character, by that character: one pass
    over Unicode for all letters (was one per letter, 0.3 s each)."""
    folds: dict[str, list[str]] = {}
    for cp in range(0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        folded = unicodedata.normalize("NFKD", ch)
        if folded != ch and len(folded) == 1:
            folds.setdefault(folded, []).append(ch)
    return folds


@cache
def homoglyphs(letter: str) -> frozenset[str]:
    """Every character the table makes look like ``letter`` (or its capital)."""
    table = raw_table()
    targets = {table.get(letter, letter), table.get(letter.upper(), letter.upper())}
    found = {ch for ch, target in table.items() if _bare(target) in targets}
    for folded, chars in _nfkd_folds().items():
        if table.get(folded, folded) in targets:
            found.update(chars)
    found.discard(letter)
    return frozenset(found)


def test_the_table_is_whole() -> None:
    header = TABLE_PATH.read_text("utf-8")[:600]
    assert "ICU" in header
    assert "Unicode License" in header
    assert "tools/confusables.py" in header
    assert len(raw_table()) > 6000
    # The characters the issue found missing from the old subset, each by name.
    for letter, glyph in [
        ("a", "Ꭺ"),  # CHEROKEE LETTER GO
        ("i", "ɪ"),  # LATIN LETTER SMALL CAPITAL I
        ("i", "ӏ"),  # CYRILLIC SMALL LETTER PALOCHKA
        ("n", "𝔑"),  # MATHEMATICAL FRAKTUR CAPITAL N
        ("n", "𝓃"),  # MATHEMATICAL SCRIPT SMALL N
        ("i", "ᵻ"),  # LATIN SMALL CAPITAL LETTER I WITH STROKE
    ]:
        assert glyph in homoglyphs(letter), (letter, glyph)


def _substitutions(host: str) -> list[tuple[str, str]]:
    return [
        (host[:i] + glyph + host[i + 1 :], f"{letter}->U+{ord(glyph):04X}")
        for i, letter in enumerate(host)
        if letter.isalpha()
        for glyph in sorted(homoglyphs(letter))
    ]


@pytest.mark.parametrize("host", HOSTS)
def test_every_single_homoglyph_substitution_is_a_lookalike(host: str) -> None:
    cases = _substitutions(host)
    assert len(cases) > 300
    wrong, changed = [], 0
    for spoof, why in cases:
        result = classify(f"https://{spoof}/")
        # A browser may fold the character to the letter itself (ｂ, ʷ): then the
        # host is the real one, and so is the verdict.
        same = result.host.rstrip(".") == host
        if result.verdict == "other" or (result.verdict in ("official", "gov_other") and not same):
            if _shown_as_another(result.host_unicode, spoof, host):
                changed += 1
                continue
            wrong.append((spoof, why, result.verdict, result.host))
    assert not wrong, f"{len(wrong)} of {len(cases)}: {wrong[:20]}"
    assert changed < len(cases) // 50, changed


def _shown_as_another(shown: str, spoof: str, host: str) -> bool:
    """IDNA changed the substituted character into one the table does not make look
    like the letter (Warang Citi capital 𑢵, an o, becomes its small letter, a 6): the
    browser shows no homoglyph there.  Such cases are counted, and must stay rare."""
    if len(shown) != len(host) or shown == host:
        return False
    i = next(i for i, (a, b) in enumerate(zip(spoof, host, strict=True)) if a != b)
    return shown[i] != spoof[i] and shown[i] not in homoglyphs(host[i])


@pytest.mark.parametrize("glyph", ["ɱ", "ḿ", "ṃ"])
def test_m_with_a_hook_or_accent(glyph: str) -> None:
    assert classify(f"https://{glyph}iit.com/").verdict == "lookalike"


@pytest.mark.parametrize("host", ["ьеіап.com", "ьеіаn.com", "ԁеіап.cn"])
def test_whole_script_lookalikes_stay_lookalike(host: str) -> None:
    result = classify(f"https://{host}/")
    if host.startswith("ԁ"):
        assert result.verdict == "other"  # d is not b: not every Cyrillic word is one
    else:
        assert result.verdict == "lookalike", (host, result.reasons)


# Near-misses of beian.miit under gov.cn, generated as dnstwist's fuzzers make them:
# omission, insertion, repetition, transposition, replacement, a split or joined label.
_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789-."


def _near_misses(name: str) -> set[str]:
    found: set[str] = set()
    for i in range(len(name) + 1):
        found.add(name[:i] + name[i + 1 :])  # omission
        found.update(name[:i] + c + name[i:] for c in _LETTERS)  # insertion
        if i < len(name) - 1:
            found.add(name[:i] + name[i + 1] + name[i] + name[i + 2 :])  # transposition
        if i < len(name):
            found.update(name[:i] + c + name[i + 1 :] for c in _LETTERS)  # replacement
    return {
        n
        for n in found
        if n != name and n.strip(".-") == n and ".." not in n and ".-" not in n and "-." not in n
    }


def test_near_misses_of_the_filing_system_under_gov_cn_are_lookalikes() -> None:
    names = _near_misses("beian.miit") | {"miit.beian", "bei-an.miit"}
    assert len(names) > 700
    wrong = []
    for name in sorted(names):
        for suffix in ("gov.cn", "政务"):
            result = classify(f"https://{name}.{suffix}/")
            if result.verdict != "lookalike" or "gov_lookalike" not in dict(result.reasons):
                wrong.append((name, suffix, result.verdict))
    assert not wrong, wrong[:20]


@pytest.mark.parametrize(
    "host",
    [
        "www.miit.gov.cn",
        "beian.mps.gov.cn",
        "www.gov.cn",
        "ca.miit.gov.cn",
        "miit.gov.cn",
        "www.beian.gov.cn",
        "www.mot.gov.cn",
        "www.miitbeian.gov.cn",
        "www.miit.政务",
    ],
)
def test_real_government_hosts_stay_gov_other(host: str) -> None:
    from beianaudit import i18n

    result = classify(f"https://{host}/")
    assert result.verdict == "gov_other", result.reasons
    assert "a government domain" in result.message()
    i18n.set_language("zh_CN")
    assert "真实" not in result.message()
    assert "政府域名" in result.message()


@pytest.mark.parametrize("mark", ["", "，", "、", "：", "→", "【", " "])
def test_homoglyph_links_in_a_message_are_never_official_elsewhere(mark: str) -> None:
    """The same substitutions (all of them glued on, one in 11 after a mark, for time),
    in a Chinese sentence as ``url --text`` reads it: no foreign host is official, none
    is merely unrelated."""
    from beianaudit.urls.classify import judge_found
    from beianaudit.urls.extract import extract

    wrong = []
    for spoof, why in _substitutions("beian.miit.gov.cn")[:: 1 if mark == "" else 11]:
        if why.endswith("U+007C"):  # |: no host character to a browser, nor to a phone
            continue
        for found in extract(f"请登录{mark}https://{spoof}/{mark}处理"):
            result = judge_found(found)
            real = result.host.rstrip(".") == "beian.miit.gov.cn"
            if result.verdict == "other" or (result.verdict == "official" and not real):
                wrong.append((spoof, why, found.link, result.verdict))
    assert not wrong, wrong[:10]


def test_no_character_that_ends_a_link_is_a_letter_to_the_table() -> None:
    """Symbols end a link in a message (→, ☞, 【): none may be one the table makes look
    like a letter or digit, or a link written with it would be cut short (be⍳an)."""
    from beianaudit.urls.extract import _TOKEN
    from beianaudit.urls.lookalike import skeleton

    letters = [
        f"U+{cp:04X}"
        for cp in range(0x80, 0x110000)
        if not (0xD800 <= cp < 0xE000)
        and not chr(cp).isspace()
        and not _TOKEN.fullmatch(chr(cp))
        and skeleton(chr(cp)).isascii()
        and skeleton(chr(cp)).isalnum()
    ]
    assert letters == []


# --- the ASCII skeletons, read from the table's first lines (issue 20) -----------------


def test_the_table_is_in_code_point_order() -> None:
    """The ASCII skeletons read the table's first lines only: they are the ASCII ones."""
    codes = [
        int(line.split("\t", 1)[0], 16)
        for line in TABLE_PATH.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert codes == sorted(set(codes))


def test_ascii_skeletons_read_line_by_line_equal_the_whole_tables() -> None:
    from beianaudit.urls import lookalike

    lookalike._ascii_skeletons.cache_clear()
    lookalike.confusables.cache_clear()
    lines = lookalike._ascii_skeletons()
    assert lookalike.confusables.cache_info().currsize == 0  # the whole table not parsed
    assert lookalike.skeleton("Beian-MIIT%`|0") == "beian-rnllto/o'lo"
    lookalike._ascii_skeletons.cache_clear()
    whole = {c: lookalike._skeleton(chr(c)) for c in range(128)}
    assert lines == whole


def test_a_code_point_read_from_its_line_equals_the_whole_tables() -> None:
    from beianaudit.urls import lookalike

    table = lookalike.confusables()
    lookup = lookalike._LineLookup()
    probes = [*table, *range(0x80, 0x3000), *range(0x1D400, 0x1D800)]
    assert all(lookup[c] == table.get(c, chr(c)) for c in probes)
