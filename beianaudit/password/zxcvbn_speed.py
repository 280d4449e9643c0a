"""A faster, equivalent ``dictionary_match`` for zxcvbn.

zxcvbn's ``dictionary_match`` looks up every substring, O(n²) per dictionary and
per l33t variant: about 30 ms at 72 characters.  No word is longer than the
longest word of its dictionaries, and most substrings are in none of them, so
:func:`bounded_dictionary_match` stops at that length and asks the dictionaries
only about substrings in the set of all their words.  It finds exactly the same
matches in the same order (a property test holds it to upstream's code).
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from typing import Any

from beianaudit.password.chinese_matching import USER, l33t_subs, word_match

_UPSTREAM: dict[str, Any] = {}  # what install() replaced, for the tests to compare


def upstream_l33t_subs(table: dict[str, list[str]]) -> list[dict[str, str]]:
    """zxcvbn's own ``enumerate_l33t_subs``, whether or not :func:`install` ran."""
    from zxcvbn import matching

    return _UPSTREAM.get("enumerate_l33t_subs", matching.enumerate_l33t_subs)(table)


@cache
def install() -> None:
    """Put :func:`bounded_dictionary_match` in zxcvbn (once per process).

    ``l33t_match`` and ``reverse_dictionary_match`` call ``dictionary_match``
    through the module, which is why it is replaced there; ``l33t_match`` calls
    ``enumerate_l33t_subs`` the same way, replaced by
    :func:`~beianaudit.password.chinese_matching.l33t_subs` (the same subs, without
    upstream's exponential dedup); zxcvbn's lists,
    regexes and results stay as they were for any other caller.
    """
    from zxcvbn import matching

    _UPSTREAM.setdefault("enumerate_l33t_subs", matching.enumerate_l33t_subs)
    _UPSTREAM.setdefault("dictionary_match", matching.dictionary_match)
    _UPSTREAM.setdefault("date_match", matching.date_match)
    _UPSTREAM.setdefault("l33t_match", matching.l33t_match)
    matching.dictionary_match = bounded_dictionary_match  # type: ignore[assignment]
    matching.l33t_match = l33t_match  # type: ignore[assignment]
    matching.enumerate_l33t_subs = l33t_subs  # type: ignore[assignment]
    matching.date_match = date_match  # type: ignore[assignment]


