"""Run every benchmark in this folder and print one table of their figures.

    python benchmarks/run_all.py [--n N] [--json | --markdown] [--timeout S] [NAME…]

Each ``benchmarks/*.py`` that is a script (it has a ``__main__`` guard; helper
modules such as ``timing.py`` have none), this one apart, runs as its own process
with ``--json`` (and ``--n N`` when given) and must print one JSON list of rows
``{"figure", "median", "unit", "baseline", "ratio"}`` on stdout.  A benchmark that
fails, times out or prints anything else becomes a row that says so; the others
still run.  ``--markdown`` prints the table with the machine it ran on, as
the README's "Benchmarks" section shows it.  Figures from a shared 2-core machine
are noisy: compare ratios measured in one run rather than medians across runs.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ("figure", "median", "unit", "baseline", "ratio")


@dataclass(frozen=True)
class Row:
    benchmark: str
    figure: str
    median: float | None = None
    unit: str = ""
    baseline: float | None = None
    ratio: float | None = None
    error: str | None = None


def _number(value: object, field: str, nullable: bool) -> float | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"row field {field!r} is not a finite number: {value!r:.40}")
    return float(value)


def parse_rows(benchmark: str, text: str) -> list[Row]:
    """The rows a benchmark printed; ``ValueError`` (one line) when they break the contract."""
    try:
        data = json.loads(text)
    except ValueError:
        raise ValueError("stdout is not one JSON document") from None
    if not isinstance(data, list):
        raise ValueError("stdout is not a JSON list of rows")
    rows = []
    for item in data:
        if not isinstance(item, dict) or set(item) < set(FIELDS):
            raise ValueError(f"a row lacks one of {', '.join(FIELDS)}")
        if not isinstance(item["figure"], str) or not isinstance(item["unit"], str):
            raise ValueError("a row's figure and unit must be strings")
        rows.append(
            Row(
                benchmark=benchmark,
                figure=item["figure"],
                median=_number(item["median"], "median", nullable=False),
                unit=item["unit"],
                baseline=_number(item["baseline"], "baseline", nullable=True),
                ratio=_number(item["ratio"], "ratio", nullable=True),
            )
        )
    return rows


def scripts(folder: Path = HERE, names: list[str] | None = None) -> list[Path]:
    found = [
        p
        for p in sorted(folder.glob("*.py"))
        if p.name != Path(__file__).name
        and 'if __name__ == "__main__":' in p.read_text(encoding="utf-8")
    ]
    if names:
        found = [p for p in found if p.stem in names]
    return found


def run_one(script: Path, n: int | None, timeout: float) -> list[Row]:
    argv = [sys.executable, str(script), "--json", *(["--n", str(n)] if n else [])]
    name = script.stem
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return [Row(name, "(all)", error=f"timed out after {timeout:g} s")]
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return [Row(name, "(all)", error=f"exit {done.returncode}: {last[:120]}")]
    try:
        return parse_rows(name, done.stdout)
    except ValueError as exc:
        return [Row(name, "(all)", error=str(exc))]


def collect(paths: list[Path], n: int | None, timeout: float) -> list[Row]:
    rows: list[Row] = []
    for script in paths:
        start = time.perf_counter()
        print(f"running {script.name} …", file=sys.stderr, flush=True)
        rows.extend(run_one(script, n, timeout))
        print(f"  {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    return rows


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"


def table(rows: list[Row], markdown: bool = False) -> str:
    header = ["benchmark", "figure", "median", "unit", "baseline", "ratio"]
    body = [
        [r.benchmark, r.figure, "FAILED", r.error, "", ""]
        if r.error
        else [r.benchmark, r.figure, _fmt(r.median), r.unit, _fmt(r.baseline), _fmt(r.ratio)]
        for r in rows
    ]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in line) + " |" for line in body]
        return "\n".join(lines)
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i < 2 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in [header, *body]
    )


def machine() -> str:
    """``uname -m``, the CPU model and the Python version, in one line."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.machine()}, {cpu}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="only these benchmarks")
    parser.add_argument("--n", type=int, help="workload size passed to every benchmark")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per benchmark")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="one JSON list of all rows")
    output.add_argument("--markdown", action="store_true", help="a Markdown table and machine")
    args = parser.parse_args(argv)
    rows = collect(scripts(names=args.names), args.n, args.timeout)
    if args.json:
        print(json.dumps([r.__dict__ for r in rows], ensure_ascii=False))
    elif args.markdown:
        print(f"Measured on {machine()}, {time.strftime('%Y-%m-%d')}.\n")
        print(table(rows, markdown=True))
    else:
        print(table(rows))
    return 1 if any(r.error for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
