"""GB/T 2260 region codes, past and present, as a resident ID's first six digits.

The table ``data/identifiers/regions.tsv`` is built from python-stdnum's ``cn/loc.dat``
by ``tools/regions.py``.  It keeps every code that ever existed, with its years where
stdnum knows them (``[-1982]昌平县``: the code was last used in 1982).

A code is not held against a birth year from below: a person born before their
county was created can carry its code, since the number records where it was
issued, and people got their first number years after birth (the 15-digit numbers
from 1984, the 18-digit ones from 1999).  From above it is: a number is assigned at
or after birth and never changes, so a code retired long before the holder was born
cannot be on their number.  "Long before" leaves :data:`RETIRED_SLACK` years: the
table has the year of the change, the new codes were published afterwards (in
GB/T 2260's editions and the Ministry of Civil Affairs' yearly lists) and household
registries switched to them later still, so births registered in the meantime kept
the old code.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from beianaudit import data_text

TABLE = "regions.tsv"
# Years after a code's last year in which a newborn may still have received it.
RETIRED_SLACK = 3
# Hong Kong, Macao and Taiwan residents' residence permits (港澳台居民居住证) carry a
# resident ID number whose region code is one of these (国办发〔2018〕81号《港澳台居民
# 居住证申领发放办法》, art. 5); 830000 is not a GB/T 2260 code.
RESIDENCE_PERMITS = {"810000": "hong_kong", "820000": "macao", "830000": "taiwan"}
_SPAN = re.compile(r"\[(\d{4})?-(\d{4})?\]")


def _data_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "identifiers" / TABLE


@functools.cache
def _text() -> str:
    return data_text(f"identifiers/{TABLE}")


# Lookups answered by searching the table's text (microseconds each) before it is
# parsed (about 15 ms): one value on the command line never pays for the parse.
TEXT_LOOKUPS = 64
_searched = 0


def region(code: str) -> tuple[bool, int | None]:
    """Whether ``code`` is in the table, and the last year it was in use (``None``
    when it still is or is unknown): ``code in region_codes()`` and
    ``retired_codes().get(code)`` in one lookup.

    The first :data:`TEXT_LOOKUPS` calls of a process search the text for the code's
    line; after that, the table is parsed once and asked (a batch).
    """
    global _searched
    if _searched < TEXT_LOOKUPS:
        _searched += 1
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            return False, None  # every code in the table is six ASCII digits (a test)
        text = _text()
        at = text.find(f"\n{code}\t") + 1
        if not at:
            return False, None
        end = text.find("\n", at)
        _code, _province, history = text[at : end if end >= 0 else len(text)].split("\t")
        return True, last_year(history)
    codes, retired = _table()
    return code in codes, retired.get(code)


@functools.cache
def _table() -> tuple[frozenset[str], dict[str, int]]:
    codes = set()
    retired: dict[str, int] = {}
    for line in _text().splitlines():
        if line[:1].isdigit():
            code, _province, history = line.split("\t")
            codes.add(code)
            last = last_year(history)
            if last is not None:
                retired[code] = last
    return frozenset(codes), retired


def region_codes() -> frozenset[str]:
    """Every six-digit code in the table (loaded once, on first use)."""
    return _table()[0]


def retired_codes() -> dict[str, int]:
    """Code → the last year it was in use, for codes no longer in use."""
    return _table()[1]


def last_year(history: str) -> int | None:
    """The last year of a code's names (``[-1991]东郊区,[1992-]东丽区``), ``None`` if in use.

    A name without years, or with no end year, is a current one.
    """
    last = 0
    for name in history.split(","):
        span = _SPAN.match(name)
        if span is None or span[2] is None:
            return None
        last = max(last, int(span[2]))
    return last


def build_from_stdnum() -> list[str]:
    """Rows ``code<TAB>province<TAB>county history`` from stdnum's ``cn/loc.dat``."""
    from stdnum import numdb  # heavy: only when rebuilding the table

    rows = []
    for _len, low, high, props, children in numdb.get("cn/loc").prefixes:
        for _clen, clow, chigh, cprops, _grand in children:
            for code in _codes(low + clow, high + chigh):
                rows.append(f"{code}\t{props.get('province', '')}\t{cprops.get('county', '')}")
    return sorted(rows)


def _codes(low: str, high: str) -> list[str]:
    """A numdb entry covers the codes ``low`` to ``high``; most cover one."""
    return [f"{n:06d}" for n in range(int(low), int(high) + 1)]