def omnimatch(password: str, dictionaries: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """zxcvbn's ``omnimatch`` (its matchers, in its order), with each repeat's unit left
    unpriced (``base_guesses`` and ``base_matches`` None): upstream prices a unit with
    a search of its own lists that the caller replaces (strength prices the unit as it
    judges any text), so that search is not made."""
    from zxcvbn import matching

    install()
    found: list[dict[str, Any]] = []
    for matcher in (
        matching.dictionary_match,
        matching.reverse_dictionary_match,
        matching.l33t_match,
        matching.spatial_match,
        repeat_spans,
        matching.sequence_match,
        matching.regex_match,
        matching.date_match,
    ):
        found.extend(matcher(password, _ranked_dictionaries=dictionaries))
    return sorted(found, key=lambda m: (m["i"], m["j"]))


_GREEDY = re.compile(r"(.+)\1+")
_LAZY = re.compile(r"(.+?)\1+")
_LAZY_ANCHORED = re.compile(r"^(.+?)\1+$")


def repeat_spans(password: str, _ranked_dictionaries: Any = None) -> list[dict[str, Any]]:
    """zxcvbn's ``repeat_match``, the same spans and units, without pricing the unit."""
    matches = []
    last_index = 0
    while last_index < len(password):
        greedy = _GREEDY.search(password, pos=last_index)
        lazy = _LAZY.search(password, pos=last_index)
        if not greedy or not lazy:
            break
        if len(greedy.group(0)) > len(lazy.group(0)):
            match = greedy
            base_token = _LAZY_ANCHORED.search(match.group(0)).group(1)  # type: ignore[union-attr]
        else:
            match = lazy
            base_token = match.group(1)
        i, j = match.span()[0], match.span()[1] - 1
        matches.append(
            {
                "pattern": "repeat",
                "i": i,
                "j": j,
                "token": match.group(0),
                "base_token": base_token,
                "base_guesses": None,
                "base_matches": None,
                "repeat_count": len(match.group(0)) / len(base_token),
            }
        )
        last_index = j + 1
    return matches


def upstream_date_match(password: str) -> list[dict[str, Any]]:
    """zxcvbn's own ``date_match``, whether or not :func:`install` ran."""
    from zxcvbn import matching

    return _UPSTREAM.get("date_match", matching.date_match)(password)


def date_match(password: str, _ranked_dictionaries: Any = None) -> list[dict[str, Any]]:
    """zxcvbn's ``date_match``: the same matches in the same order, found faster.

    Upstream reads every substring of 4 to 10 characters as a date (a regex, then two
    or three ways to split the digits), then drops each date inside another by
    comparing every pair: about 20 ms on 72 digits.  Here what a substring reads as
    is worked out once per distinct substring (repeated digits repeat them), by
    upstream's own code, and a date inside another is found in one pass over the
    dates ordered by start.  Where upstream raises (a newline after five or more
    digits: its ``$`` matches before it, then ``int("\\n")`` fails), the reading that
    fails is skipped.
    """
    found = []
    n = len(password)
    for i in range(n - 3):  # without separators: 4 to 8 characters
        for j in range(i + 3, min(i + 8, n)):
            date = _date_without_separator(password[i : j + 1])
            if date is not None:
                found.append((i, j, "", date))
    for i in range(n - 5):  # with separators: 6 to 10 characters
        for j in range(i + 5, min(i + 10, n)):
            read = _date_with_separator(password[i : j + 1])
            if read is not None:
                found.append((i, j, read[0], read[1]))
    # A date is dropped when another one covers it: ordered by start, then longest
    # first, it is covered when an earlier one reaches as far (spans are distinct).
    kept = []
    reach = -1
    for i, j, separator, date in sorted(found, key=lambda f: (f[0], -f[1])):
        if reach < j:
            kept.append((i, j, separator, date))
        reach = max(reach, j)
    kept.sort(key=lambda f: (f[0], f[1]))
    return [
        {
            "pattern": "date",
            "token": password[i : j + 1],
            "i": i,
            "j": j,
            "separator": separator,
            "year": date[0],
            "month": date[1],
            "day": date[2],
        }
        for i, j, separator, date in kept
    ]


@lru_cache(maxsize=8192)
def _date_without_separator(token: str) -> tuple[int, int, int] | None:
    """What upstream's ``date_match`` reads ``token`` as, with no separator: the
    reading whose year is nearest its reference year, the first of equals."""
    from zxcvbn import matching, scoring

    if not _NO_SEPARATOR.match(token):
        return None
    best = None
    for k, m in matching.DATE_SPLITS[len(token)]:
        try:
            dmy = matching.map_ints_to_dmy([int(token[0:k]), int(token[k:m]), int(token[m:])])
        except ValueError:  # "0000\n" passes upstream's ^\d{4,8}$, then int("\n") raises
            continue
        if dmy and (
            best is None
            or abs(dmy["year"] - scoring.REFERENCE_YEAR) < abs(best[0] - scoring.REFERENCE_YEAR)
        ):
            best = (dmy["year"], dmy["month"], dmy["day"])
    return best


@lru_cache(maxsize=8192)
def _date_with_separator(token: str) -> tuple[str, tuple[int, int, int]] | None:
    """What upstream's ``date_match`` reads ``token`` as, with separators."""
    from zxcvbn import matching

    read = _WITH_SEPARATOR.match(token)
    if not read:
        return None
    dmy = matching.map_ints_to_dmy([int(read.group(1)), int(read.group(3)), int(read.group(4))])
    if not dmy:
        return None
    return read.group(2), (dmy["year"], dmy["month"], dmy["day"])


# zxcvbn 4.5's own patterns (matching.date_match builds them on each call).
_NO_SEPARATOR = re.compile(r"^\d{4,8}$")
_WITH_SEPARATOR = re.compile(r"^(\d{1,4})([\s/\\_.-])(\d{1,2})\2(\d{1,4})$")


# Up to this length every substring is looked up in every dictionary (at most 528 of
# them), as zxcvbn does: a single password checked at the command line then does not
# pay for the set of all words, which only a long password or a batch earns back.
SHORT = 32

_cache: dict[tuple[int, ...], tuple[list[dict[str, int]], frozenset[str], int]] = {}


def all_words(ranked: list[dict[str, int]]) -> tuple[frozenset[str], int]:
    """Every word of the lasting dictionaries and the longest one's length, built once
    (a few ms, in C) and reused while the same dictionary objects are passed."""
    key = tuple(map(id, ranked))
    hit = _cache.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], ranked, strict=True)):
        return hit[1], hit[2]
    words = frozenset().union(*ranked)
    longest = max(map(len, words), default=0)
    if len(_cache) >= 4:  # a caller that keeps passing new dictionaries
        _cache.clear()
    _cache[key] = (ranked, words, longest)
    return words, longest


