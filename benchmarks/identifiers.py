"""Identifiers: throughput of ``beianaudit id --file - --format jsonl`` against bare stdnum.

    python benchmarks/identifiers.py [--n 1000000] [--rounds 3] [--json]

One deterministic mix of ``--n`` identifiers (see :func:`mixed`) goes through
  * the batch mode: the command as a user runs it, a fresh process reading the file
    and writing JSON Lines to /dev/null (start-up included);
  * the judging alone, in process (``judge`` on each line, no output);
  * a bare loop of python-stdnum ``is_valid`` over the same lines (the baseline);
each timed ``--rounds`` times, the median kept, by the wall clock and by CPU time (the
process and its children; less hurt by a busy machine).  Rows are identifiers per second;
``ratio`` is ours over stdnum's (above 1: faster).  Targets: at least 200,000/s and
within 3x of the bare loop.  The machine is shared: treat the figures as noisy.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from timing import row, table

SCRIPT = Path(sys.executable).with_name("beianaudit")
TODAY = date(2026, 11, 25)
TARGET = 200_000


def mixed(n: int, seed: int = 7) -> list[str]:
    """70% valid resident IDs, 10% valid credit codes, 5% ICP numbers, 15% mistyped."""
    from beianaudit.identifiers.kinds import (
        USCC_ALPHABET,
        gb11714_check_char,
        ric_check_char,
        uscc_check_char,
    )
    from beianaudit.identifiers.regions import region_codes

    rnd = random.Random(seed)
    regions = sorted(region_codes())

    def ric() -> str:
        first17 = (
            f"{rnd.choice(regions)}{rnd.randint(1940, 2010)}{rnd.randint(1, 12):02d}"
            f"{rnd.randint(1, 28):02d}{rnd.randint(0, 999):03d}"
        )
        return first17 + ric_check_char(first17)

    def uscc() -> str:
        body = "".join(rnd.choice(USCC_ALPHABET) for _ in range(8))
        first17 = f"91{rnd.randint(110000, 659999)}{body}{gb11714_check_char(body)}"
        return first17 + uscc_check_char(first17)

    def mistyped() -> str:
        value = rnd.choice((ric, uscc))()
        i = rnd.randrange(18)
        how = rnd.randrange(4)
        if how == 0:
            return value[:i] + "O" + value[i + 1 :]  # an O, right or wrong
        if how == 1:
            return value.lower() + " "
        if how == 2:
            return value[:i] + str((int(value[i], 36) + 1) % 10) + value[i + 1 :]  # a typo
        return value[:i] + "\u200b" + value[i:]

    out = []
    for _ in range(n):
        p = rnd.random()
        if p < 0.70:
            out.append(ric())
        elif p < 0.80:
            out.append(uscc())
        elif p < 0.85:
            out.append(f"浙ICP备{rnd.randint(2000, 2026)}{rnd.randint(0, 999999):06d}号-1")
        else:
            out.append(mistyped())
    return out


def stdnum_loop(values: list[str]) -> int:
    """The baseline: stdnum's own validators, guarded (``ric`` raises KeyError at times)."""
    from stdnum.cn import ric, uscc

    valid = 0
    for value in values:
        with contextlib.suppress(KeyError):
            valid += ric.is_valid(value) or uscc.is_valid(value)
    return valid


def judge_loop(values: list[str]) -> int:
    from beianaudit.identifiers import VALID, judge

    return sum(judge(value, None, TODAY).verdict == VALID for value in values)


def batch_command(path: Path, fmt: str = "jsonl") -> None:
    with path.open("rb") as source:
        subprocess.run(
            [str(SCRIPT), "id", "--file", "-", "--format", fmt],
            stdin=source,
            stdout=subprocess.DEVNULL,
            check=False,
        )


def _cpu() -> float:
    """CPU seconds of this process and its finished children: less hurt by a busy machine."""
    me, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def rates(fn, n: int, rounds: int) -> tuple[float, float]:
    """Identifiers per second, (wall clock, CPU time): the medians over ``rounds``."""
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), _cpu()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
    return n / statistics.median(walls), n / statistics.median(cpus)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    values = mixed(args.n)
    judge_loop(values[:1000])  # imports and tables, untimed
    stdnum_loop(values[:1000])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ids.txt"
        path.write_text("\n".join(values) + "\n", encoding="utf-8")
        measured = {
            "bare stdnum is_valid loop": rates(lambda: stdnum_loop(values), args.n, args.rounds),
            "judge() in process, no output": rates(lambda: judge_loop(values), args.n, args.rounds),
            "id --file - --format jsonl": rates(lambda: batch_command(path), args.n, args.rounds),
            "id --file - --format compact": rates(
                lambda: batch_command(path, "compact"), args.n, args.rounds
            ),
        }
    rows = []
    for clock, index in (("wall", 0), ("cpu", 1)):
        base = measured["bare stdnum is_valid loop"][index]
        for name, pair in measured.items():
            baseline = None if name.startswith("bare") else base
            rows.append(row(f"id ({clock}): {name}", pair[index], "id/s", baseline))
    if args.json:
        print(json.dumps(rows))
        return 0
    print(table(rows))
    print(f"(here 'ratio' is ours over the bare stdnum loop; target {TARGET:,} id/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
