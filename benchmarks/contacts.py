"""Contacts: the costs behind ``beianaudit check`` (BA4xx), ``remind`` and ``contacts verified``.

    python benchmarks/contacts.py [--n 2000] [--runs 15] [--json]

In-process figures time ``--n`` calls and report the median over rounds; the two
command figures run fresh processes, interleaved with the baseline (bare
``import click``) so that machine noise hits both alike.  ``--json`` prints the
rows of the benchmark contract for ``benchmarks/run_all.py``.  The machine is
shared: treat the figures as noisy.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).with_name("beianaudit")
SAMPLE = ROOT / "samples" / "personal.toml"


def per_call(fn: Callable[[], object], n: int, rounds: int = 5) -> float:
    """Median over ``rounds`` of the mean time of one call, in microseconds."""
    fn()  # imports and caches outside the timing
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        samples.append((time.perf_counter() - start) / n * 1e6)
    return statistics.median(samples)


def in_process(n: int) -> list[dict]:
    from beianaudit.config_update import set_value
    from beianaudit.contacts.validation import filed_domain_of, normalise_phone, validate_email

    phone, email, domains = "+86 139-1234-5678", "zhangwei@example.com", ["a.cn", "zhangwei.com.cn"]
    calls: dict[str, Callable[[], object]] = {
        "normalise_phone (+86, dashes)": lambda: normalise_phone(phone),
        "validate_email (warm)": lambda: validate_email(email),
        "filed_domain_of (2 filed domains)": lambda: filed_domain_of(
            "mail.zhangwei.com.cn", domains
        ),
    }
    result = [row(name, per_call(fn, n), "us") for name, fn in calls.items()]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_bytes(SAMPLE.read_bytes())
        path.chmod(0o600)
        updates = max(5, n // 100)
        ms = per_call(
            lambda: set_value(path, ("contacts", "phone_verified"), date(2026, 11, 25)), updates
        )
        result.append(row("contacts verified: set_value with fsync", ms / 1000, "ms"))
    return result


def processes(runs: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "config.toml"
        config.write_bytes(SAMPLE.read_bytes())
        config.chmod(0o600)
        cmds = {
            "baseline": [sys.executable, "-c", "import click"],
            "beianaudit remind (nothing due, silent)": [str(SCRIPT), "remind"],
            "beianaudit contacts show": [str(SCRIPT), "contacts", "show"],
        }
        cmds = {k: v if k == "baseline" else [*v, "--config", str(config)] for k, v in cmds.items()}
        times: dict[str, list[float]] = {name: [] for name in cmds}
        for argv in cmds.values():
            subprocess.run(argv, capture_output=True, check=False)
        for _ in range(runs):
            for name, argv in cmds.items():
                start = time.perf_counter()
                subprocess.run(argv, capture_output=True, check=False)
                times[name].append((time.perf_counter() - start) * 1000)
    base = statistics.median(times.pop("baseline"))
    return [row(name, statistics.median(t), "ms", base) for name, t in times.items()]


def row(figure: str, median: float, unit: str, baseline: float | None = None) -> dict:
    return {
        "figure": figure,
        "median": round(median, 3),
        "unit": unit,
        "baseline": round(baseline, 3) if baseline is not None else None,
        "ratio": round(median / baseline, 2) if baseline else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="calls per in-process round")
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per command")
    parser.add_argument("--json", action="store_true", help="rows as one JSON list")
    args = parser.parse_args()
    rows = in_process(max(1, args.n)) + processes(max(1, args.runs))
    if args.json:
        print(json.dumps(rows))
        return
    print(f"{'figure':45} {'median':>10} {'unit':>4} {'baseline':>9} {'ratio':>6}")
    for r in rows:
        base = f"{r['baseline']:.1f}" if r["baseline"] is not None else "-"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        print(f"{r['figure']:45} {r['median']:10.2f} {r['unit']:>4} {base:>9} {ratio:>6}")
    print("(noisy: a shared 2-core machine; 'ratio' is against python -c 'import click')")


if __name__ == "__main__":
    main()
