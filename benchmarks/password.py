"""Password strength: speed on any input, the lexicon's load, and the counts on the cases.

    python benchmarks/password.py [--n 200] [--json]

- The worst verdict time over adversarial shapes up to the stdin limit (1,024
  characters: leet symbols, ``aA`` × 512, repeated walks, dates, phones, separators,
  the person's own data with a rest that needs its own evaluation, random printable
  text), with the person's data of ``samples/personal.toml`` and again without it
  (one evaluation, no rest to judge), each the median of a few runs (target: under
  50 ms), in wall time and in the process's CPU time (which a loaded machine
  inflates least), against plain ``zxcvbn()`` on the same input's first 72
  characters (timed after beianaudit installed its faster matchers, so plain zxcvbn
  is flattered); then every shape's CPU time, slowest first, with and without.
- A typical verdict at 12 and 72 characters, against plain ``zxcvbn()`` (its first
  72 characters: it refuses more; plain zxcvbn is timed before beianaudit replaces
  its matchers).
- Load times in a fresh process, against a bare ``import zxcvbn`` (which builds
  zxcvbn's own lists): the lexicon (``pinyin_lexicon.txt`` and ``pinyin_phrases.txt``),
  the brand list (``brand_words.txt``: its models are counted, not built) and the
  corpus (``chinese_passwords.txt`` and ``password_terminals.txt``); and the first
  verdict of a fresh process, imports included, against plain zxcvbn's.
- The cases rejected (score < 3, no personal context), by class, against plain
  zxcvbn: ``tests/data/password/weak_cases.txt``, ``structure_cases.txt``,
  ``habit_cases.txt``, the
  generated weak structures of ``tests/password_samples.py``, the set phrases of
  ``phrase_cases.txt`` typed and padded six ways each, and ``corpus_cases.txt`` (made
  4-class as people do, ``password_samples.compliant``); and the generated strong
  passwords, passphrases and randomly filled structures rejected (target 0).

With ``--stress STRINGS``, only the seeded stress of "strong stays strong": STRINGS
random strings of 10-16 characters (half of all four classes, half letters and digits
with one symbol) and a tenth as many passphrases of 4-5 random English or pinyin
words, each judged without personal context; per set the rejections (target 0), the
lowest guesses_log10 seen (the margin over 8) and the mean verdict CPU, the lowest
strings of each set printed to stderr.  ``--stress 50000`` takes several minutes.
Figures from a shared 2-core machine are noisy: the uptime load is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import string
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from timing import row, table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STDIN_LIMIT = 1024


def adversarial() -> dict[str, str]:
    """Shapes that make a matcher do the most work, each as long as stdin allows."""
    rng = random.Random(1024)

    def fill(unit: str) -> str:
        return (unit * (STDIN_LIMIT // len(unit) + 1))[:STDIN_LIMIT]

    printable = string.ascii_letters + string.digits + string.punctuation
    pinyin = ("Zhang", "Wei", "Li", "Wang", "Shi", "Ai", "Ni", "Wo", "Xiao", "Ming", "Hua")
    return {
        # The person's own data (samples/personal.toml) with a rest that differs from
        # the judged prefix: two whole evaluations, the slowest kind of verdict.
        "own phone + Aa!": fill("13912345678Aa!"),
        "zhangwei + leet": fill("zhangwei4@3!1|0$57+("),
        "aAaA1990": fill("aAaA1990"),
        "name, dates, symbols": "".join(
            rng.choice(("zhangwei", "1990", "0307", "wei", "!", "@", "Zhang")) for _ in range(400)
        )[:STDIN_LIMIT],
        "dates at random": "".join(
            f"{rng.randint(1950, 2025)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            for _ in range(STDIN_LIMIT // 8 + 1)
        )[:STDIN_LIMIT],
        "phone pieces": "".join(
            rng.choice(("139", "138", "1234", "5678", "0000", "8888")) for _ in range(400)
        )[:STDIN_LIMIT],
        "mixed CJK": fill("张伟zhangwei1990"),
        "dates with separators": fill("1990-03-07"),
        "ab1": fill("ab1"),
        "qwerty row": fill("qwertyuiop"),
        "CamelCase pinyin": "".join(rng.choice(pinyin) for _ in range(400))[:STDIN_LIMIT],
        "leet symbols": fill("4@3!1|0$57+("),
        "aA x 512": fill("aA"),
        "one letter": fill("a"),
        "one digit": fill("1"),
        "walk 1qaz2wsx": fill("1qaz2wsx"),
        "shifted walk": fill("!QAZ@WSX#EDC"),
        "woaini": fill("woaini"),
        "Wo-Ai-Ni-": fill("Wo-Ai-Ni-"),
        "ZhangWei": fill("ZhangWei"),
        "dates": fill("19900307"),
        "phones": fill("13812345678"),
        "separators": fill("a.b-c_d e"),
        "syllables": fill("sheng"),
        "Aa1!": fill("Aa1!"),
        "random printable": "".join(rng.choice(printable) for _ in range(STDIN_LIMIT)),
        "random letters": "".join(rng.choice(string.ascii_letters) for _ in range(STDIN_LIMIT)),
        # The habit shapes (beianaudit/password/habit_shapes.py).
        "phones as written": fill("139-1122-3344 "),
        "city + area code": fill("0571#Hang-Zhou"),
        "kin + date": fill("BaoBao#1985-12-25"),
        "brand + model": fill("Huawei#P60 Pro Max "),
    }


def timed_both(fn, reps: int) -> tuple[float, float]:
    """Median wall and median CPU time (ms) of ``reps`` calls, after one untimed call."""
    fn()
    wall, cpu = [], []
    for _ in range(reps):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - start_cpu) * 1e3)
        wall.append((time.perf_counter() - start) * 1e3)
    return statistics.median(wall), statistics.median(cpu)


def timed(fn, reps: int, clock=time.perf_counter) -> float:
    """Median time (ms) of ``reps`` calls by ``clock``, after one untimed call.  The
    process's CPU time (``time.process_time``) is what a loaded machine inflates least."""
    fn()
    times = []
    for _ in range(reps):
        start = clock()
        fn()
        times.append((clock() - start) * 1e3)
    return statistics.median(times)


