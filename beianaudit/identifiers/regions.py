"""GB/T 2260 region codes, past and present, as a resident ID's first six digits.

The table ``data/identifiers/regions.tsv`` is built from python-stdnum's ``cn/loc.dat``
(rebuild: ``python -m beianaudit.identifiers.regions``).  It keeps every code that
ever existed, with its years where stdnum knows them, but beianaudit does not hold a
code against a birth year: the code records where the number was issued, so a
person born before their county was created can still carry its code.
"""

from __future__ import annotations

import functools
from pathlib import Path

from beianaudit import data_text

TABLE = "regions.tsv"


def _data_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "identifiers" / TABLE


@functools.cache
def region_codes() -> frozenset[str]:
    """Every six-digit code in the table (loaded once, on first use)."""
    lines = data_text(f"identifiers/{TABLE}").splitlines()
    return frozenset(line[:6] for line in lines if line[:1].isdigit())


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


def main() -> int:
    rows = build_from_stdnum()
    header = "# GB/T 2260 region codes (from python-stdnum cn/loc.dat): code, province, county\n"
    _data_path().write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} codes to {_data_path()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
