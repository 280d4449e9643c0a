"""Password samples shared by the strength tests and benchmarks/password.py.

Weak: the hand-written cases of ``tests/data/password/weak_cases.txt`` (written before
the matchers were tuned).  Strong: generated, never hand-picked: random strings of all
four classes, and passphrases of random words (English from zxcvbn's Wikipedia list,
pinyin from beianaudit's lexicon and its set phrases) with a digit and a symbol.  None
may be rejected.
"""

from __future__ import annotations

import random
import string
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEAK = ROOT / "tests" / "data" / "password" / "weak_cases.txt"
SYMBOLS = "!@#$%^&*()-_=+[]{};:,.<>/?~"
SEPARATORS = ("", "-", ".", "_", " ")


STRUCTURES = ROOT / "tests" / "data" / "password" / "structure_cases.txt"


def weak_cases(path: Path = WEAK) -> list[tuple[str, str]]:
    """``(class, password)`` from a data file (the first list by default), in file order."""
    lines = path.read_text("utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


def random_password(rng: random.Random, length: int) -> str:
    """``length`` (10+) characters drawn uniformly, at least one of each class."""
    classes = (string.ascii_uppercase, string.ascii_lowercase, string.digits, SYMBOLS)
    every = "".join(classes)
    chars = [rng.choice(c) for c in classes]
    chars += [rng.choice(every) for _ in range(length - len(chars))]
    rng.shuffle(chars)
    return "".join(chars)


@cache
def _words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    from beianaudit.password.chinese_matching import lexicon, set_phrases

    english = tuple(w for w in FREQUENCY_LISTS["english_wikipedia"] if len(w) >= 4)
    pinyin = tuple(sorted(w for w in {*lexicon()[0], *set_phrases()} if len(w) >= 4))
    return english, pinyin


def passphrase(rng: random.Random, count: int, pinyin: bool) -> str:
    """``count`` (4+) random words of one language, each drawn uniformly from the whole
    list, joined by one separator (or none), capitalised or not, with a digit and a
    symbol put in at random places."""
    words = list(_words()[1 if pinyin else 0])
    chosen = [rng.choice(words) for _ in range(count)]
    if rng.random() < 0.5:
        chosen = [w.capitalize() for w in chosen]
    else:
        chosen[0] = chosen[0].capitalize()
    text = rng.choice(SEPARATORS).join(chosen)
    for extra in (rng.choice(string.digits), rng.choice(SYMBOLS)):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + extra + text[at:]
    return text


PHRASES = ROOT / "tests" / "data" / "password" / "phrase_cases.txt"
PHRASE_SUFFIXES = ("@2026", "!", "888", "#1")


def _phrase_forms(syllables: list[str]) -> list[str]:
    """The ways people type a phrase's syllables: Capitalised, CamelCase, lower case,
    each syllable capitalised and separated by -, . or _."""
    title = [s.capitalize() for s in syllables]
    return [
        "".join(syllables).capitalize(),
        "".join(title),
        "".join(syllables),
        "-".join(title),
        ".".join(title),
        "_".join(syllables),
    ]


def phrase_cases(path: Path = PHRASES) -> list[tuple[str, list[str]]]:
    """``(phrase, passwords)`` for every phrase of the hand list: each of its typed forms
    once, with the padding suffixes taken in turn (row by row the pairing shifts, so
    that over the list every form meets every suffix), as a cracker's rules make them."""
    cases = []
    lines = path.read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    for row, (phrase, pinyin) in enumerate(rows):
        forms = _phrase_forms(pinyin.split())
        passwords = [
            form + PHRASE_SUFFIXES[(row + k) % len(PHRASE_SUFFIXES)] for k, form in enumerate(forms)
        ]
        cases.append((phrase, passwords))
    return cases