def l33t_match(
    password: str,
    _ranked_dictionaries: dict[str, dict[str, int]] | None = None,
    _l33t_table: dict[str, list[str]] | None = None,
) -> list[dict[str, Any]]:
    """zxcvbn's ``l33t_match``: the same matches in the same order, found faster.

    Upstream looks every substring of each substituted password up, then drops each
    word whose token has no substituted character (the plain word is
    ``dictionary_match``'s): most of them, and about a sixth of a verdict at 72
    characters.  Here only the substrings with a substituted character are looked up
    (when the lists hold the person's words, as in a verdict; zxcvbn's own calls go
    to upstream's).  A property test holds it to upstream's."""
    from zxcvbn import matching

    dictionaries = (
        matching.RANKED_DICTIONARIES if _ranked_dictionaries is None else _ranked_dictionaries
    )
    table = matching.L33T_TABLE if _l33t_table is None else _l33t_table
    if USER not in dictionaries:
        return _UPSTREAM.get("l33t_match", matching.l33t_match)(password, dictionaries, table)
    matches = []
    for sub in matching.enumerate_l33t_subs(matching.relevant_l33t_subtable(password, table)):
        if not len(sub):
            break
        subbed_password = matching.translate(password, sub)
        changed = [sub.get(ch, False) and True for ch in password]
        for match in bounded_dictionary_match(subbed_password, dictionaries, changed):
            token = password[match["i"] : match["j"] + 1]
            if token.lower() == match["matched_word"]:
                continue  # only the matches that contain an actual substitution (upstream's)
            match_sub = {subbed: ch for subbed, ch in sub.items() if subbed in token}
            match["l33t"] = True
            match["token"] = token
            match["sub"] = match_sub
            match["sub_display"] = ", ".join([f"{k} -> {v}" for k, v in match_sub.items()])
            matches.append(match)
    matches = [match for match in matches if len(match["token"]) > 1]
    return sorted(matches, key=lambda x: (x["i"], x["j"]))


