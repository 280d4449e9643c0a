"""One test over a whole generated table, instead of one pytest item per row.

Pytest's own cost per item (set-up, autouse fixtures, reporting) is several times a
row's check when a table has hundreds of rows; a loop pays it once.  What a row per
item gave is kept: every row is checked (no stop at the first failure), each failing
row is named in the message, and rows known to fail are as strict as ``xfail(strict=True)``
was: the test fails when one of them starts passing (update the list) as well as when
any other row fails.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable
from typing import TypeVar

Row = TypeVar("Row")


def check_rows(
    rows: Iterable[Row],
    check: Callable[[Row], object],
    known_failures: Collection[Hashable] = (),
    key: Callable[[Row], Hashable] = lambda row: row,  # type: ignore[return-value]
) -> None:
    """Run ``check(row)`` on every row; fail unless exactly the rows whose ``key`` is in
    ``known_failures`` fail (an exception, as under ``xfail(strict=True)``)."""
    rows = list(rows)
    failed: dict[Hashable, str] = {}
    for row in rows:
        try:
            check(row)
        except AssertionError as error:
            failed[key(row)] = (str(error) or "assertion failed").replace("\n", "\n    ")
        except Exception as error:  # a row's failure too, as it was for its own item
            failed[key(row)] = f"{type(error).__name__}: {error}"
    keys = {key(row) for row in rows}
    unexpected = {k: why for k, why in failed.items() if k not in known_failures}
    fixed = sorted((k for k in known_failures if k in keys and k not in failed), key=repr)
    lines = [f"{len(unexpected)} of {len(rows)} rows fail:"] if unexpected else []
    lines += [f"  {k!r}: {why}" for k, why in unexpected.items()]
    if fixed:
        lines.append(f"{len(fixed)} rows listed as known failures now pass (update the list):")
        lines += [f"  {k!r}" for k in fixed]
    assert not lines, "\n".join(lines)
