"""Where each point of the recovery guidance is covered in the plan, as a Markdown table.

    python tools/plan_coverage.py

Reads beianaudit/data/plan/guidance.toml and plan.toml (through the package) and, for
every point, lists the entries that carry it and the situations (and subject types) whose
plan includes them: the audit table a reviewer holds against the article.
"""

from __future__ import annotations

import sys


def table() -> list[str]:
    from beianaudit.recovery import plan
    from beianaudit.recovery.situations import SITUATIONS, SUBJECT_TYPES

    guidance = plan.load_guidance()
    where: dict[str, dict[str, set[str]]] = {p: {} for p in guidance.points}
    for situation in SITUATIONS:
        for subject in SUBJECT_TYPES:
            built = plan.build(None, situation, plan.SelfCheck(), subject=subject)
            for entry in built.entries:
                for point in entry.points:
                    label = situation if subject == "personal" else f"{situation} (enterprise)"
                    where[point].setdefault(entry.id, set()).add(label)
    rows = ["| point | heading | applies to | carried by (entry: situations) |"]
    rows.append("|---|---|---|---|")
    for point in guidance.points.values():
        applies = ", ".join(point.situations) or "background only"
        if point.subject:
            applies += f" ({point.subject})"
        carried = "; ".join(
            f"{entry}: {', '.join(sorted(labels))}" for entry, labels in where[point.id].items()
        )
        rows.append(f"| {point.id} | {point.heading} | {applies} | {carried or '-'} |")
    return rows


def main() -> int:
    sys.stdout.write("\n".join(table()) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
