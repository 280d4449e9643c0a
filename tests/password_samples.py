"""Password samples shared by the strength tests and benchmarks/password.py.

Weak: the hand-written cases of ``tests/data/password/weak_cases.txt`` (written before
the matchers were tuned).  Strong: generated, never hand-picked: random strings of all
four classes, and passphrases of random words (English from zxcvbn's Wikipedia list,
pinyin from beianaudit's lexicon and its set phrases) with a digit and a symbol.  None
may be rejected.
"""

from __future__ import annotations

import itertools
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


def random_one_symbol(rng: random.Random, length: int) -> str:
    """``length`` (10+) characters of letters and digits drawn uniformly, at least one
    capital, small letter and digit, and exactly one symbol at a random place: the
    shape of a password whose symbol was added to pass the class rule."""
    classes = (string.ascii_uppercase, string.ascii_lowercase, string.digits)
    every = "".join(classes)
    chars = [rng.choice(c) for c in classes]
    chars += [rng.choice(every) for _ in range(length - len(chars) - 1)]
    rng.shuffle(chars)
    chars.insert(rng.randrange(len(chars) + 1), rng.choice(SYMBOLS))
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


# --- generated weak structures (issue 15, structures; written before the structure
# matcher): the shapes a PCFG cracker enumerates as one base structure, filled from
# tables, never hand-picked strings.  Every one passes the four-class rule.

JOINERS = ("@", "_", ".", "#", "")
SUFFIXES = ("", "!", "#", "!!", "@", ".")
DATE_SHAPES = ("YYYY", "YYYYMMDD", "YYMMDD", "MMDD", "YYYY.MM.DD")
LOVE_NUMBERS = ("520", "521", "1314", "5201314")
NAME_FORMS = ("name", "CamelName", "initials")
MOBILE_TAILS = ("aaaabbbb", "aaaaaaaa", "ascending", "abababab")
PHRASE_SEPARATORS = ("-", ".", "_")


def _four_classes(password: str) -> bool:
    from beianaudit.password.rules import character_classes

    return len(password) >= 8 and len(character_classes(password)) == 4


def _date(rng: random.Random, shape: str) -> str:
    year, month, day = rng.randint(1970, 2005), rng.randint(1, 12), rng.randint(1, 28)
    return (
        shape.replace("YYYY", f"{year}")
        .replace("YY", f"{year % 100:02d}")
        .replace("MM", f"{month:02d}")
        .replace("DD", f"{day:02d}")
    )


@cache
def _names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The 20 commonest surnames and 40 commonest given-name syllables of the lexicon."""
    from beianaudit.password.chinese_matching import lexicon

    _, surnames, given = lexicon()
    return tuple(sorted(surnames, key=surnames.get)[:20]), tuple(sorted(given, key=given.get)[:40])


def _name(rng: random.Random, form: str) -> str:
    surnames, given = _names()
    parts = [rng.choice(surnames)] + [rng.choice(given) for _ in range(rng.randint(1, 2))]
    if form == "initials":
        return "".join(p[0] for p in parts).capitalize()
    if form == "CamelName":
        return "".join(p.capitalize() for p in parts)
    return "".join(parts).capitalize()


def _mobile(rng: random.Random, tail: str) -> str:
    a, b = rng.sample("0123456789", 2)
    if tail == "ascending":
        start = rng.randint(0, 2)
        digits = "".join(str(start + k) for k in range(8))
    else:
        digits = tail.replace("a", a).replace("b", b)
    return f"1{rng.randint(3, 9)}{rng.randint(0, 9)}{digits}"


@cache
def _two_syllable_words() -> tuple[tuple[str, str], ...]:
    """The 300 commonest lexicon words that split one way only into two given-name
    syllables (the lexicon's list of single syllables), the second starting with a
    consonant (pinyin writes xi'an, not xian, for two syllables), as their syllables."""
    from beianaudit.password.chinese_matching import lexicon

    words, _, given = lexicon()
    found = []
    for word in sorted(words, key=words.get):
        splits = [(word[:k], word[k:]) for k in range(1, len(word)) if word[:k] in given]
        splits = [s for s in splits if s[1] in given and s[1][0] not in "aeo"]
        if len(splits) == 1 and word not in given:
            found.append(splits[0])
        if len(found) == 300:
            break
    return tuple(found)


def generated_weak_structures(seed: int = 15) -> list[tuple[str, str]]:
    """``(kind, password)`` over whole tables: name or initials × joiner × date shape
    × suffix; a doubled letter or initials with two dates or love numbers; a mobile
    number with a patterned tail and ``Aa!``-style padding; two common two-syllable
    words as separated, capitalised syllables with a suffix.  Fills are drawn with a
    fixed seed; combinations that miss a class are left out."""
    rng = random.Random(seed)  # noqa: S311 (a fixed sample, not a secret)
    cases: list[tuple[str, str]] = []
    for form, joiner, shape, suffix in itertools.product(
        NAME_FORMS, JOINERS, DATE_SHAPES, SUFFIXES
    ):
        cases.append(("name-date", _name(rng, form) + joiner + _date(rng, shape) + suffix))
    letters = string.ascii_lowercase
    for joiner, first, second, suffix in itertools.product(
        JOINERS[:4], ("MMDD", "love"), ("MMDD", "love", "YYYY"), ("", "!")
    ):
        lead = rng.choice(letters)
        lead = rng.choice([lead.upper() + lead, _name(rng, "initials")[:2]])
        one, two = (
            rng.choice(LOVE_NUMBERS) if part == "love" else _date(rng, part)
            for part in (first, second)
        )
        cases.append(("dates", lead + joiner + one + joiner + two + suffix))
        cases.append(("dates", one + joiner + two + rng.choice("#@!") + lead))
    for tail, side, symbol in itertools.product(MOBILE_TAILS, ("after", "before"), "!@#."):
        letter = rng.choice(letters)
        pad = letter.upper() + letter + symbol
        number = _mobile(rng, tail)
        cases.append(("mobile", number + pad if side == "after" else pad + number))
    words = _two_syllable_words()
    for separator, suffix in itertools.product(PHRASE_SEPARATORS, ("8!", "@2026", "#1", "!666")):
        for _ in range(3):
            syllables = [s for word in rng.sample(words, 2) for s in word]
            phrase = separator.join(s.capitalize() for s in syllables)
            cases.append(("phrase-suffix", phrase + suffix))
    return [(kind, pw) for kind, pw in cases if _four_classes(pw)]


def random_structure(rng: random.Random) -> str:
    """A base structure a cracker enumerates, filled at random (strong): 5-8 random
    letters, a symbol, 4-8 random digits, maybe another symbol, in either order."""
    word = "".join(rng.choice(string.ascii_letters) for _ in range(rng.randint(5, 8)))
    word = word[0].upper() + word[1:].lower() if rng.random() < 0.5 else word
    digits = "".join(rng.choice(string.digits) for _ in range(rng.randint(4, 8)))
    parts = [word, rng.choice(SYMBOLS), digits]
    if rng.random() < 0.5:
        parts.reverse()
    if rng.random() < 0.5:
        parts.append(rng.choice(SYMBOLS))
    text = "".join(parts)
    if not any(ch.isupper() for ch in text):
        text = text.replace(word, word.capitalize())
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
