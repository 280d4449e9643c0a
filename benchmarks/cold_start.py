"""Cold start: ``beianaudit --help`` and ``beianaudit check`` against bare ``import click``.

    python benchmarks/cold_start.py [--n 30] [--json]

Each command runs as a fresh process, interleaved round by round so that machine
noise hits all of them alike; prints the median wall time of each and its ratio
to the baseline.  Target (issue 2): ``--help`` within 1.5x of the baseline.
``--json`` prints the rows of the benchmark contract (see benchmarks/run_all.py).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).with_name("beianaudit")
BASELINE = "python -c 'import click' (baseline)"


def commands() -> dict[str, list[str]]:
    sample = str(ROOT / "samples" / "personal.toml")
    return {
        BASELINE: [sys.executable, "-c", "import click"],
        "beianaudit --help": [str(SCRIPT), "--help"],
        "beianaudit check (samples/personal.toml)": [str(SCRIPT), "check", "--config", sample],
    }


def measure(runs: int) -> dict[str, float]:
    """The median wall time of each command, in milliseconds."""
    cmds = commands()
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for argv in cmds.values():  # warm the file cache once
        subprocess.run(argv, capture_output=True, check=False)
    for _ in range(runs):
        for name, argv in cmds.items():
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=False)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) * 1000 for name, t in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", "--runs", dest="runs", type=int, default=30, help="rounds")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    medians = measure(max(args.runs, 1))
    baseline = medians[BASELINE]
    rows = [
        {
            "figure": f"cold start: {name}",
            "median": round(ms, 2),
            "unit": "ms",
            "baseline": None if name == BASELINE else round(baseline, 2),
            "ratio": None if name == BASELINE else round(ms / baseline, 3),
        }
        for name, ms in medians.items()
    ]
    if args.json:
        print(json.dumps(rows))
        return
    print(f"{'command':45} {'median ms':>10} {'ratio':>7}")
    for name, ms in medians.items():
        print(f"{name:45} {ms:10.1f} {ms / baseline:7.2f}")


if __name__ == "__main__":
    main()