def bounded_dictionary_match(
    password: str,
    _ranked_dictionaries: dict[str, dict[str, int]] | None = None,
    changed: list[bool] | None = None,
) -> list[dict[str, Any]]:
    """zxcvbn's ``dictionary_match``: the same matches in the same order, found faster.

    Past :data:`SHORT` characters, a substring is looked up in the dictionaries only
    when it is in the set of all their words, and only substrings up to
    :data:`PREFIX` characters are tried, longer words being found by their start.
    Calls without ``user_inputs`` (zxcvbn's own, on short tokens) go to upstream's.
    With ``changed`` (for :func:`l33t_match`), only the substrings that hold a
    position marked in it are looked up: the others' matches, in the same order.
    """
    from zxcvbn import matching

    dictionaries = (
        matching.RANKED_DICTIONARIES if _ranked_dictionaries is None else _ranked_dictionaries
    )
    if USER not in dictionaries and "dictionary_match" in _UPSTREAM and changed is None:
        # zxcvbn's own calls (a repeat's unit, scored with its own lists): short tokens,
        # where building the set of all words once would cost more than it saves.
        return _UPSTREAM["dictionary_match"](password, dictionaries)
    named = list(dictionaries.items())
    # user_inputs changes with every call: it is looked up on its own, never cached.
    length = len(password)
    words: frozenset[str] | None = None
    if length > SHORT:
        lasting = [ranked for name, ranked in named if name != USER]
        words, longest = all_words(lasting)
        user = dictionaries.get(USER, {})
        longest = max(longest, max(map(len, user), default=0))
    else:  # every substring: far cheaper than building the set, the first time (~100 ms)
        longest, user = length, {}
    lower = password.lower()
    matches = []

    hits: dict[str, list[tuple[str, int]]] = {}  # a word met again: its lists, in order

    def add(i: int, j: int, word: str) -> None:
        found = hits.get(word)
        if found is None:
            found = hits[word] = [
                (name, rank) for name, ranked in named if (rank := ranked.get(word)) is not None
            ]
        for name, rank in found:
            matches.append(word_match(password, i, j, rank, name))

    reach, longer = longest, {}
    if words is not None and longest > PREFIX:
        # The few longer words (3,400 of 133,000) are found by their first PREFIX
        # characters: each start tries PREFIX substrings, not the longest word's 48.
        reach, longer = PREFIX, _longer_words(words)
        mine = [word for word in user if len(word) > PREFIX]
        if mine:
            longer = dict(longer)  # the cached one stays as it is
            for word in mine:
                longer[word[:PREFIX]] = [*longer.get(word[:PREFIX], ()), word]
    # first[i]: the first marked position from i on (length: none), all 0 unmarked.
    first = [0] * (length + 1)
    if changed is not None:
        first[length] = length
        for k in range(length - 1, -1, -1):
            first[k] = k if changed[k] else first[k + 1]
    for i in range(length):
        for j in range(max(i, first[i]), min(length, i + reach)):
            word = lower[i : j + 1]
            if words is None or word in words or word in user:
                add(i, j, word)
        if longer and lower[i : i + PREFIX] in longer:
            found = {len(w) for w in longer[lower[i : i + PREFIX]] if lower.startswith(w, i)}
            for size in sorted(found):
                if i + size - 1 >= first[i]:
                    add(i, i + size - 1, lower[i : i + size])
    return matches


PREFIX = 12  # past this length a word is found by its first PREFIX characters
_longer: dict[int, tuple[frozenset[str], dict[str, list[str]]]] = {}


def _longer_words(words: frozenset[str]) -> dict[str, list[str]]:
    """The words longer than :data:`PREFIX` by their first PREFIX characters, built once
    per set of all words."""
    hit = _longer.get(id(words))
    if hit is not None and hit[0] is words:
        return hit[1]
    by_start: dict[str, list[str]] = {}
    for word in words:
        if len(word) > PREFIX:
            by_start.setdefault(word[:PREFIX], []).append(word)
    if len(_longer) >= 4:
        _longer.clear()
    _longer[id(words)] = (words, by_start)
    return by_start


def guesses(match: dict[str, Any], password: str) -> float:
    """zxcvbn's ``estimate_guesses`` as a float (a set price is taken as it is).

    The same arithmetic on the same values, and the same fields set on ``match``
    (``guesses``, ``guesses_log10``, a word's variations), without upstream's
    ``Decimal``; a word's case and leet variations are worked out once per token (an
    upstream sum of binomials, quadratic in the token: most of the pricing of
    ``aA`` × 36).  A property test holds it to upstream's.
    """
    given = match.get("guesses", False)
    if given:
        return float(given)
    if match["pattern"] == "dictionary":
        match["base_guesses"] = match["rank"]
        match["uppercase_variations"] = uppercase_variations(match["token"])
        match["l33t_variations"] = _l33t_variations(match)
    match["guesses"] = _estimate(match, password)
    match["guesses_log10"] = math.log(match["guesses"], 10)
    return float(match["guesses"])


def price(match: dict[str, Any], password: str) -> float:
    """What :func:`guesses` returns for ``match``, leaving ``match`` as it is (no copy):
    the spans' cheapest matches are chosen on this, before any match is priced."""
    given = match.get("guesses", False)
    if given:
        return float(given)
    return float(_estimate(match, password))


