"""Recovery plan and case journal: what ``beianaudit plan`` and ``journal`` cost.

    python benchmarks/plan.py [--n 500] [--runs 10] [--json]

In-process figures are the median over five rounds of the mean of ``--n`` calls
(the journal's append is fsync-bound, so it runs ``--n // 10`` times).  The
command figure runs fresh processes interleaved with the baseline (bare
``import click``).  ``--json`` prints the rows of the benchmark contract for
``benchmarks/run_all.py``.  The machine is shared: treat the figures as noisy.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from timing import commands, median_of_means, row, table

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).with_name("beianaudit")
SAMPLE = ROOT / "samples" / "personal.toml"
TODAY = date(2026, 11, 25)


def plan_rows(n: int) -> list[dict]:
    from beianaudit import i18n
    from beianaudit.commands.plan import render
    from beianaudit.config import load
    from beianaudit.recovery import plan

    i18n.set_language("zh_CN")
    config = load(SAMPLE)
    checked = plan.run_self_check(config, TODAY)
    built = plan.build(config, "phone-lost", checked)
    return [
        row(
            f"plan: run the self-check ({len(checked.checks)} checks)",
            median_of_means(lambda: plan.run_self_check(config, TODAY), n, 1e3),
            "ms",
        ),
        row(
            "plan: build (phone-lost)",
            median_of_means(lambda: plan.build(config, "phone-lost", checked), n, 1e6),
            "us",
        ),
        row(
            "plan: render text (zh_CN)",
            median_of_means(lambda: render(built, "zh_CN"), n, 1e6),
            "us",
        ),
    ]


def journal_rows(n: int, folder: Path) -> list[dict]:
    from beianaudit.recovery import journal

    path = folder / journal.FILENAME
    entry = journal.Entry(
        datetime(2026, 11, 25, 1, 30, tzinfo=UTC), "寄出营业执照复印件", "courier", "SF1234567890"
    )
    append = median_of_means(lambda: journal.append(entry, path), max(5, n // 10), 1e3)
    entries = sum(1 for _ in journal.read(path))
    read = median_of_means(lambda: list(journal.read(path)), 3, 1e6) / entries
    return [
        row("journal: append one entry (fsync)", append, "ms"),
        row(f"journal: read, per entry ({entries} entries)", read, "us"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="calls per in-process round")
    parser.add_argument("--runs", type=int, default=10, help="fresh processes per command")
    parser.add_argument("--json", action="store_true", help="rows as one JSON list")
    args = parser.parse_args()
    n = max(1, args.n)
    with tempfile.TemporaryDirectory() as folder:
        rows = plan_rows(n) + journal_rows(n, Path(folder))
    plan_argv = [str(SCRIPT), "plan", "--config", str(SAMPLE), "--situation", "forgot"]
    rows += commands({"beianaudit plan --situation forgot": plan_argv}, max(1, args.runs))
    print(json.dumps(rows) if args.json else table(rows))


if __name__ == "__main__":
    main()
