"""What a Chinese attacker tries first, as zxcvbn matches.

zxcvbn finds the cheapest explanation of a password from a list of matches; this
module adds the matches it cannot find on its own, each priced as a cracker's
guess list would reach it:

- words of a ranked pinyin lexicon (jieba's dictionary by frequency, see
  ``tools/password_lexicon.py``), of ranked brands and vendor defaults, of SecLists'
  Chinese passwords ranked by frequency in leaked Chinese sites and of the PCFG
  terminals learned from them (letter and digit runs, see ``tools/password_corpus.py``
  and :func:`segment_rank`), as zxcvbn prices its own frequency lists (guesses ≈
  rank);
- set phrases and idioms (恭喜发财, 好好学习), full or by initials, ranked among
  themselves (``pinyin_phrases.txt``): a cracker's idiom list is tried in its own order,
  so a phrase costs its rank there, not its rank among all words;
- phrases: a run of letters that splits into lexicon words costs the product of
  their ranks (a combinator attack), so 我是谁 (wo·shi·shui) costs what its three
  very common words cost;
- names: a ranked surname and one or two ranked given-name syllables, rank times
  rank, or a name's initials;
- mangling, as cracking rules undo it: separators between words (``Wo-Ai-Ni``),
  CamelCase, leet (``W0a1n1``): the bare word's guesses times a small rule factor;
- dates as MMDD, mainland mobile numbers as a shape (``1[3-9]x`` and a tail priced as
  zxcvbn prices it), shifted keyboard walks (``1qaz@WSX``) as chained chunks;
- later years (2020–2049) and a core padded with a few digits or symbols
  (``Zhangwei@1990!!``), priced as the one guess list a cracking rule makes of it.

Every matcher's work is bounded by the length of its input (a test counts it).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from beianaudit.password.personal_words import data_lines

CHINESE = "chinese_passwords"
TERMINAL_LETTERS = "corpus_letters"  # PCFG terminals of the corpus: see terminals()
TERMINAL_DIGITS = "corpus_digits"
CORPUS_TERMINALS = (TERMINAL_LETTERS, TERMINAL_DIGITS)
LEXICON = "pinyin_lexicon"
SET_PHRASES = "pinyin_set_phrases"
BRANDS = "brand_words"
PHRASE = "pinyin_phrase"
NAME = "chinese_name"
DATE = "date_mmdd"
YEAR_MONTH = "date_year_month"
MOBILE = "mobile_number"
WALK = "keyboard_walk"
USER = "user_inputs"
HABIT = "habit"
# Upstream's "recent year" stops at 2019; this decade's years are what people
# append (Beian@2026), so this adds 2020–2049 under the same name and price.
LATER_YEAR = re.compile(r"20[2-4]\d")

# --- mangling: how the rules a cracker runs rewrite a word ------------------------
SEPARATORS = frozenset("-._ @#*+,/:;~&|")  # between words: Wo-Ai-Ni, Zhang.Wei
LEET_SEPARATORS = frozenset("-._ ")  # when @ | are read as letters
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "@": "a", "$": "s", "5": "s", "7": "t", "!": "i"}
LEET |= {"|": "l"}
SEPARATOR_RULE = 8  # which separator, once for all the word breaks
MIXED_SEPARATORS = 8  # more when the breaks use different ones
LEET_RULE = 2  # per distinct substitution, as zxcvbn's l33t_variations for one
CAMEL_RULE = 4  # capitals exactly at word starts (WoAiNi, ZhangWei)
FIRST_OR_ALL_UPPER = 2
MIN_WORD_LETTERS = 2
MAX_WORD_LETTERS = 16
NAME_ORDER = 2  # surname first or given name first
MAX_STARTS = 32  # phrase search starts per skeleton: bounds the work on any input
PLAIN_STARTS_UNDER = 24  # a skeleton this short is searched from every position

# --- padding -----------------------------------------------------------------------
# The way people pad a core to pass the class rules: short pieces of symbols, digits
# or letters before or after it, up to MAX_PAD characters a side (Zhangwei@1990,
# 1314@Woaini, Aa19900307!, Woaini1314!@#, Sunli@1987.06!).  Cracking rules (hashcat's
# best64 and the like) try exactly these.  A piece is a whole run of symbols or digits
# (possessive: one way to cut the padding into runs), or of one to three letters (Aa,
# abc): the letters of a longer run are a word, not padding; it may touch the core
# (AAwoaini).
_PIECE = r"(?:[^A-Za-z0-9]++|[0-9]++|{letters})"
_SUFFIX = re.compile(_PIECE.format(letters="[A-Za-z]{1,3}(?![A-Za-z])") + "+")
_PREFIX = re.compile("(?:" + _PIECE.format(letters="(?<![A-Za-z])[A-Za-z]{1,3}") + ")+$")
_SEGMENT = re.compile(r"[^A-Za-z0-9]+|[0-9]+|[A-Za-z]+")
MAX_PAD = 12  # characters of padding on one side
SYMBOL_GUESSES = 10  # per padding symbol: ! @ # . _ * and a few more
DOUBLED_LETTER = 26 * 4  # Aa, aA, Qq, zz: one letter, four ways to case it
PIECE_MINIMUM = 50.0  # zxcvbn's MIN_SUBMATCH_GUESSES_MULTI_CHAR, for a known piece of padding
BRUTEFORCE_CARDINALITY = 10.0  # zxcvbn's price per character it does not recognise
TEMPLATES = 4  # padding before, after or both sides of the core, or none
MIN_CORE = 3  # characters of a core: shorter ones are padding themselves
# zxcvbn's score is 4 from 10^10 guesses on: a match that costs that much (or a core
# that costs that much once padded) cannot lower any score, and is left out.
SCORE_4 = 1e10
MAX_CORE_GUESSES = SCORE_4 / (TEMPLATES * SYMBOL_GUESSES)

# --- dates, phones, walks ------------------------------------------------------------
_MMDD = re.compile(r"(?=((?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])))")
MMDD_GUESSES = 366
# A year and a month (198706, 1987.06): zxcvbn's dates need a day.  Years as zxcvbn
# prices them (1900 to 2049), separators as it does (the same one, if any, of these).
_YEAR_MONTH = re.compile(r"(?=((?:19\d\d|20[0-4]\d)([-./_ ]?)(?:0[1-9]|1[0-2])))")
MONTHS = 12
DATE_SEPARATOR_RULE = 4  # zxcvbn's price for a date's separator
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
MOBILE_PREFIXES = 50  # 13x–19x: about fifty three-digit prefixes are allocated
MAX_TAIL_GUESSES = 10**8
KEYBOARD = ("1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./")
SHIFTED = ("!@#$%^&*()_+", "QWERTYUIOP{}", 'ASDFGHJKL:"', "ZXCVBNM<>?")
WALK_FIRST_CHUNK = 400  # which row or column, where, which way, how shifted, how long
WALK_NEXT_ROW = 24  # any row, any shift pattern, continuing or not
WALK_NEXT_COLUMN = 12  # the next column either way, any shift pattern


@cache
def lexicon() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """The ranked pinyin words, surnames and given names (rank 1 = most used).

    Read as one ``split()`` of the file (no line-by-line filtering: the header's
    comments come first, the sections after): this is start-up time of every verdict.
    """
    from beianaudit import data_text

    text = data_text("password/pinyin_lexicon.txt")
    tokens = text[text.index("\n[words]\n") :].split()
    surnames, given = tokens.index("[surnames]"), tokens.index("[given]")

    def ranked(words: list[str]) -> dict[str, int]:
        return dict(zip(words, range(1, len(words) + 1), strict=True))  # keys unique (the tool)

    return (
        ranked(tokens[1:surnames]),
        ranked(tokens[surnames + 1 : given]),
        ranked(tokens[given + 1 :]),
    )


# --- brands: product models as a shape -----------------------------------------------
# A model is a series of brand_words.txt's [models] (mate, p, redmik, iphone …), a
# number and perhaps a variant, as typed (mate60pro, p40, redmik70, iphone15promax).
# Counted, not listed: every number from 1 to MODEL_NUMBERS with every variant is a
# model, so a series' models cost its place among the series times the models a series
# counts (a cracker tries each series' models in turn).
MODEL_NUMBERS = 99
MODEL_VARIANTS = ("", "pro", "max", "plus", "ultra", "promax", "pro+", "lite", "se", "s", "e")


_MODEL = re.compile(r"([a-z]+)([1-9][0-9]?)([a-z+]*)")


class Brands(dict):  # type: ignore[type-arg]
    """The ranked brands and vendor defaults, and the counted models of each series.

    A model is priced when it is looked up, not listed: the series' place among the
    series times MODEL_NUMBERS x MODEL_VARIANTS.  Iterating gives the listed words
    only: past zxcvbn_speed.SHORT characters, where a substring is looked up only if
    it is in the set of all words, models are not seen (a password that long is not
    short of guesses for want of a model number)."""

    def __init__(self, words: dict[str, int], series: list[str]) -> None:
        super().__init__(words)
        per_series = MODEL_NUMBERS * len(MODEL_VARIANTS)
        self.series = {s: place * per_series for place, s in enumerate(series, start=1)}

    def _model(self, word: object) -> int | None:
        found = _MODEL.fullmatch(word) if isinstance(word, str) else None
        if found and found[3] in MODEL_VARIANTS:
            return self.series.get(found[1])
        return None

    def get(self, word: object, default: Any = None) -> Any:
        rank = dict.get(self, word)
        if rank is None:
            rank = self._model(word)
        return default if rank is None else rank

    def __contains__(self, word: object) -> bool:
        return dict.__contains__(self, word) or self._model(word) is not None

    def __getitem__(self, word: str) -> int:
        rank = self.get(word)
        if rank is None:
            raise KeyError(word)
        return rank


def brand_dictionary() -> Brands:
    """brand_words.txt: the ranked words, then the ``[models]`` series."""
    from zxcvbn import matching

    lines = data_lines("brand_words.txt")
    cut = lines.index("[models]") if "[models]" in lines else len(lines)
    words = matching.build_ranked_dict(list(dict.fromkeys(lines[:cut])))
    return Brands(words, lines[cut + 1 :])


@cache
def set_phrases() -> dict[str, int]:
    """The ranked set phrases and idioms, full pinyin or initials (rank 1 = most used
    in its section), read as :func:`lexicon` is.  The two sections share no key (the
    tool checks), so one dict holds both."""
    from beianaudit import data_text

    text = data_text("password/pinyin_phrases.txt")
    tokens = text[text.index("\n[phrases]\n") :].split()
    initials = tokens.index("[initials]")
    ranked = dict(zip(tokens[initials + 1 :], range(1, len(tokens) - initials), strict=True))
    ranked.update(zip(tokens[1:initials], range(1, initials), strict=True))
    return ranked


@cache
def terminals() -> tuple[dict[str, int], dict[str, int]]:
    """The PCFG terminals of the corpus: letter runs (lower case) and digit runs, each
    ranked by how many of the corpus's users type it (rank 1 = most used).

    Generated by ``tools/password_corpus.py`` from SecLists' Chinese passwords ranked
    by frequency (Weir et al. 2009's split into maximal runs of letters, digits and
    symbols; a password of rank r weighs 1/r).  Read as one ``split()``, as
    :func:`lexicon`: this is start-up time of every verdict.
    """
    from beianaudit import data_text

    text = data_text("password/password_terminals.txt")
    tokens = text[text.index("\n[letters]\n") :].split()
    digits = tokens.index("[digits]")

    def ranked(runs: list[str]) -> dict[str, int]:
        return dict(zip(runs, range(1, len(runs) + 1), strict=True))  # keys unique (the tool)

    return ranked(tokens[1:digits]), ranked(tokens[digits + 1 :])


def segment_rank(segment: str) -> int | None:
    """The rank of a run of letters (any case) or of digits among the corpus's
    terminals of its class (1 = most used), or None when the corpus has no such run
    (or the segment mixes classes, or is empty).

    For a structure matcher (a PCFG: Woaini@1314 is L6 S1 D4): a password's guesses are
    about the product of its segments' ranks times its structure's; a segment without a
    rank is priced as brute force or by the other lists.  ``woaini`` is 1 among letters,
    ``1314`` 13 among digits.
    """
    letters, digits = terminals()
    if segment.isascii() and segment.isalpha():
        return letters.get(segment.lower())
    if segment.isascii() and segment.isdigit():
        return digits.get(segment)
    return None


def _passwords() -> dict[str, int]:
    """The corpus's passwords by rank (``tools/password_corpus.py``), read as one
    ``split()`` after the header (a password may start with ``#``)."""
    from beianaudit import data_text

    text = data_text("password/chinese_passwords.txt")
    words = text[text.index("\n[passwords]\n") :].split()[1:]
    return dict(zip(words, range(1, len(words) + 1), strict=True))  # keys unique (the tool)


@cache
def chinese_dictionaries() -> dict[str, dict[str, int]]:
    """The ranked lists beianaudit adds to zxcvbn's own, read once from package data:
    the corpus's passwords and terminals priced by rank as zxcvbn prices its own lists,
    found as they are by zxcvbn's matching and through mangling and padding here."""
    from beianaudit.password.habit_shapes import KIN, kin_words

    letters, digits = terminals()
    return {
        CHINESE: _passwords(),
        TERMINAL_LETTERS: letters,
        TERMINAL_DIGITS: digits,
        BRANDS: brand_dictionary(),
        LEXICON: lexicon()[0],
        SET_PHRASES: set_phrases(),
        KIN: kin_words(),
    }


def word_match(password: str, i: int, j: int, rank: float, name: str) -> dict[str, Any]:
    """A zxcvbn dictionary match for ``password[i..j]`` (inclusive, as zxcvbn counts)."""
    return {
        "pattern": "dictionary",
        "i": i,
        "j": j,
        "token": password[i : j + 1],
        "matched_word": password[i : j + 1].lower(),
        "rank": rank,
        "dictionary_name": name,
        "reversed": False,
        "l33t": False,
    }


def priced_match(
    password: str, i: int, j: int, guesses: float, name: str, **extra: Any
) -> dict[str, Any]:
    """A match whose price is set here: zxcvbn's scoring takes a given price as it is."""
    match = word_match(password, i, j, guesses, name)
    match.update(guesses=guesses, guesses_log10=math.log10(max(guesses, 1.0)), **extra)
    return match


MAX_LOOKUPS = 8_000  # word lookups for one password: past that, the search stops
MAX_PHRASE_LETTERS = 24  # letters one phrase search looks ahead
MAX_WALK_PIECES = 6


class Work:
    """Counts the lookups of all matching in this process: tests hold it to a bound."""

    lookups = 0


# --- skeletons: the password as a cracker's rules see through it ---------------------


def skeletons(password: str) -> Iterator[tuple[str, list[int]]]:
    """``(letters, where)``: the password lower-cased with single separators
    between letters dropped and, in the leet readings, digits and symbols read as the
    letters they stand for (1 as i, then as l).  ``letters`` has a space wherever a
    word cannot continue; ``where[k]`` is the position in ``password`` of letter k."""
    lower = password.lower()
    seen = set()
    for leet in ("", "i", "l"):
        table = dict(LEET, **{"1": leet}) if leet else {}
        seps = LEET_SEPARATORS if leet else SEPARATORS
        chars: list[str] = []
        where: list[int] = []
        for k, ch in enumerate(lower):
            letter = ch if "a" <= ch <= "z" else table.get(ch)
            if letter:
                chars.append(letter)
                where.append(k)
            elif (
                ch in seps
                and chars
                and chars[-1] != " "
                and k + 1 < len(lower)
                and ("a" <= lower[k + 1] <= "z" or lower[k + 1] in table)
            ):
                continue  # a separator between two words: the rule drops it
            else:
                chars.append(" ")
                where.append(k)
        letters = "".join(chars)
        if letters not in seen:
            seen.add(letters)
            yield letters, where


def _starts(password: str, letters: str, where: list[int]) -> list[int]:
    """Where a word may start: the start of a run, after a dropped separator or a
    non-letter, at a capital; everywhere in a short skeleton.  At most MAX_STARTS."""
    if len(letters) <= PLAIN_STARTS_UNDER:
        found = [k for k, ch in enumerate(letters) if ch != " "]
    else:
        found = [
            k
            for k, ch in enumerate(letters)
            if ch != " "
            and (
                k == 0
                or letters[k - 1] == " "
                or where[k - 1] != where[k] - 1
                or not password[where[k]].isalpha()
                or not password[where[k] - 1].isalpha()
                or password[where[k]].isupper()
            )
        ]
    return found[:MAX_STARTS]


class _Marks:
    """What a skeleton's letters were in the password, with running counts, so that
    the rules of any span are read without walking it when none was used."""

    def __init__(self, password: str, where: list[int]) -> None:
        self.password, self.where = password, where
        self.gap = [""] + [password[where[k - 1] + 1 : where[k]] for k in range(1, len(where))]
        self.sub = [password[w] if not password[w].isalpha() else "" for w in where]
        self.upper = [password[w].isupper() for w in where]
        # The password's letters alone, and how many come before each position.
        self.alphas = "".join(ch for ch in password if ch.isalpha())
        self.alphas_before = list(
            itertools.accumulate((ch.isalpha() for ch in password), initial=0)
        )
        self.pieces: dict[tuple[int, int], frozenset[int]] = {}  # _pieces, once a span
        self.counts = [(0, 0, 0)]
        for k in range(len(where)):
            gaps, subs, uppers = self.counts[-1]
            self.counts.append(
                (gaps + bool(self.gap[k]), subs + bool(self.sub[k]), uppers + self.upper[k])
            )

    def rule_factor(self, a: int, b: int, word_starts: set[int]) -> tuple[float, tuple[str, ...]]:
        """The price of the rules that turn the bare words ``letters[a:b]`` into the
        password's characters: separators, capitals, leet; and which were used."""
        gaps, subs, uppers = (
            y - x for x, y in zip(self.counts[a + 1], self.counts[b], strict=True)
        )
        subs += bool(self.sub[a])
        uppers += self.upper[a]
        factor = 1.0
        rules: list[str] = []
        if gaps:
            dropped = set("".join(self.gap[a + 1 : b]))
            factor *= SEPARATOR_RULE * (MIXED_SEPARATORS if len(dropped) > 1 else 1)
            rules.append("separators")
        if subs:
            factor *= LEET_RULE ** len({ch for ch in self.sub[a:b] if ch})
            rules.append("leet")
        if uppers:
            before = self.alphas_before
            letters = self.alphas[before[self.where[a]] : before[self.where[b - 1] + 1]]
            if (uppers == 1 and self.upper[a]) or letters.isupper():  # only the first capital
                factor *= FIRST_OR_ALL_UPPER
            elif {k for k in range(a, b) if self.upper[k]} <= (
                # A capital right after a dropped separator starts a word too (Yi-Qi-Fa-Cai).
                word_starts | {k for k in range(a + 1, b) if self.gap[k]}
            ):
                factor *= CAMEL_RULE
                rules.append("case")
            else:
                factor *= _uppercase_variations(letters)
                rules.append("case")
        return factor, tuple(rules)


def _uppercase_variations(letters: str) -> float:
    return float(_zxcvbn_speed().uppercase_variations(letters))


@cache
def _zxcvbn_speed() -> Any:
    """zxcvbn_speed (which imports this module), imported once: an import statement in
    a function asked thousands of times a verdict showed in the profile."""
    from beianaudit.password import zxcvbn_speed

    return zxcvbn_speed


def _ranker(dictionaries: dict[str, dict[str, int]], length: int) -> Any:
    """rank(word) -> (rank, dictionary name) over every list, the best rank first.

    For a password of ``length`` up to zxcvbn_speed's ``SHORT``, each word is asked of
    every list (at most :data:`MAX_LOOKUPS` words): far cheaper than building the set
    of all words first (about 80 ms), which only a long password or a batch earns back.
    """
    from beianaudit.password import zxcvbn_speed

    user = dictionaries.get(USER, {})
    named = list(dictionaries.items())
    every: frozenset[str] | None = None
    if length > zxcvbn_speed.SHORT:
        lasting = [d for name, d in dictionaries.items() if name != USER]
        every, _ = zxcvbn_speed.all_words(lasting)

    budget = Work.lookups + MAX_LOOKUPS

    def rank(word: str) -> tuple[int, str] | None:
        Work.lookups += 1
        if Work.lookups > budget:
            return None
        return look_up(word)

    looked_up: dict[str, tuple[int, str] | None] = {}  # a word asked again (aAaA, phrases)

    def look_up(word: str) -> tuple[int, str] | None:
        if word in looked_up:
            return looked_up[word]
        if every is not None and word not in every and word not in user:
            found = None
        else:
            found = min(((d[word], name) for name, d in named if word in d), default=None)
        looked_up[word] = found
        return found

    # The words starting at each position of a skeleton, looked up once: a phrase
    # search from each start reads the same ones again (24 times in aaaa...).
    words_from: dict[tuple[str, int], list[tuple[int, tuple[int, str]]]] = {}

    def words_at(letters: str, k: int, last: int) -> list[tuple[int, tuple[int, str]]]:
        """``(size, rank(letters[k:k + size]))`` for each size from MIN_WORD_LETTERS to
        ``last`` that is a word, counted as that many calls of ``rank``."""
        count = last - MIN_WORD_LETTERS + 1
        if count <= 0:
            return []
        if Work.lookups >= budget:  # spent: rank would count each and find none
            Work.lookups += count
            return []
        if Work.lookups + count > budget:  # the budget runs out here: as rank does
            sizes = range(MIN_WORD_LETTERS, last + 1)
            return [(size, hit) for size in sizes if (hit := rank(letters[k : k + size]))]
        Work.lookups += count
        if (letters, k) not in words_from:
            run = letters.find(" ", k)
            top = min(MAX_WORD_LETTERS, (len(letters) if run < 0 else run) - k)
            sizes = range(MIN_WORD_LETTERS, top + 1)
            words_from[letters, k] = [
                (size, hit) for size in sizes if (hit := look_up(letters[k : k + size]))
            ]
        return [(size, hit) for size, hit in words_from[letters, k] if size <= last]

    rank.words_at = words_at  # type: ignore[attr-defined]
    return rank


def mangled_matches(password: str, dictionaries: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """Words and phrases of the lists found through separators, CamelCase and leet.

    From each likely word start of each skeleton, a search over the following
    letters finds the cheapest split into listed words (the product of their ranks,
    times a small factor per extra word); the match costs that times the rules used.
    A doubled word (jiajia) costs its word twice over, not its square.
    """
    rank = _ranker(dictionaries, len(password))
    surnames, given = lexicon()[1], lexicon()[2]
    best: dict[tuple[int, int], dict[str, Any]] = {}

    def offer(a: int, b: int, guesses: float, name: str, starts: set[int], marks) -> None:
        where = marks.where
        key = (where[a], where[b - 1])
        if key in best and guesses >= best[key]["guesses"]:
            return  # the rules only add: this one cannot be cheaper
        factor, rules = marks.rule_factor(a, b, starts)
        if name not in (PHRASE, NAME) and not rules and where[b - 1] - where[a] == b - a - 1:
            return  # zxcvbn's own dictionary matching finds the bare word as it is
        total = guesses * factor
        if total >= SCORE_4:
            return  # a span this dear cannot lower any score: zxcvbn has it as strong
        if key not in best or total < best[key]["guesses"]:
            best[key] = priced_match(password, *key, total, name, rules=rules, core=name)
            dropped = set("".join(marks.gap[a + 1 : b]))
            if len(dropped) == 1:
                best[key]["separator"] = dropped.pop()

    for letters, where in skeletons(password):
        marks = _Marks(password, where)
        for start in _starts(password, letters, where):
            _search(password, letters, start, rank, offer, marks)
            _names(letters, start, surnames, given, offer, marks)
    return list(best.values())


def _search(password: str, letters: str, start: int, rank, offer, marks: _Marks) -> None:
    end_of_run = letters.find(" ", start)
    end_of_run = len(letters) if end_of_run < 0 else end_of_run
    end_of_run = min(end_of_run, start + MAX_PHRASE_LETTERS)
    # best[k] = (guesses of the words up to k, how many words, word starts, last list)
    found: dict[int, tuple[float, int, frozenset[int], str]] = {start: (1.0, 0, frozenset(), "")}
    for k in range(start, end_of_run):
        if k not in found:
            continue
        guesses, count, starts, _ = found[k]
        for size, hit in rank.words_at(letters, k, min(MAX_WORD_LETTERS, end_of_run - k)):
            end = k + size
            price = guesses * hit[0]  # the product of ranks orders the phrases
            if end not in found or price < found[end][0]:
                found[end] = (
                    price,
                    count + 1,
                    starts | {k} | _pieces(letters, marks, k, end, rank),
                    hit[1],
                )
    for end, (guesses, count, starts, name) in found.items():
        if end == start or not _ends_word(password, letters, marks.where, end):
            continue
        half = (end - start) // 2
        word = letters[start : start + half]
        if (end - start) % 2 == 0 and word == letters[start + half : end]:
            # jiajia, dongdong: the nickname form, listed whole or not; a doubled unit
            # costs its cheapest reading twice over, as zxcvbn prices a repeat (gege)
            hit = rank(word)
            unit = min(hit[0] if hit else math.inf, _initials_guesses(word) or math.inf)
            if unit * 2 < guesses:
                guesses, count, starts = unit * 2, 2, frozenset({start, start + half})
        offer(start, end, guesses, PHRASE if count > 1 else name, set(starts), marks)


def _pieces(letters: str, marks: _Marks, a: int, b: int, rank) -> frozenset[int]:
    """The capitals inside the skeleton's word ``letters[a:b]`` when each piece they start is
    itself a listed word (DaJiang, HikVision: da·jiang, hik·vision; GongXiFaCai, the
    syllables of one listed phrase): they are word starts, CamelCase, not capitals at
    random, and cost the CamelCase rule, not every way of casing the letters.  Empty
    when there are none or a piece is not listed (one lookup a piece, counted as any)."""
    inner = marks.counts[b][2] - marks.counts[a + 1][2]
    if not inner:
        return frozenset()
    known = marks.pieces.get((a, b))
    if known is None:  # a span is reached from many starts: its pieces are asked once
        cuts = [k for k in range(a + 1, b) if marks.upper[k]]
        bounds = [a, *cuts, b]
        listed = all(
            y - x >= MIN_WORD_LETTERS and rank(letters[x:y]) is not None
            for x, y in itertools.pairwise(bounds)
        )
        known = marks.pieces[(a, b)] = frozenset(cuts) if listed else frozenset()
    return known


def _ends_word(password: str, letters: str, where: list[int], end: int) -> bool:
    """Whether a word may end before skeleton position ``end``: at the end of a run,
    before a dropped separator or a leet character, or before a capital.  Words that
    end inside a run of plain letters are zxcvbn's own dictionary matches."""
    if end >= len(letters) or letters[end] == " " or where[end] != where[end - 1] + 1:
        return True
    following = password[where[end]]
    return following.isupper() or not following.isalpha()


def _names(letters: str, start: int, surnames, given, offer, marks: _Marks) -> None:
    """A ranked surname and one or two ranked given-name syllables (rank times rank),
    or a name's initials (the surname's initial by rank, any given initials)."""
    for size in (2, 3):
        text = letters[start : start + size]
        Work.lookups += 1
        guesses = _initials_guesses(text) if len(text) == size else None
        if any(marks.sub[start : start + size]) or any(marks.gap[start + 1 : start + size]):
            continue  # initials are a run of letters: leet (5e3) or separators (Z/ED) are chance
        if guesses is not None:
            offer(start, start + size, guesses, NAME, {start}, marks)
    for a in range(1, 7):
        Work.lookups += 1
        surname = surnames.get(letters[start : start + a])
        if surname is None or " " in letters[start : start + a]:
            continue
        ends = [(start + a, float(surname * NAME_ORDER), {start})]
        for _ in range(2):  # one or two given-name syllables
            following = []
            for k, guesses, starts in ends:
                for b in range(1, 7):
                    Work.lookups += 1
                    syllable = letters[k : k + b]
                    rank = given.get(syllable) if len(syllable) == b else None
                    if rank is not None:
                        total = guesses * rank
                        offer(start, k + b, total, NAME, starts | {k}, marks)
                        following.append((k + b, total, starts | {k}))
            ends = following


def _initials_guesses(text: str) -> float | None:
    """A name's initials (zw, zxm): the surname initial's rank times the given ones'."""
    surname_initial, given_initial = _initials()
    if not 2 <= len(text) <= 3 or " " in text or text[0] not in surname_initial:
        return None
    guesses = float(surname_initial[text[0]])
    for letter in text[1:]:
        guesses *= given_initial.get(letter, 26)
    return guesses


@cache
def _initials() -> tuple[dict[str, int], dict[str, int]]:
    """The letters that start surnames and given-name syllables, ranked by the summed
    weight 1/rank of the ranked names starting with them (as Zipf's law weighs them)."""

    def ranked(names: dict[str, int]) -> dict[str, int]:
        weight: dict[str, float] = {}
        for name, rank in names.items():
            weight[name[0]] = weight.get(name[0], 0.0) + 1.0 / rank
        order = sorted(weight, key=lambda letter: -weight[letter])
        return {letter: k for k, letter in enumerate(order, 1)}

    _, surnames, given = lexicon()
    return ranked(surnames), ranked(given)


# --- dates, mobile numbers, keyboard walks -------------------------------------------


def mmdd_matches(password: str) -> list[dict[str, Any]]:
    """Four digits that are a month and a day (0520, 1225): 366 guesses."""
    return [
        priced_match(password, m.start(), m.start() + 3, MMDD_GUESSES, DATE)
        for m in _MMDD.finditer(password)
    ]


def year_month_matches(password: str) -> list[dict[str, Any]]:
    """A year and a month, run together or with a separator (198706, 1987.06): the
    year as zxcvbn prices a year in a date, times twelve months, times its separator."""
    from zxcvbn import scoring

    found = []
    for m in _YEAR_MONTH.finditer(password):
        year = int(m.group(1)[:4])
        guesses = max(abs(year - scoring.REFERENCE_YEAR), scoring.MIN_YEAR_SPACE) * MONTHS
        guesses *= DATE_SEPARATOR_RULE if m.group(2) else 1
        end = m.start() + len(m.group(1)) - 1
        found.append(priced_match(password, m.start(), end, float(guesses), YEAR_MONTH))
    return found


class _TailPrices:
    """Mobile tails priced lately, by the lists they were priced with: the same
    lists objects (zxcvbn's and beianaudit's, built once) and the same person's
    words.  A verdict with the person's data judges the rest of the password again,
    which holds the same numbers; a batch judges many passwords."""

    def __init__(self) -> None:
        self.prices: dict[tuple[Any, ...], tuple[list[dict[str, int]], float]] = {}

    @staticmethod
    def _key(tail: str, lists: dict[str, dict[str, int]]) -> tuple[Any, ...]:
        lasting = [d for name, d in lists.items() if name != USER]
        mine = frozenset(lists.get(USER, {}).items())
        return (tail, tuple(lists), tuple(map(id, lasting)), mine), lasting

    def get(self, tail: str, lists: dict[str, dict[str, int]]) -> float | None:
        key, lasting = self._key(tail, lists)
        hit = self.prices.get(key)
        if hit is None or not all(a is b for a, b in zip(hit[0], lasting, strict=True)):
            return None  # an id reused by another dict: not the same lists
        return hit[1]

    def put(self, tail: str, lists: dict[str, dict[str, int]], price: float) -> None:
        key, lasting = self._key(tail, lists)
        if len(self.prices) >= 256:
            self.prices.clear()
        self.prices[key] = (lasting, price)


_TAILS = _TailPrices()


def mobile_matches(
    password: str, dictionaries: dict[str, dict[str, int]] | None = None
) -> list[dict[str, Any]]:
    """An 11-digit mainland mobile number: one of about seventy prefixes, then a tail
    that costs what zxcvbn makes of it (12345678, 88886666 are cheap), priced as the
    one shape a cracker enumerates (its parts multiplied), 10^8 at most."""
    from zxcvbn import matching

    from beianaudit.password.zxcvbn_speed import (
        most_guessable_match_sequence,
        structure_guesses,
    )

    found = []
    priced: dict[str, float] = {}  # a tail seen before in this password (repeated numbers)
    lists = dictionaries or matching.RANKED_DICTIONARIES
    for m in _MOBILE.finditer(password):
        tail = m.group()[3:]
        Work.lookups += 1
        if tail not in priced:
            priced[tail] = _TAILS.get(tail, lists)
            if priced[tail] is None:
                best = most_guessable_match_sequence(tail, matching.omnimatch(tail, lists))
                priced[tail] = min(best["guesses"], structure_guesses(best["sequence"]))
                _TAILS.put(tail, lists, priced[tail])
        guesses = MOBILE_PREFIXES * min(priced[tail], MAX_TAIL_GUESSES)
        found.append(priced_match(password, m.start(), m.end() - 1, guesses, MOBILE))
    return found


@cache
def _chunks() -> dict[str, list[tuple[str, int, int, int, int]]]:
    """Every straight piece of a keyboard row or column, 2 to 6 keys, either way, plain
    or shifted (all, first or last key): text -> [(axis, line, start, length, step)]."""
    table: dict[str, list[tuple[str, int, int, int, int]]] = {}
    lines = [("row", r, KEYBOARD[r], SHIFTED[r]) for r in range(4)]
    lines += [
        ("col", c, "".join(row[c] for row in KEYBOARD), "".join(row[c] for row in SHIFTED))
        for c in range(10)
    ]
    for axis, index, plain, shifted in lines:
        for length in range(2, 7 if axis == "row" else 5):
            for start in range(len(plain) - length + 1):
                for step in (1, -1):
                    # the keys start..start+length-1 in walking order (slices: start-up time)
                    keys, up = (
                        plain[start : start + length][::step],
                        shifted[start : start + length][::step],
                    )
                    forms = {keys, up, up[0] + keys[1:], keys[:-1] + up[-1]}
                    for form in forms:
                        table.setdefault(form, []).append((axis, index, start, length, step))
    return table


def walk_matches(password: str) -> list[dict[str, Any]]:
    """Two or more keyboard pieces in a row that follow each other as walks do
    (1qaz then 2wsx then 3edc, qwer then asdf then !@#$): one match per walk."""
    table = _chunks()
    found = []
    n = len(password)
    for i in range(n):
        # (end, last chunk, guesses) of the walks starting at i, extended piece by piece
        frontier = [
            (i + len(text), chunk, float(WALK_FIRST_CHUNK))
            for size in range(2, 7)
            if i + size <= n
            for text in [password[i : i + size]]
            for chunk in table.get(text, ())
        ]
        Work.lookups += 5
        best: dict[int, float] = {}
        for _ in range(MAX_WALK_PIECES - 1):  # each round adds one piece to every walk
            following = []
            for end, last, guesses in frontier:
                for size in range(2, min(7, n - end + 1)):
                    Work.lookups += 1
                    for chunk in table.get(password[end : end + size], ()):
                        step = _follows(last, chunk)
                        if step:
                            total = guesses * step
                            if total < best.get(end + size, math.inf):
                                best[end + size] = total
                                following.append((end + size, chunk, total))
            if not following:
                break
            frontier = following[:16]
        found += [priced_match(password, i, end - 1, g, WALK) for end, g in best.items()]
    return found


def _follows(last: tuple[str, int, int, int, int], chunk: tuple[str, int, int, int, int]) -> int:
    """The price of ``chunk`` after ``last`` in a walk, or 0 when it does not follow."""
    axis, line, start, length, step = chunk
    if axis != last[0]:
        return 0
    if axis == "col":
        same = (start, length, step) == last[2:]
        return WALK_NEXT_COLUMN if same and abs(line - last[1]) == 1 else 0
    return WALK_NEXT_ROW


# --- padding --------------------------------------------------------------------------


class _Padding:
    """Guesses for the padding around the cores of one password, each span worked out
    once (many cores share their padding).

    A piece is what zxcvbn explains (a year, a date with its separators, 123, a love
    number, !@#), at what it says, 50 at least as zxcvbn prices a part; or the rest
    of a run of digits, letters or symbols: a doubled symbol (!!) or letter in two
    cases (Aa) little, otherwise digits 10, letters 52, symbols 10 a character.  A run
    of symbols the structure already joins with (the core's separator, or the same
    joiner before: Zhang.Wei.1990, Mm@0214@1314) costs nothing: the rule that joins
    the parts chose it once.  Symbols that open the structure (&word&ZQ) join nothing,
    and make no joiner.
    """

    def __init__(self, password: str, known: dict[int, list[tuple[int, float]]]) -> None:
        self.password, self.known = password, known
        self.run_end = [0] * len(password)
        self.symbols: list[tuple[int, int, str]] = []  # the runs of symbols
        for run in _SEGMENT.finditer(password):
            self.run_end[run.start() : run.end()] = [run.end()] * (run.end() - run.start())
            if not run.group()[0].isalnum():
                self.symbols.append((run.start(), run.end(), run.group()))
        self.memo: dict[tuple[int, int, frozenset[str]], tuple[float, frozenset[str]]] = {}

    def guesses(self, start: int, end: int, chosen: frozenset[str]) -> tuple[float, frozenset[str]]:
        """The cheapest split of ``password[start:end]`` into pieces, and the joiners
        chosen once this padding is read (``chosen`` and the symbol runs in it)."""
        key = (start, end, chosen)
        if key not in self.memo:
            cost = {start: 1.0}
            for p in range(start, end):
                if p in cost:
                    q = min(self.run_end[p], end)
                    pieces = [(q, self._price(p, q, chosen)), *self.known.get(p, ())]
                    for q, g in pieces:
                        if q <= end and cost[p] * g < cost.get(q, math.inf):
                            cost[q] = cost[p] * g
            # A joiner sits between two parts: symbols that open the structure are not one.
            used = {text for a, b, text in self.symbols if start < a and b <= end}
            self.memo[key] = (cost[end], chosen | used)
        return self.memo[key]

    def _price(self, p: int, q: int, chosen: frozenset[str]) -> float:
        text = self.password[p:q]
        if not text[0].isalnum() and text in chosen:
            return 1.0
        base = 52 if text[0].isalpha() else 10 if text[0].isdigit() else SYMBOL_GUESSES
        price = float(base ** len(text))
        if len(set(text.lower())) == 1 and len(text) > 1:
            price = min(price, (DOUBLED_LETTER if text[0].isalpha() else base) * len(text))
        return price


def _piece(password: str, a: int, b: int) -> bool:
    """Whether ``password[a:b]`` may be one piece of padding as zxcvbn explains it: a
    whole run (1314, !@#), or three characters or more (a date with its separators,
    a year at the end of a longer run of digits), not two letters out of a run, nor
    more than three letters in all (Wo.Ai.Ni is a word: a core, not padding)."""
    if sum(ch.isalpha() for ch in password[a:b]) > 3:
        return False
    if b - a >= MIN_CORE:
        return True
    run = _SEGMENT.match(password, a)
    return run is not None and run.end() == b


def _recognised(match: dict[str, Any]) -> bool:
    """Whether ``match`` recognises its characters as what they are, not reads them
    as something by chance: zxcvbn's shapes (a sequence, walk, repeat, year, date),
    dates, phones and walks here, and a word of a ranked list as typed.  Initials,
    names and phrases built of syllables, leet, reversed and mangled readings explain
    almost any two or three letters (random Wte as initials, w@5 as "was"): as
    padding they cost no less than brute force, zxcvbn's price for characters it does
    not recognise."""
    if match["pattern"] != "dictionary":
        return True
    name = match.get("dictionary_name")
    if name in (DATE, YEAR_MONTH, MOBILE, WALK):
        return True
    if name in (NAME, PHRASE):
        return False
    return not (match.get("l33t") or match.get("reversed") or match.get("rules"))


def habit_matches(password: str, matches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One match for a core with its short padding: Zhangwei@1990 as one guess list.

    zxcvbn prices a password of three parts at 10^8 guesses or more whatever the
    parts, since it cannot know that people pad a word this way; a cracker does.  A
    core is any match of three or more characters that is not brute force: a word,
    phrase, name, date, phone number, walk.
    """
    from beianaudit.password.zxcvbn_speed import own_guesses

    cheapest: dict[tuple[int, int], float] = {}
    cores: dict[tuple[int, int], float] = {}
    core_of: dict[tuple[int, int], dict[str, Any]] = {}
    for m in matches:
        key = (m["i"], m["j"])
        guesses = own_guesses(m)  # the core: the whole takes zxcvbn's minimum for a part
        if len(m["token"]) <= MAX_PAD and _piece(password, m["i"], m["j"] + 1):
            # A piece of padding keeps it: small matches (w@5 read as "was", Z0 as
            # initials) would otherwise explain random characters piece by piece.
            piece = max(guesses, PIECE_MINIMUM if m["i"] < m["j"] else 1.0)
            if not _recognised(m):  # a chance reading: brute force at least (Wte, yW)
                piece = max(piece, BRUTEFORCE_CARDINALITY ** len(m["token"]))
            cheapest[key] = min(cheapest.get(key, math.inf), piece)
        if not _recognised(m):  # a chance reading is a part like any other (wee, yey3)
            guesses = max(guesses, PIECE_MINIMUM)
        if (
            m["j"] - m["i"] + 1 >= MIN_CORE
            and guesses < MAX_CORE_GUESSES
            and guesses < cores.get(key, math.inf)
        ):
            cores[key], core_of[key] = guesses, m
    known: dict[int, list[tuple[int, float]]] = {}
    for (a, b), guesses in cheapest.items():
        known.setdefault(a, []).append((b + 1, guesses))
    padding = _Padding(password, known)
    found = []
    for (i, last), word_guesses in cores.items():
        core = core_of[(i, last)]
        j = last + 1
        after = _SUFFIX.match(password, j, j + MAX_PAD)
        before = _PREFIX.search(password, max(0, i - MAX_PAD), i)
        pads = [(i, after.end() if after else j)]
        if before:
            pads += [(before.start(), j), (before.start(), pads[0][1])]
        for start, end in pads:
            if (start, end) == (i, j):
                continue
            guesses = word_guesses * TEMPLATES
            chosen = frozenset([core["separator"]] if core.get("separator") else [])
            before_guesses, chosen = padding.guesses(start, i, chosen)
            guesses *= before_guesses * padding.guesses(j, end, chosen)[0]
            if guesses >= SCORE_4:
                continue
            match = priced_match(password, start, end - 1, guesses, HABIT)
            match.update(
                matched_word=core.get("matched_word", core["token"].lower()),
                core=core.get("core", core.get("dictionary_name", core["pattern"])),
                core_match=core,
            )
            found.append(match)
    return found


def chinese_matches(password: str, dictionaries: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """Every match this module adds for ``password`` (padding aside)."""
    return [
        *mangled_matches(password, dictionaries),
        *mmdd_matches(password),
        *year_month_matches(password),
        *mobile_matches(password, dictionaries),
        *walk_matches(password),
    ]


MAX_L33T_SUBS = 2  # readings zxcvbn's l33t matcher tries: each costs a dictionary pass


def l33t_subs(table: dict[str, list[str]]) -> list[dict[str, str]]:
    """zxcvbn's ``enumerate_l33t_subs``, capped: :data:`MAX_L33T_SUBS` of the same
    readings (each letter read from one of its substitutes, a substitute standing
    for one letter), built as upstream builds them but with sets: upstream's dedup by
    string labels takes a second on a string of leet symbols.  The skeletons of
    :func:`skeletons` read leet for the Chinese lists; each reading here costs a whole
    dictionary pass."""
    subs: dict[frozenset[tuple[str, str]], None] = {frozenset(): None}
    for letter, chars in table.items():
        following: dict[frozenset[tuple[str, str]], None] = {}
        for ch in chars:
            for sub in subs:
                taken = next((pair for pair in sub if pair[0] == ch), None)
                if taken is None:
                    following[sub | {(ch, letter)}] = None
                else:
                    following[sub] = None
                    following[(sub - {taken}) | {(ch, letter)}] = None
        # Every extension of a kept reading is one of upstream's: keeping the first few
        # at each step keeps the work linear and still yields as many as there are.
        subs = dict.fromkeys(itertools.islice(following, MAX_L33T_SUBS))
    return [dict(sub) for sub in subs]


def as_parts(password: str, matches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``matches`` with the ones priced here held to zxcvbn's minimum for a part of
    ``password`` (50 guesses for two characters or more, 10 for one), as zxcvbn holds
    its own: a price set on a match is taken as it is, and a cheap reading of a few
    random characters (yey3 as 爷爷, wee as initials) made random strings weak.  A
    match below it is copied, not changed (it may be another's core)."""
    from zxcvbn import scoring

    floor = {1: float(scoring.MIN_SUBMATCH_GUESSES_SINGLE_CHAR)}
    multi = float(scoring.MIN_SUBMATCH_GUESSES_MULTI_CHAR)
    found = []
    for m in matches:
        given = m.get("guesses")
        size = len(m["token"])
        least = floor.get(size, multi)
        if given and size < len(password) and given < least:
            m = {**m, "guesses": least, "guesses_log10": math.log10(least)}
        found.append(m)
    return found


def cheapest_per_span(
    password: str, matches: list[dict[str, Any]], prices: dict[int, float] | None = None
) -> list[dict[str, Any]]:
    """The cheapest match of each span, in zxcvbn's order.

    zxcvbn's search keeps only the cheapest way to cover a span anyway, so the
    others only cost time: with the padding matches, a third of the work at 72
    characters.  ``prices``: each match's price by ``id``, kept for a second call on
    the same matches (the caller keeps them all alive, so that no id is reused).
    """
    from beianaudit.password.zxcvbn_speed import price

    known = {} if prices is None else prices
    best: dict[tuple[int, int], tuple[float, dict[str, Any]]] = {}
    for m in matches:
        guesses = known.get(id(m))
        if guesses is None:
            guesses = known[id(m)] = price(m, password)  # m stays unpriced: see habit_matches
        key = (m["i"], m["j"])
        if key not in best or guesses < best[key][0]:
            best[key] = (guesses, m)
    return [best[key][1] for key in sorted(best)]