def fresh_process_ms(code: str, runs: int = 5) -> float:
    """Median time (ms) that ``code`` takes inside a fresh interpreter (its own clock)."""
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


LOAD_LEXICON = """
import time
from beianaudit.password.chinese_matching import lexicon, set_phrases
start = time.perf_counter()
lexicon()
set_phrases()
print((time.perf_counter() - start) * 1e3)
"""
LOAD_BRANDS = """
import time
from zxcvbn import matching  # imported before the clock: the load alone is timed
from beianaudit.password.chinese_matching import brand_dictionary
start = time.perf_counter()
brand_dictionary()
print((time.perf_counter() - start) * 1e3)
"""
FIRST_VERDICT = """
import time
start = time.perf_counter()
from beianaudit.password.strength import evaluate
evaluate("Xq9#vL2!pR7@")
print((time.perf_counter() - start) * 1e3)
"""
FIRST_PLAIN = """
import time
start = time.perf_counter()
from zxcvbn import zxcvbn
zxcvbn("Xq9#vL2!pR7@")
print((time.perf_counter() - start) * 1e3)
"""
LOAD_HABITS = """
import time
from beianaudit.password import habit_shapes
start = time.perf_counter()
habit_shapes.tables()
print((time.perf_counter() - start) * 1e3)
"""
LOAD_CORPUS = """
import time
from beianaudit.password import chinese_matching
start = time.perf_counter()
chinese_matching._passwords()
chinese_matching.terminals()
print((time.perf_counter() - start) * 1e3)
"""
IMPORT_ZXCVBN = """
import time
start = time.perf_counter()
import zxcvbn.matching
print((time.perf_counter() - start) * 1e3)
"""


