"""Identifiers: throughput of ``beianaudit id --file - --format jsonl`` against bare stdnum.

    python benchmarks/identifiers.py [--n 1000000] [--rounds 3] [--json]

One deterministic mix of ``--n`` identifiers (see :func:`mixed`) goes through
  * the batch mode: the command as a user runs it, a fresh process reading the file
    and writing JSON Lines to /dev/null (start-up included);
  * the judging alone, in process (``judge`` on each line, no output);
  * a bare loop of python-stdnum ``is_valid`` over the same lines (the baseline);
  * the batch mode again on a repeated list: ``--n`` lines drawn from 2,000 distinct
    ones of the mix, a few very often (a Pareto law), as an export repeats its
    subjects; the batch prints a repeated value's line from its cache, so this rate is
    reported apart from the unique one;
each timed ``--rounds`` times, the median kept, by the wall clock and by CPU time (the
process and its children; less hurt by a busy machine).  Rows are identifiers per second;
``ratio`` is ours over stdnum's (above 1: faster).  Targets: at least 200,000/s and
within 3x of the bare loop.

A mix hides what each kind of input costs, so ``judge()`` is also timed on each kind
alone (valid resident IDs, valid credit codes, look-alikes, single typos: see
:class:`Vectors`), with valid resident IDs as the baseline: every kind should be within
2x of them.  Last, the share of single-character typos read as the other kind (see
:func:`misread`).  The machine is shared: treat the figures as noisy.
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


PAIRS = (("91", 70), ("92", 10), ("93", 3), ("12", 5), ("11", 3), ("52", 4), ("51", 3), ("31", 2))


class Vectors:
    """Identifiers built from the standards, reproducibly from a seed.

    Resident IDs (GB 11643): a region code from the GB/T 2260 table, a birth date while
    that code was in use, a serial number, the MOD 11-2 check digit.  Credit codes
    (GB 32100): a registration authority and category pair weighted roughly as they
    occur (most are enterprises, 91), a region code, an organisation code either of the
    old all-digit kind or of the ``MA…`` kind issued since 2015, its GB 11714 digit and
    the mod-31 check character.
    """

    def __init__(self, seed: int = 7) -> None:
        from beianaudit.identifiers.regions import RETIRED_SLACK, region_codes, retired_codes

        self.rnd = random.Random(seed)
        self.regions = sorted(region_codes())
        self.latest = {c: y + RETIRED_SLACK for c, y in retired_codes().items()}
        self.pairs = [p for p, weight in PAIRS for _ in range(weight)]

    def ric(self) -> str:
        from beianaudit.identifiers.kinds import ric_check_char

        rnd = self.rnd
        region = rnd.choice(self.regions)
        year = rnd.randint(1940, min(2020, self.latest.get(region, 2020)))
        first17 = f"{region}{year}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}"
        first17 += f"{rnd.randint(0, 999):03d}"
        return first17 + ric_check_char(first17)

    def uscc(self) -> str:
        from beianaudit.identifiers.kinds import (
            USCC_ALPHABET,
            gb11714_check_char,
            uscc_check_char,
        )

        rnd = self.rnd
        if rnd.random() < 0.5:
            body = f"{rnd.randint(0, 99_999_999):08d}"
        else:
            body = "MA" + "".join(rnd.choice(USCC_ALPHABET) for _ in range(6))
        first17 = rnd.choice(self.pairs) + rnd.choice(self.regions) + body
        first17 += gb11714_check_char(body)
        return first17 + uscc_check_char(first17)

    def typo(self, value: str, kind: str) -> str:
        """One character replaced by another that may stand there in ``kind``."""
        from beianaudit.identifiers.kinds import USCC_ALPHABET

        i = self.rnd.randrange(18)
        if kind == "ric":
            allowed = "0123456789X" if i == 17 else "0123456789"
        else:
            allowed = "0123456789" if 2 <= i < 8 else USCC_ALPHABET
        return value[:i] + self.rnd.choice(allowed.replace(value[i], "")) + value[i + 1 :]

    def lookalike(self) -> str:
        """A valid resident ID or credit code as a phone or a tired eye types it."""
        rnd = self.rnd
        value = self.ric() if rnd.random() < 0.7 else self.uscc()
        i = rnd.randrange(18)
        how = rnd.randrange(4)
        if how == 0 and "0" in value:
            i = value.index("0")
            return value[:i] + "O" + value[i + 1 :]
        if how == 1:
            return value.lower() + " "
        if how == 2:
            return "".join(chr(ord(c) + 0xFEE0) for c in value)  # full-width
        return value[:i] + "\u200b" + value[i:]

    def invalid(self) -> str:
        """A single-character typo in a resident ID or credit code."""
        if self.rnd.random() < 0.7:
            return self.typo(self.ric(), "ric")
        return self.typo(self.uscc(), "uscc")

    def icp(self) -> str:
        rnd = self.rnd
        return f"浙ICP备{rnd.randint(2000, 2026)}{rnd.randint(0, 999999):06d}号-1"


def mixed(n: int, seed: int = 7) -> list[str]:
    """70% valid resident IDs, 10% valid credit codes, 5% ICP numbers, 15% mistyped."""
    vectors = Vectors(seed)
    rnd = vectors.rnd
    out = []
    for _ in range(n):
        p = rnd.random()
        if p < 0.70:
            out.append(vectors.ric())
        elif p < 0.80:
            out.append(vectors.uscc())
        elif p < 0.85:
            out.append(vectors.icp())
        elif p < 0.925:
            out.append(vectors.lookalike())
        else:
            out.append(vectors.invalid())
    return out


def repeated(values: list[str], n: int, distinct: int = 2000, seed: int = 7) -> list[str]:
    """``n`` values drawn from the first ``distinct`` of ``values``: half from a Pareto law
    (a few very often), half uniformly."""
    rnd = random.Random(seed)
    pool = values[:distinct]
    last = len(pool) - 1
    return [
        pool[min(int(rnd.paretovariate(1.0)) - 1, last)] if rnd.random() < 0.5 else rnd.choice(pool)
        for _ in range(n)
    ]


def by_kind(n: int, seed: int = 7) -> dict[str, list[str]]:
    """``n`` inputs of each kind: the rate of each is reported on its own."""
    vectors = Vectors(seed)
    return {
        "valid resident ID": [vectors.ric() for _ in range(n)],
        "valid credit code": [vectors.uscc() for _ in range(n)],
        "look-alike": [vectors.lookalike() for _ in range(n)],
        "invalid (one typo)": [vectors.invalid() for _ in range(n)],
    }


def per_kind(n: int, rounds: int) -> dict[str, float]:
    """``judge()`` rate (per CPU second) of each kind of input, the kinds timed in turn
    within each round so that a busy machine slows them alike; the median of ``rounds``."""
    kinds = by_kind(n)
    judge_loop([v for values in kinds.values() for v in values[:200]])  # caches, untimed
    times: dict[str, list[float]] = {name: [] for name in kinds}
    for _ in range(rounds):
        for name, values in kinds.items():
            cpu = _cpu()
            judge_loop(values)
            times[name].append(_cpu() - cpu)
    return {name: n / statistics.median(t) for name, t in times.items()}


def misread(n: int, seed: int = 7) -> dict[str, float]:
    """The share of single-character typos (in percent) judged as the other kind, of
    ``n`` typos per kind: ``silent`` when the result does not name the true kind as a
    reading at all, ``valid`` when it calls the typo a valid identifier of the other kind."""
    from beianaudit.identifiers import VALID, judge

    vectors = Vectors(seed)
    shares: dict[str, float] = {}
    for kind, other, make in (("ric", "uscc", vectors.ric), ("uscc", "ric", vectors.uscc)):
        silent = valid = 0
        for _ in range(n):
            result = judge(vectors.typo(make(), kind), None, TODAY)
            if result.kind == other:
                kinds = {r.kind for r in getattr(result, "readings", ())}
                silent += kind not in kinds
                valid += result.verdict == VALID
        shares[f"{kind} typo read as {other}, silently"] = 100 * silent / n
        shares[f"{kind} typo called a valid {other}"] = 100 * valid / n
    return shares


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
    parser.add_argument("--no-batch", action="store_true", help="skip the subprocess rows")
    args = parser.parse_args(argv)
    values = mixed(args.n)
    judge_loop(values[:1000])  # imports and tables, untimed
    stdnum_loop(values[:1000])
    measured = {
        "bare stdnum is_valid loop": rates(lambda: stdnum_loop(values), args.n, args.rounds),
        "judge() in process, no output": rates(lambda: judge_loop(values), args.n, args.rounds),
    }
    if not args.no_batch:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "ids.txt"
            path.write_text("\n".join(values) + "\n", encoding="utf-8")
            measured["id --file - --format jsonl"] = rates(
                lambda: batch_command(path), args.n, args.rounds
            )
            measured["id --file - --format compact"] = rates(
                lambda: batch_command(path, "compact"), args.n, args.rounds
            )
            log = Path(folder) / "repeated.txt"
            log.write_text("\n".join(repeated(values, args.n)) + "\n", encoding="utf-8")
            for fmt in ("compact", "jsonl"):
                measured[f"id --file - --format {fmt}, repeated lines"] = rates(
                    lambda fmt=fmt: batch_command(log, fmt), args.n, args.rounds
                )
    rows = []
    for clock, index in (("wall", 0), ("cpu", 1)):
        base = measured["bare stdnum is_valid loop"][index]
        for name, pair in measured.items():
            baseline = None if name.startswith("bare") else base
            rows.append(row(f"id ({clock}): {name}", pair[index], "id/s", baseline))
    # Each kind of input on its own, by CPU time; the ratio is over valid resident IDs.
    kinds = per_kind(max(args.n // 10, 1000), max(args.rounds, 5))
    base_kind = kinds["valid resident ID"]
    for name, rate in kinds.items():
        baseline = None if name == "valid resident ID" else base_kind
        rows.append(row(f"id (cpu): judge() {name}", rate, "id/s", baseline))
    for name, share in misread(max(args.n // 20, 2000)).items():
        rows.append(row(f"id: {name}", share, "%"))
    if args.json:
        print(json.dumps(rows))
        return 0
    print(table(rows))
    print(
        f"(ratio: ours over the bare stdnum loop, or per kind over valid resident IDs; "
        f"target {TARGET:,} id/s, each kind within 2x of valid resident IDs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
