"""The person's own data as words an attacker would try first.

Fed to zxcvbn as its ``user_inputs`` dictionary: the subject name and its pinyin,
the ID number and the birth date inside it, the phone and its tail, the email's
local part, the filed domains' labels and the filing service's own words.  Each
word carries a kind so that feedback can say *what* was found, never the value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from beianaudit.config import Config

MIN_WORD = 3  # shorter words match everywhere and say nothing
GENERIC_SLD = frozenset({"com", "net", "org", "gov", "edu", "ac", "co", "www"})
ID_BIRTH = re.compile(r"^\d{6}((\d{2})(\d{2})(\d{2})(\d{2}))\d{3}[\dXx]$")


def data_lines(name: str) -> list[str]:
    """The non-comment lines of a file in ``beianaudit/data/password/``."""
    from beianaudit import data_text

    text = data_text(f"password/{name}")
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]


@cache
def _affixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    sections: dict[str, list[str]] = {"[prefix]": [], "[suffix]": []}
    current: list[str] = []
    for line in data_lines("name_affixes.txt"):
        if line in sections:
            current = sections[line]
        else:
            current.append(line)
    by_length = sorted(sections["[prefix]"], key=len, reverse=True)
    return tuple(by_length), tuple(sorted(sections["[suffix]"], key=len, reverse=True))


def distinctive_part(name: str) -> str:
    """A company name without its region and organisation form.

    杭州某某科技有限公司 → 某某; a personal name comes back unchanged.
    """
    prefixes, suffixes = _affixes()
    core = re.sub(r"[（(][^）)]*[）)]", "", name).strip()
    changed = True
    while changed:
        changed = False
        for affix in suffixes:
            if core.endswith(affix) and len(core) > len(affix):
                core, changed = core[: -len(affix)], True
        for affix in prefixes:
            if core.startswith(affix) and len(core) > len(affix):
                core, changed = core[len(affix) :], True
    return core


MAX_READINGS = 8  # pinyin spellings tried for one name (polyphonic characters multiply)


class _JsonTable:
    """pypinyin's ``pinyin_dict.json`` (one ``"code": "readings"`` pair a line, 0.8 MB),
    looked up a key at a time in its text: a name has a few characters, and parsing the
    whole table cost 20 to 40 ms of every password check."""

    def __init__(self, text: str) -> None:
        self._text = text

    def get(self, key: str, default: str) -> str:
        import json

        at = self._text.find(f'"{key}":')  # a key, never a value: readings have no digits
        if at < 0:
            return default
        start = self._text.index('"', at + len(key) + 3)
        value, _end = json.JSONDecoder().raw_decode(self._text, start)
        return value if isinstance(value, str) else default


@cache
def _table() -> dict[str, str] | _JsonTable:
    """Code point (as text) -> its pinyin readings with tones, from pypinyin's table.

    The table is read as the data file it is: importing ``pypinyin`` itself loads
    its phrase tables too, 250 ms for words a password check never needs.
    """
    import importlib.util

    spec = importlib.util.find_spec("pypinyin")  # finds the package without running it
    folder = Path(next(iter(spec.submodule_search_locations or ()), "")) if spec else Path()
    try:
        return _JsonTable((folder / "pinyin_dict.json").read_text("utf-8"))
    except (OSError, ValueError):  # another layout: take the slower public way
        from pypinyin.pinyin_dict import pinyin_dict

        return {str(code): readings for code, readings in pinyin_dict.items()}


def char_readings(ch: str) -> tuple[str, ...]:
    """The pinyin readings of one character without tones (ü as v), most common first."""
    raw = _table().get(str(ord(ch)), "")
    return tuple(dict.fromkeys(_toneless(r) for r in raw.split(",") if r.strip()))


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading.strip().lower()).replace("u\u0308", "v")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def spellings(text: str) -> list[list[str]]:
    """The syllables of the Chinese characters in ``text``: each one's first reading,
    then the same with one character read another way (单 → dan, chan, shan), at most
    :data:`MAX_READINGS` spellings; a long company name cannot multiply them."""
    options = [found for ch in text if (found := char_readings(ch))]
    if not options:
        return []
    first = [readings[0] for readings in options]
    result = [first]
    for position, readings in enumerate(options):
        for other in readings[1:]:
            result.append([*first[:position], other, *first[position + 1 :]])
    return result[:MAX_READINGS]


def pinyin_forms(text: str, personal: bool = False) -> list[str]:
    """Full pinyin (zhangwei) and initials (zw); for a person's name also the mixed
    forms people use (zhangw, zwei) and the given name alone (wei).  Every reading
    of a polyphonic character counts: an attacker tries them all."""
    forms: list[str] = []
    for syllables in spellings(text):
        initials = "".join(s[0] for s in syllables)
        forms += ["".join(syllables), initials]
        if personal and len(syllables) > 1:
            given = "".join(syllables[1:])
            forms += [syllables[0] + initials[1:], initials[0] + given, given]
    return list(dict.fromkeys(forms))


def id_words(number: str) -> Iterator[str]:
    """The ID itself, its region code, birth date (YYYYMMDD, YYMMDD, MMDD, YYYY) and tails."""
    number = number.strip()
    yield number
    yield number[-4:]
    yield number[-6:]
    yield number[:6]  # the region code
    match = ID_BIRTH.match(number)
    if match:
        full, century, yy, mm, dd = match.groups()
        yield full
        yield yy + mm + dd
        yield mm + dd
        yield century + yy
        yield dd + mm + century + yy


def phone_words(phone: str) -> Iterator[str]:
    digits = re.sub(r"\D", "", phone)
    yield digits
    yield digits[-11:]  # without a +86 country code
    yield digits[-4:]
    yield digits[-6:]
    yield digits[-8:]


def domain_words(domain: str) -> Iterator[str]:
    labels = [label for label in domain.lower().strip(".").split(".") if label]
    for label in labels[:-1]:
        if label not in GENERIC_SLD:
            yield label
            yield label.replace("-", "")
            yield from label.split("-")


def context_words(config: Config | None) -> list[tuple[str, str]]:
    """``(word, kind)`` pairs, most telling first, lower case, each word once."""
    pairs: list[tuple[str, str]] = []
    if config is not None:
        subject, contacts = config.subject, config.contacts
        if subject.name:
            personal = subject.type == "personal"
            pairs += _kinded(pinyin_forms(subject.name, personal), "name")
            core = distinctive_part(subject.name)
            if core != subject.name:
                pairs += _kinded(pinyin_forms(core), "name")
            pairs += _kinded(re.findall(r"[A-Za-z0-9]+", subject.name), "name")
        if subject.id:
            pairs += _kinded(id_words(subject.id), "id")
        if contacts.phone:
            pairs += _kinded(phone_words(contacts.phone), "phone")
        if contacts.email:
            local = contacts.email.partition("@")[0]
            pairs += _kinded([local, *re.split(r"[._+-]", local)], "email")
        for domain in config.filing.domains:
            pairs += _kinded(domain_words(domain), "domain")
    pairs += _kinded(data_lines("service_words.txt"), "service")
    seen: dict[str, str] = {}
    for word, kind in pairs:
        word = word.lower()
        if len(word) >= MIN_WORD and word not in seen:
            seen[word] = kind
    return list(seen.items())


def _kinded(words: Iterable[str], kind: str) -> list[tuple[str, str]]:
    return [(w, kind) for w in words if w]
