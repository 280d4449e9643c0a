"""Timing helpers any ``benchmarks/<feature>.py`` may share (the rows of the benchmark contract).

A script in ``benchmarks/`` imports it as ``timing`` (Python puts the script's folder first
on ``sys.path``).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence

BASELINE = [sys.executable, "-c", "import click"]


def median_of_means(fn: Callable[[], object], n: int, scale: float, rounds: int = 5) -> float:
    """Median over ``rounds`` of the mean time of one of ``n`` calls, times ``scale``
    (1e3: milliseconds, 1e6: microseconds).  One call first, untimed: imports and caches."""
    fn()
    means = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        means.append((time.perf_counter() - start) / n * scale)
    return statistics.median(means)


def row(figure: str, median: float, unit: str, baseline: float | None = None) -> dict:
    """One row: ``{"figure", "median", "unit", "baseline", "ratio"}``."""
    ratio = round(median / baseline, 2) if baseline else None
    base = None if baseline is None else round(baseline, 3)
    return {
        "figure": figure,
        "median": round(median, 3),
        "unit": unit,
        "baseline": base,
        "ratio": ratio,
    }


def commands(cmds: Mapping[str, Sequence[str]], runs: int) -> list[dict]:
    """Median wall time (ms) of each command as a fresh process, against bare ``import click``.

    The commands run interleaved round by round, so machine noise hits them all alike.
    """
    argvs = {"baseline": BASELINE, **cmds}
    times: dict[str, list[float]] = {name: [] for name in argvs}
    for argv in argvs.values():  # warm the file cache once
        subprocess.run(argv, capture_output=True, check=False)
    for _ in range(runs):
        for name, argv in argvs.items():
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=False)
            times[name].append((time.perf_counter() - start) * 1000)
    base = statistics.median(times.pop("baseline"))
    return [row(name, statistics.median(t), "ms", base) for name, t in times.items()]


def table(rows: Sequence[dict]) -> str:
    """The rows as the human table every benchmark prints."""
    lines = [f"{'figure':45} {'median':>10} {'unit':>4} {'baseline':>9} {'ratio':>6}"]
    for r in rows:
        base = "-" if r["baseline"] is None else f"{r['baseline']:.1f}"
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}"
        lines.append(f"{r['figure']:45} {r['median']:10.2f} {r['unit']:>4} {base:>9} {ratio:>6}")
    lines.append("(noisy: a shared 2-core machine; 'ratio' is against python -c 'import click')")
    return "\n".join(lines)