def _estimate(match: dict[str, Any], password: str) -> Any:
    """upstream's estimate, at least its minimum for a part of ``password``."""
    min_guesses = 1
    if len(match["token"]) < len(password):
        min_guesses = _MIN_PART[len(match["token"]) == 1]
    if match["pattern"] == "dictionary":  # dictionary_guesses, without its side effects
        reversed_variations = (match.get("reversed", False) and 2) or 1
        estimate = (
            match["rank"]
            * uppercase_variations(match["token"])
            * _l33t_variations(match)
            * reversed_variations
        )
    else:
        estimate = _ESTIMATES[match["pattern"]](match)
    return max(estimate, min_guesses)


class _MinPart(dict):  # type: ignore[type-arg]
    """zxcvbn's minimum guesses for a part of a password, by whether it is one character,
    read from zxcvbn when first asked (an import statement on every estimate showed
    in the profile: thousands of estimates a verdict)."""

    def __missing__(self, single: bool) -> Any:
        from zxcvbn import scoring

        self[True] = scoring.MIN_SUBMATCH_GUESSES_SINGLE_CHAR
        self[False] = scoring.MIN_SUBMATCH_GUESSES_MULTI_CHAR
        return self[single]


_MIN_PART = _MinPart()


@lru_cache(maxsize=4096)
def uppercase_variations(token: str) -> Any:
    """zxcvbn's ``uppercase_variations`` of a token, kept for the tokens seen lately."""
    from zxcvbn import scoring

    return scoring.uppercase_variations({"token": token})


def _l33t_variations(match: dict[str, Any]) -> Any:
    if not match.get("l33t", False):
        return 1
    return _cached_l33t_variations(match["token"], tuple(match["sub"].items()))


@lru_cache(maxsize=4096)
def _cached_l33t_variations(token: str, sub: tuple[tuple[str, str], ...]) -> Any:
    from zxcvbn import scoring

    return scoring.l33t_variations({"token": token, "l33t": True, "sub": dict(sub)})


class _Estimates(dict):  # type: ignore[type-arg]
    """zxcvbn's estimation function of each other pattern, looked up when first used."""

    def __missing__(self, pattern: str) -> Any:
        from zxcvbn import scoring

        function = getattr(scoring, f"{pattern}_guesses")
        self[pattern] = function
        return function


_ESTIMATES = _Estimates()


def own_guesses(match: dict[str, Any]) -> float:
    """The guesses of ``match`` as if it were the whole password: without zxcvbn's
    minimum for a part of one (50 guesses for two characters or more).

    That minimum stands for a cracker not knowing where one part ends and the next
    begins; for the parts of a structure a cracker enumerates as one (a word, then a
    doubled symbol), the structure takes it once, not each part.  ``match`` is left
    as it was.
    """
    return price(match, match["token"])


def structure_guesses(sequence: list[dict[str, Any]]) -> float:
    """What zxcvbn's explanation of a known shape costs as that shape (a phone
    number's tail: 8888 then 6666, 1234 then 0000): its parts' own guesses multiplied,
    without zxcvbn's terms for a password of parts it cannot foresee (the minimum per
    part, the count of the parts' orders, 10^4 per extra part).  The parts are the
    ones zxcvbn chose, with those terms: random digits stay brute force."""
    total = 1.0
    for m in sequence:
        if m["pattern"] == "bruteforce":
            total *= 10.0 ** len(m["token"])
        else:  # the price zxcvbn's search set includes the minimum for a part
            total *= own_guesses({k: v for k, v in m.items() if not k.startswith("guesses")})
    return total


