"""Password samples shared by the strength tests and benchmarks/password.py.

Weak: the hand-written cases of ``tests/data/password/weak_cases.txt`` (written before
the matchers were tuned).  Strong: generated, never hand-picked: random strings of all
four classes, and passphrases of random words (English from zxcvbn's Wikipedia list,
pinyin from beianaudit's lexicon) with a digit and a symbol.  None may be rejected.
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

    from beianaudit.password.chinese_matching import lexicon

    english = tuple(w for w in FREQUENCY_LISTS["english_wikipedia"] if len(w) >= 4)
    pinyin = tuple(sorted(w for w in lexicon()[0] if len(w) >= 4))
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


CORPUS = ROOT / "tests" / "data" / "password" / "corpus_cases.txt"
COMPLIANT_SYMBOLS = ("!", "@", ".")


def compliant(password: str, k: int) -> str:
    """``password`` made to pass the class rules the way people do it, not to dodge a
    matcher: the first letter capitalised (a lone letter doubled first, ``a123456`` to
    ``Aa123456``; ``Aa`` put before a password without letters), a ``1`` appended when
    it has no digit, and one of ``!``, ``@``, ``.`` (the ``k``-th, in turn) appended
    when it has no symbol."""
    letters = [i for i, ch in enumerate(password) if ch.isascii() and ch.isalpha()]
    if not letters:
        password = "Aa" + password
    elif len(letters) == 1 and password[letters[0]].islower():
        i = letters[0]
        password = password[:i] + password[i].upper() + password[i:]
    elif not any(ch.isupper() for ch in password):
        i = letters[0]
        password = password[:i] + password[i].upper() + password[i + 1 :]
    if not any(ch.isdigit() for ch in password):
        password += "1"
    if all(ch.isalnum() for ch in password):
        password += COMPLIANT_SYMBOLS[k % len(COMPLIANT_SYMBOLS)]
    return password


def corpus_cases() -> list[tuple[str, str]]:
    """``(set, password)``: the corpus sample made compliant, 8 characters or more
    (shorter ones fail the length rule anyway), in file order."""
    cases = []
    for k, (kind, raw) in enumerate(weak_cases(CORPUS)):
        password = compliant(raw, k)
        if len(password) >= 8:
            cases.append((kind, password))
    return cases
