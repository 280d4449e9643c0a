"""A faster, equivalent ``dictionary_match`` for zxcvbn.

zxcvbn's ``dictionary_match`` looks up every substring, O(n²) per dictionary and
per l33t variant: about 30 ms at 72 characters.  No word is longer than the
longest word of its dictionaries, and most substrings are in none of them, so
:func:`bounded_dictionary_match` stops at that length and asks the dictionaries
only about substrings in the set of all their words.  It finds exactly the same
matches in the same order (a property test holds it to upstream's code).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from beianaudit.password.chinese_matching import USER, word_match


@cache
def install() -> None:
    """Put :func:`bounded_dictionary_match` in zxcvbn (once per process).

    ``l33t_match`` and ``reverse_dictionary_match`` call ``dictionary_match``
    through the module, which is why it is replaced there; zxcvbn's lists,
    regexes and results stay as they were for any other caller.
    """
    from zxcvbn import matching

    matching.dictionary_match = bounded_dictionary_match  # type: ignore[assignment]


# Up to this length every substring is looked up in every dictionary (at most 528 of
# them), as zxcvbn does: a single password checked at the command line then does not
# pay for the set of all words, which only a long password or a batch earns back.
SHORT = 32

_cache: dict[tuple[int, ...], tuple[list[dict[str, int]], frozenset[str], int]] = {}


def _all_words(ranked: list[dict[str, int]]) -> tuple[frozenset[str], int]:
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


def bounded_dictionary_match(
    password: str, _ranked_dictionaries: dict[str, dict[str, int]] | None = None
) -> list[dict[str, Any]]:
    """zxcvbn's ``dictionary_match``: the same matches in the same order, found faster.

    Past :data:`SHORT` characters, a substring is looked up in the dictionaries only
    when it is in the set of all their words, and only substrings no longer than the
    longest word are tried.
    """
    from zxcvbn import matching

    dictionaries = (
        matching.RANKED_DICTIONARIES if _ranked_dictionaries is None else _ranked_dictionaries
    )
    named = list(dictionaries.items())
    # user_inputs changes with every call: it is looked up on its own, never cached.
    length = len(password)
    words: frozenset[str] | None = None
    if length > SHORT:
        lasting = [ranked for name, ranked in named if name != USER]
        words, longest = _all_words(lasting)
        user = dictionaries.get(USER, {})
        longest = max(longest, max(map(len, user), default=0))
    else:  # every substring: far cheaper than building the set, the first time (~100 ms)
        longest, user = length, {}
    lower = password.lower()
    matches = []
    for i in range(length):
        for j in range(i, min(length, i + longest)):
            word = lower[i : j + 1]
            if words is None or word in words or word in user:
                for name, ranked in named:
                    rank = ranked.get(word)
                    if rank is not None:
                        matches.append(word_match(password, i, j, rank, name))
    return matches
