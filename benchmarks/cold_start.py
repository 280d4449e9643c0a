"""Cold start: ``beianaudit --help`` and ``beianaudit check`` against bare ``import click``.

    python benchmarks/cold_start.py [--runs 30]

Each command runs as a fresh process, interleaved round by round so that machine
noise hits all of them alike; prints the median wall time of each and its ratio
to the baseline.  Target (issue 2): ``--help`` within 1.5x of the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).with_name("beianaudit")


def commands() -> dict[str, list[str]]:
    sample = str(ROOT / "samples" / "personal.toml")
    return {
        "python -c 'import click' (baseline)": [sys.executable, "-c", "import click"],
        "beianaudit --help": [str(SCRIPT), "--help"],
        "beianaudit check (samples/personal.toml)": [str(SCRIPT), "check", "--config", sample],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    cmds = commands()
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for argv in cmds.values():  # warm the file cache once
        subprocess.run(argv, capture_output=True, check=False)
    for _ in range(args.runs):
        for name, argv in cmds.items():
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=False)
            times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(t) * 1000 for name, t in times.items()}
    baseline = next(iter(medians.values()))
    print(f"{'command':45} {'median ms':>10} {'ratio':>7}")
    for name, ms in medians.items():
        print(f"{name:45} {ms:10.1f} {ms / baseline:7.2f}")


if __name__ == "__main__":
    main()
