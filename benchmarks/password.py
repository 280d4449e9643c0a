"""Password strength: beianaudit's zxcvbn with Chinese habits, against plain zxcvbn.

    python benchmarks/password.py [--n 200] [--json]

Times one password's full strength verdict (personal words from
samples/personal.toml, the Chinese lists, the pinyin and padding matchers) over a
fixed list of passwords of about 12, 72 and 200 characters, against plain
``zxcvbn()`` on the same passwords (its first 72 characters: it refuses more).
Plain zxcvbn is timed first, before beianaudit replaces its dictionary matcher.
Also counts the Chinese-pattern cases of tests/data/password/chinese_cases.txt
that plain zxcvbn accepts (score >= 3) but beianaudit rejects (score < 3).
Also counts random 10-character passwords rejected, against plain zxcvbn's count.
Target (issue 3): under 20 ms median a password up to 72 characters.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import string
import time
from pathlib import Path

from timing import row, table

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "password" / "chinese_cases.txt"
LENGTHS = (12, 72, 200)
ALPHABET = string.ascii_letters + string.digits + "!@#$%^&*-_."


def fixed_list(length: int, count: int = 10) -> list[str]:
    """A fixed, seeded mix: random characters and Chinese-habit passwords padded to length."""
    rng = random.Random(length)
    habits = ["Woaini@1314", "Zhangwei@1990", "1qaz2wsx!Q", "Xiaoming#2024", "Beian@2026x"]
    passwords = []
    for k in range(count):
        if k % 2:
            base = habits[k % len(habits)]
            text = (base * (length // len(base) + 1))[:length]
        else:
            text = "".join(rng.choice(ALPHABET) for _ in range(length))
        passwords.append(text)
    return passwords


def per_password(fn, passwords: list[str], reps: int) -> float:
    """Median over the passwords of each one's median time (ms) over ``reps`` calls."""
    medians = []
    for pw in passwords:
        fn(pw)  # imports and caches, untimed
        times = []
        for _ in range(reps):
            start = time.perf_counter()
            fn(pw)
            times.append((time.perf_counter() - start) * 1e3)
        medians.append(statistics.median(times))
    return statistics.median(medians)


def chinese_cases() -> list[str]:
    lines = CASES.read_text("utf-8").splitlines()
    return [line.split("\t")[1] for line in lines if line and not line.startswith("#")]


def measure(n: int) -> list[dict]:
    from zxcvbn import zxcvbn

    from beianaudit.config import load
    from beianaudit.password.personal_words import context_words

    words = context_words(load(ROOT / "samples" / "personal.toml"))
    lists = {length: fixed_list(length) for length in LENGTHS}
    cases = chinese_cases()
    plain_scores = [zxcvbn(pw)["score"] for pw in cases]

    reps = max(1, n // 20)
    plain = {
        length: per_password(lambda p: zxcvbn(p[:72]), pws, reps) for length, pws in lists.items()
    }
    from beianaudit.password.strength import evaluate

    ours = {
        length: per_password(lambda p: evaluate(p, words), pws, reps)
        for length, pws in lists.items()
    }
    our_scores = [evaluate(pw, words).score for pw in cases]
    caught = sum(1 for p, o in zip(plain_scores, our_scores, strict=True) if p >= 3 and o < 3)
    rows = [
        row(f"strength of one password, {length} chars", ours[length], "ms", plain[length])
        for length in LENGTHS
    ]
    rows.append(
        row(
            "chinese cases: plain zxcvbn accepts",
            sum(s >= 3 for s in plain_scores),
            "n",
            len(cases),
        )
    )
    rows.append(row("chinese cases: accepted by zxcvbn, we reject", caught, "n", len(cases)))
    rows.append(row("chinese cases: we accept", sum(s >= 3 for s in our_scores), "n", len(cases)))
    # The other side: random passwords must not be punished (baseline: plain zxcvbn's count).
    rng = random.Random(10)
    randoms = ["".join(rng.choice(ALPHABET) for _ in range(10)) for _ in range(200)]
    rows.append(
        row(
            "random 10-char passwords (of 200): we reject",
            sum(evaluate(pw, words).score < 3 for pw in randoms),
            "n",
            sum(zxcvbn(pw)["score"] < 3 for pw in randoms),
        )
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="workload: n/20 timed calls a password")
    parser.add_argument("--json", action="store_true", help="print the rows as one JSON list")
    args = parser.parse_args()
    rows = measure(args.n)
    if args.json:
        print(json.dumps(rows))
    else:
        print(table(rows))
        print("(baseline: plain zxcvbn on the same passwords; for the case counts, all cases)")


if __name__ == "__main__":
    main()
