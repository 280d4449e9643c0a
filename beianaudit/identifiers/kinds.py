"""What each kind of identifier must be, checked on a value already in canonical form.

Each ``fault_*`` function returns ``None`` for a valid value, else a :class:`Fault`
naming what is wrong and where (1-based positions).  The checksums run first and
in C where Python allows (``int(…, base)``): they reject most bad values before
the date and the region, which cost a look-up.
"""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass
from datetime import date

from beianaudit.identifiers.regions import RESIDENCE_PERMITS, RETIRED_SLACK
from beianaudit.identifiers.regions import region as region_of
from beianaudit.identifiers.tables import provinces, uscc_categories

RIC, USCC, ICP, PSB = "ric", "uscc", "icp", "psb"
KINDS = (RIC, USCC, ICP, PSB)
# The kind of ID a filing subject of each type has (subject.type -> subject.id).
KIND_OF_SUBJECT = {"personal": RIC, "enterprise": USCC}

DIGITS = frozenset("0123456789")
RIC_CHECK = DIGITS | {"X"}
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
USCC_SET = frozenset(USCC_ALPHABET)
# Each USCC character to the base-34 digit of the same value: 34 ≡ 3 (mod 31), so
# int(reversed, 34) % 31 is the weighted sum with weights 3**i (GB 32100).
_USCC_BASE34 = str.maketrans(USCC_ALPHABET, "0123456789ABCDEFGHIJKLMNOPQRSTU")
_GB11714_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_BASE36 = {c: int(c, 36) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
# The oldest birth year accepted: second-generation numbers were issued from 1999 on.
OLDEST_BIRTH_YEAR = 1880


@dataclass(frozen=True)
class Fault:
    reason: str  # checksum, gb11714, date, future, region, retired, format, category…
    position: int | None = None  # 1-based, in the canonical value
    end: int | None = None  # last position of a span (date, region)
    year: int | None = None  # the last year of a retired region code


# The faults that name no year, made once: building a frozen dataclass costs about as much
# as the checksum that finds most of them (a batch of typos meets them on every line).
_FORMAT = Fault("format")
_CHECKSUM = Fault("checksum", 18)
_DATE = Fault("date", 7, 14)
_FUTURE = Fault("future", 7, 14)
_REGION = Fault("region", 1, 6)
_PILOT = Fault("pilot", 18)
_GB11714 = Fault("gb11714", 17)
_CATEGORY = Fault("category", 1, 2)


def ric_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 over 17 ASCII digits: 13 ≡ 2 (mod 11) gives the weights."""
    value = (1 - 2 * int(first17, 13)) % 11
    return "X" if value == 10 else str(value)


def uscc_weighted_sum(first17: str) -> int:
    """The GB 32100 weighted sum (mod 31) of 17 characters: character ``i`` weighs 3**i."""
    return int(first17.translate(_USCC_BASE34)[::-1], 34) % 31


def uscc_check_char(first17: str) -> str:
    """GB 32100 mod-31 check character over 17 characters of the USCC alphabet."""
    return USCC_ALPHABET[(31 - uscc_weighted_sum(first17)) % 31]


USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
USCC_VALUES = {c: i for i, c in enumerate(USCC_ALPHABET)}


def gb11714_check_char(body8: str) -> str:
    """GB 11714 check digit of an organisation code's first eight characters (digits and
    capital letters)."""
    total = sum(map(operator.mul, map(_BASE36.__getitem__, body8), _GB11714_WEIGHTS))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def gb11714_digit(body8: str) -> str:
    """:func:`gb11714_check_char` of eight characters of the credit-code alphabet, in C.

    The weights are 3·6**i (mod 11) and 6 is the inverse of 2, so the weighted sum is
    3·6**7·Σ 2**(7-i)·v_i ≡ 2·int(body8, 35) (mod 11): 35 ≡ 2, and base 35 reads every
    character of the alphabet (Y, its last, is 34).
    """
    value = 11 - 2 * int(body8, 35) % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


@functools.lru_cache(maxsize=65536)
def birth_date(yyyymmdd: str) -> date | None:
    """The date ``YYYYMMDD`` stands for, ``None`` if none or before :data:`OLDEST_BIRTH_YEAR`."""
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return None
    return born if born.year >= OLDEST_BIRTH_YEAR else None


def fault_ric(value: str, today: date) -> Fault | None:
    """An 18-character resident ID: 17 ASCII digits, then a digit or X (GB 11643)."""
    if len(value) != 18 or not value.isascii() or not value[:17].isdigit():
        return _FORMAT
    if value[17] != ric_check_char(value[:17]):
        return _CHECKSUM
    born = birth_date(value[6:14])
    if born is None:
        return _DATE
    if born > today:
        return _FUTURE
    region = value[:6]
    known, last = region_of(region)
    if not known and region not in RESIDENCE_PERMITS:
        return _REGION
    if last is not None and born.year > last + RETIRED_SLACK:
        return Fault("retired", 1, 6, year=last)
    return None


def fault_uscc(value: str, today: date | None = None) -> Fault | None:
    """An 18-character unified social credit code (GB 32100, with GB 11714 inside)."""
    if (
        len(value) != 18
        or not value.isascii()
        or not value[2:8].isdigit()
        or not USCC_SET.issuperset(value)
    ):
        return _FORMAT
    if value[17] != uscc_check_char(value[:17]):
        if is_fujian_pilot(value):
            return _PILOT
        return _CHECKSUM
    if value[16] != gb11714_digit(value[8:16]):
        return _GB11714
    if value[:2] not in uscc_categories():
        return _CATEGORY
    return None


def is_fujian_pilot(value: str) -> bool:
    """The shape of the codes Fujian (Xiamen) issued in its pilot, before GB 32100 came
    into force: a Fujian region, an organisation code ``M000…`` with a right GB 11714
    digit, and a last character the standard's mod-31 check does not give
    (``91350211M0000XUF46``, ``91350203M0001FUE2P``).  Such codes are genuine; a
    Fujian code with a mistyped character in positions 1-8 or 18 looks the same.
    """
    return (
        value[2:4] == "35"
        and value[8:12] == "M000"
        and value[16] == gb11714_check_char(value[8:16])
    )


@functools.cache
def _filing_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    abbr = "".join(provinces())
    icp = re.compile(rf"([{abbr}])ICP备(\d{{8}}|\d{{10}})号(?:-([1-9]\d*)([AX])?)?", re.ASCII)
    psb = re.compile(rf"([{abbr}])公网安备 ?(\d{{14}})号", re.ASCII)
    return icp, psb


def fault_icp(value: str, today: date | None = None) -> Fault | None:
    """``浙ICP备2021000001号-1``: province, ICP备, 8 or 10 digits, 号, optional site.

    Ten digits start with the year of filing, which cannot be in the future.
    """
    match = _filing_patterns()[0].fullmatch(value)
    if match is None:
        return _FORMAT
    if today and len(match[2]) == 10 and int(match[2][:4]) > today.year:
        return Fault("year", 6, 9)
    return None


def fault_psb(value: str, today: date | None = None) -> Fault | None:
    """``京公网安备 11010502030143号``: province, 公网安备, 14 digits, 号."""
    return None if _filing_patterns()[1].fullmatch(value) else _FORMAT


FAULTS = {RIC: fault_ric, USCC: fault_uscc, ICP: fault_icp, PSB: fault_psb}