def measure(n: int) -> list[dict]:
    from zxcvbn import zxcvbn

    from tests.password_samples import (
        STRUCTURES,
        corpus_cases,
        generated_weak_structures,
        passphrase,
        phrase_cases,
        random_password,
        random_structure,
        weak_cases,
    )

    rows = [
        row(
            "lexicon load (read and rank, fresh process)",
            fresh_process_ms(LOAD_LEXICON),
            "ms",
            fresh_process_ms(IMPORT_ZXCVBN),
        ),
        row("brand list load (read and rank, fresh process)", fresh_process_ms(LOAD_BRANDS), "ms"),
        row(
            "corpus load: passwords and terminals (fresh process)",
            fresh_process_ms(LOAD_CORPUS),
            "ms",
            fresh_process_ms(IMPORT_ZXCVBN),
        ),
        row("habit tables load (fresh process)", fresh_process_ms(LOAD_HABITS), "ms"),
        row(
            "first verdict, imports included (fresh process)",
            fresh_process_ms(FIRST_VERDICT),
            "ms",
            fresh_process_ms(FIRST_PLAIN),
        ),
    ]
    cases = weak_cases()
    structures = weak_cases(STRUCTURES)
    generated = generated_weak_structures()
    habits = weak_cases(ROOT / "tests" / "data" / "password" / "habit_cases.txt")
    plain_scores = [zxcvbn(pw)["score"] for _, pw in cases]
    typical = {12: "Xq9#vL2!pR7@", 72: ("Woaini@1314Kx9#mQ2v!Lp7" * 4)[:72]}
    plain_ms = {k: timed(lambda p=pw: zxcvbn(p[:72]), max(3, n // 20)) for k, pw in typical.items()}

    from beianaudit.config import load
    from beianaudit.password.personal_words import context_words
    from beianaudit.password.strength import evaluate

    words = context_words(load(ROOT / "samples" / "personal.toml"))
    reps = max(3, n // 40)
    inputs = adversarial()
    both = {name: timed_both(lambda p=pw: evaluate(p, words), reps) for name, pw in inputs.items()}
    for label, clock, k in (("wall", time.perf_counter, 0), ("CPU", time.process_time, 1)):
        shapes = {name: times[k] for name, times in both.items()}
        worst = max(shapes, key=shapes.__getitem__)
        plain = timed(lambda p=inputs[worst]: zxcvbn(p[:72]), reps, clock)
        figure = f"worst verdict over {len(shapes)} shapes, {label} ({worst})"
        rows.append(row(figure, shapes[worst], "ms", plain))
    # Without the person's data: one evaluation (no rest to judge again).
    alone = {
        name: timed(lambda p=pw: evaluate(p), reps, time.process_time)
        for name, pw in inputs.items()
    }
    worst = max(alone, key=alone.__getitem__)
    plain = timed(lambda p=inputs[worst]: zxcvbn(p[:72]), reps, time.process_time)
    figure = f"worst verdict over {len(alone)} shapes, CPU, no personal data ({worst})"
    rows.append(row(figure, alone[worst], "ms", plain))
    # Every shape's CPU time, slowest first: which ones stand closest to the 50 ms.
    for name, (_, cpu) in sorted(both.items(), key=lambda item: -item[1][1]):
        rows.append(row(f"verdict CPU: {name}", cpu, "ms"))
    for name, cpu in sorted(alone.items(), key=lambda item: -item[1]):
        rows.append(row(f"verdict CPU, no personal data: {name}", cpu, "ms"))
    for length, pw in typical.items():
        ours = timed(lambda p=pw: evaluate(p, words), max(3, n // 20))
        rows.append(row(f"one verdict, {length} chars", ours, "ms", plain_ms[length]))

    none: list[tuple[str, str]] = []
    for label, listed, plain_listed in (
        ("weak cases", cases, plain_scores),
        ("weak structures", structures, [zxcvbn(pw)["score"] for _, pw in structures]),
        ("generated structures", generated, [zxcvbn(pw)["score"] for _, pw in generated]),
        ("corpus cases", corpus_cases(), [zxcvbn(pw)["score"] for _, pw in corpus_cases()]),
        ("habit cases", habits, [zxcvbn(pw)["score"] for _, pw in habits]),
    ):
        our_scores = [evaluate(pw, context_words(None)).score for _, pw in listed]
        total, ours_rejected, plain_rejected = Counter(), Counter(), Counter()
        for (kind, _), ours, plain in zip(listed, our_scores, plain_listed, strict=True):
            total[kind] += 1
            ours_rejected[kind] += ours < 3
            plain_rejected[kind] += plain < 3
        for kind in total:
            rows.append(
                row(
                    f"{label} rejected: {kind} (of {total[kind]})",
                    ours_rejected[kind],
                    "n",
                    plain_rejected[kind],
                )
            )
        rows.append(
            row(
                f"{label} rejected: all (of {len(listed)})",
                sum(ours_rejected.values()),
                "n",
                sum(plain_rejected.values()),
            )
        )
    typed = [pw for _, passwords in phrase_cases() for pw in passwords]
    rows.append(
        row(
            f"set phrases typed and padded rejected (of {len(typed)})",
            sum(evaluate(pw, context_words(None)).score < 3 for pw in typed),
            "n",
            sum(zxcvbn(pw)["score"] < 3 for pw in typed),
        )
    )
    rng = random.Random(15)
    strong = [random_password(rng, rng.randint(10, 16)) for _ in range(n)]
    phrases = [passphrase(rng, rng.randint(4, 5), k % 2 == 0) for k in range(n)]
    shaped = [random_structure(rng) for _ in range(n)]
    for label, sample in (
        ("random 10-16 chars", strong),
        ("passphrases of 4-5 words", phrases),
        ("randomly filled structures", shaped),
    ):
        rejected = sum(evaluate(pw, none).score < 3 for pw in sample)
        plain = sum(zxcvbn(pw[:72])["score"] < 3 for pw in sample)
        rows.append(row(f"strong {label} (of {n}): rejected", rejected, "n", plain))
    return rows


def stress_sets(strings: int, phrases: int, seed: int) -> dict[str, list[str]]:
    """The seeded stress: random strings of 10-16 characters (half of all four classes,
    half letters and digits with one symbol) and passphrases of 4-5 random words (half
    English, half pinyin), each set drawn from its own seeded generator."""
    from tests.password_samples import passphrase, random_one_symbol, random_password

    def draw(k: int, make) -> list[str]:  # type: ignore[no-untyped-def]
        rng = random.Random(f"{seed}-{k}")
        count = (strings if k < 3 else phrases) // 2
        return [make(rng) for _ in range(count)]

    return {
        "random 10-16, four classes": draw(1, lambda r: random_password(r, r.randint(10, 16))),
        "random 10-16, letters+digits+one symbol": draw(
            2, lambda r: random_one_symbol(r, r.randint(10, 16))
        ),
        "passphrases of 4-5 English words": draw(
            3, lambda r: passphrase(r, r.randint(4, 5), pinyin=False)
        ),
        "passphrases of 4-5 pinyin words": draw(
            4, lambda r: passphrase(r, r.randint(4, 5), pinyin=True)
        ),
    }


def stress(strings: int, phrases: int, seed: int, show: int) -> list[dict]:
    """Every stress password judged without personal context: per set, how many are
    rejected (target 0) and the lowest guesses_log10 seen (the margin above 8, the
    threshold of score 3); the ``show`` lowest of each set go to stderr."""
    from beianaudit.password.strength import evaluate

    rows = []
    for label, sample in stress_sets(strings, phrases, seed).items():
        start = time.process_time()
        results = [(evaluate(pw).guesses_log10, pw) for pw in sample]
        cpu = (time.process_time() - start) * 1e3 / max(len(sample), 1)
        results.sort()
        rejected = sum(log < 8 for log, _ in results)
        rows.append(row(f"stress {label} (of {len(sample)}): rejected", rejected, "n"))
        rows.append(row(f"stress {label}: lowest guesses_log10", results[0][0], "log10"))
        rows.append(row(f"stress {label}: mean verdict CPU", cpu, "ms"))
        for log, pw in results[:show]:
            result = evaluate(pw)
            print(f"{label}: {log:5.2f} {pw!r} {result.habits}", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="workload: generated strong cases")
    parser.add_argument("--json", action="store_true", help="print the rows as one JSON list")
    parser.add_argument(
        "--stress",
        type=int,
        metavar="STRINGS",
        help="only the seeded stress: STRINGS random strings and a tenth as many passphrases "
        "(50000 for the figures of issue 15); the lowest of each set to stderr",
    )
    parser.add_argument("--seed", type=int, default=2026, help="the stress's seed")
    args = parser.parse_args()
    if args.stress:
        rows = stress(args.stress, max(args.stress // 10, 2), args.seed, show=8)
    else:
        rows = measure(args.n)
    if args.json:
        print(json.dumps(rows))
    else:
        print(table(rows))
        print(
            f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; baselines: "
            "bare import zxcvbn, plain zxcvbn, plain zxcvbn's rejections)"
        )


if __name__ == "__main__":
    main()