def most_guessable_match_sequence(password: str, matches: list[dict[str, Any]]) -> dict[str, Any]:
    """zxcvbn's ``most_guessable_match_sequence``, the same search in floats.

    Upstream computes in ``Decimal``: most of a verdict's time at 72 characters.  The
    search, its order and its tie-breaking are upstream's (a property test compares
    the two); a sum past a float's range is infinite, which only ever means "strong".

    Upstream tries every brute-force span ``password[i..k]`` after every best
    sequence ending at ``i - 1`` (quadratic in the length, times the lengths kept),
    building a match and calling its update for each; here each try is a product
    and a comparison with the best sequence at ``k`` of no more parts (the same
    test upstream's update makes), and a match is built only for a try that wins.
    """
    from zxcvbn import scoring

    n = len(password)
    by_end: list[list[dict[str, Any]]] = [[] for _ in range(n)]
    for m in matches:
        by_end[m["j"]].append(m)
    for ending in by_end:
        ending.sort(key=lambda m: m["i"])
    best_m: list[dict[int, dict[str, Any]]] = [{} for _ in range(n)]
    best_pi: list[dict[int, float]] = [{} for _ in range(n)]
    best_g: list[dict[int, float]] = [{} for _ in range(n)]
    # For each finished position: (length, product) of its best sequences whose last
    # match is not brute force, in upstream's order (two brute-force spans never meet).
    extensible: list[list[tuple[int, float]]] = []
    growing = float(scoring.MIN_GUESSES_BEFORE_GROWING_SEQUENCE)
    factorial = [1.0]
    penalty = [0.0]  # penalty[length]: growing ** (length - 1), infinite past a float
    for length in range(1, n + 2):
        factorial.append(factorial[-1] * length)
        try:
            penalty.append(growing ** (length - 1))
        except OverflowError:
            penalty.append(math.inf)
    brute_price = [0.0]
    for size in range(1, n + 1):
        floor = scoring.MIN_SUBMATCH_GUESSES_MULTI_CHAR + 1
        if size == 1:
            floor = scoring.MIN_SUBMATCH_GUESSES_SINGLE_CHAR + 1
        brute_price.append(max(float(scoring.BRUTEFORCE_CARDINALITY) ** size, float(floor)))

    def keep(lowest: list[float], m: dict[str, Any], length: int, pi: float, g: float) -> None:
        k = m["j"]
        best_g[k][length] = g
        best_m[k][length] = m
        best_pi[k][length] = pi
        for other in range(length, len(lowest)):
            if not lowest[other] <= g:
                lowest[other] = g

    for k in range(n):
        # lowest[length]: the least g of the sequences kept at k with no more parts
        # (NaN: none yet).  A try is kept unless that is <= its g: upstream's test.
        lowest = [math.nan] * (k + 2)  # a sequence ending at k has at most k + 1 parts
        for m in by_end[k]:
            price = guesses(m, password)
            if m["i"] > 0:
                for length, pi in list(best_pi[m["i"] - 1].items()):
                    pi *= price
                    g = factorial[length + 1] * pi + penalty[length + 1]
                    if not lowest[length + 1] <= g:
                        keep(lowest, m, length + 1, pi, g)
            else:
                g = factorial[1] * price + penalty[1]
                if not lowest[1] <= g:
                    keep(lowest, m, 1, price, g)
        price = brute_price[k + 1]
        g = factorial[1] * price + penalty[1]
        if not lowest[1] <= g:
            keep(lowest, _brute(password, 0, k, price), 1, price, g)
        for i in range(1, k + 1):
            price = brute_price[k - i + 1]
            match = None
            for length, pi in extensible[i - 1]:
                pi = price * pi
                g = factorial[length + 1] * pi + penalty[length + 1]
                if not lowest[length + 1] <= g:
                    if match is None:
                        match = _brute(password, i, k, price)
                    keep(lowest, match, length + 1, pi, g)
        extensible.append(
            [
                (length, best_pi[k][length])
                for length, m in best_m[k].items()
                if m.get("pattern") != "bruteforce"
            ]
        )

    sequence: list[dict[str, Any]] = []
    total = 1.0
    if n:
        length, total = min(best_g[n - 1].items(), key=lambda item: item[1])
        k = n - 1
        while k >= 0:
            m = best_m[k][length]
            sequence.insert(0, m)
            k = m["i"] - 1
            length -= 1
    return {
        "password": password,
        "guesses": total,
        "guesses_log10": math.log10(total) if total < math.inf else 308.0,
        "sequence": sequence,
    }


def _brute(password: str, i: int, j: int, price: float) -> dict[str, Any]:
    token = password[i : j + 1]
    return {"pattern": "bruteforce", "token": token, "i": i, "j": j, "guesses": price}
