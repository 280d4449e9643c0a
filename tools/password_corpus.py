"""Rebuild the ranked Chinese password list and the PCFG terminals of beianaudit's strength check.

    python tools/password_corpus.py PATH

PATH: ``Chinese-common-password-list-top-10000.txt`` as downloaded from SecLists
(Daniel Miessler and contributors, MIT licence), commit
b330be206e5036d4b2c0bfa6c1373d92db828ec2:

    https://raw.githubusercontent.com/danielmiessler/SecLists/b330be206e5036d4b2c0bfa6c1373d92db828ec2/Passwords/Common-Credentials/Language-Specific/Chinese-common-password-list-top-10000.txt

10,000 passwords of Chinese users, most used first, ranked by how often they occur in
the accounts leaked from Chinese sites (the 2011 CSDN, Tianya and 178 leaks and the
like): the order a cracker's list tries them in.  The file is read, never committed.

Written to ``beianaudit/data/password/``:

- ``chinese_passwords.txt``: the list itself as a password dictionary, lower-cased
  (zxcvbn matches lower case), a password's rank its first place, as zxcvbn's own
  ``passwords`` list (guesses ≈ rank). Lines that are not printable ASCII (one line of
  mojibake) are dropped, and so are passwords of one character repeated 3+ times
  (111111, aaaaaa; :func:`repeated`), here and among the terminals: they are zxcvbn's
  repeat pattern, which prices them at about their rank already (the unit times the
  count), and a long one (1111111111111111) matched at every place of a repeated input
  multiplied the matches and the verdict time (2 to 3 times on ``a`` or ``1`` x 1024).
  The entries of the former hand list (:data:`HAND_LIST`: love numbers and words from
  published analyses of the same leaks) that the corpus lacks keep their hand rank
  (inserted there, the corpus moving down a place each): the corpus ranks whole
  passwords of 6+ characters, and the hand list holds what it cannot rank, the numbers
  and words people build passwords from (1314, 520, nihao, pingan, shengri), whose
  absence as whole passwords says nothing of their use inside one.
- ``password_terminals.txt``: the PCFG terminals learned from the list (Weir, Aggarwal,
  de Medeiros and Glodek, "Password cracking using probabilistic context-free grammars",
  IEEE S&P 2009): each password is split into maximal runs of letters, digits and
  symbols; ``[letters]`` are the letter runs (lower-cased), ``[digits]`` the digit runs,
  each ranked by its weight across the list.  A password of rank r weighs 1/r (Zipf's
  law: the users behind a listed password fall as one over its rank), so that a run is
  ranked by how many USERS type it, as Weir's grammar counts a training set's
  occurrences, not by how many distinct strings hold it (which would let the tail of
  one-off strings outvote 123456).  Every run of :data:`MIN_TERMINAL` characters or more
  is kept, whole passwords' runs too: a grammar's terminals are every password's runs
  (woaini is the L6 of woaini as of Woaini@1314), and only 929 of the 10,000 passwords
  have more than one run, so the runs found inside those alone would miss most words.

A match is priced by its rank as zxcvbn prices its own frequency lists: see
beianaudit/password/chinese_matching.py (``chinese_dictionaries``, ``segment_rank``).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "beianaudit" / "data" / "password"
SOURCE = "SecLists"
COMMIT = "b330be206e5036d4b2c0bfa6c1373d92db828ec2"
FILE = "Passwords/Common-Credentials/Language-Specific/Chinese-common-password-list-top-10000.txt"
URL = f"https://raw.githubusercontent.com/danielmiessler/SecLists/{COMMIT}/{FILE}"
EXPECTED_LINES = 10_000
MIN_TERMINAL = 2  # characters: a single letter or digit is priced as brute force anyway
_RUN = re.compile(r"[a-z]+|[0-9]+|[^a-z0-9]+")

# The former hand-compiled list (published analyses of the CSDN / Tianya / 178 leaks
# and Chinese number language, 数字谐音), in its order: kept after the corpus where the
# corpus lacks an entry.
HAND_TEXT = """
123456 123456789 111111 12345678 000000 11111111 123123 5201314 123321 654321 666666
888888 a123456 1314520 woaini woaini1314 112233 147258369 1qaz2wsx qq123456 123qwe
a123456789 woaini520 5211314 aa123456 123456a qwe123 1q2w3e4r iloveyou abc123 159357
147258 1314 520 521 520520 5201314520 woaiwojia woainima wodemima mima mima123 zhongguo
woaizhongguo aini1314 1314521 7758521 7758258 584520 3344520 9420 1711 8023 qweasd
qweasdzxc 1qazxsw2 1q2w3e q1w2e3r4 asdfghjkl zxcvbnm qwertyuiop 789456123 741852963
147852369 159753 147852 258369 789456 321654 963852741 zxc123 asd123 qaz123 woaini123
iloveu loveyou love1314 aini520 caonima nihao nihao123 wangyang zhang123 li123456
wang123456 baobei baobei520 laopo laopo520 laogong xiaobao tiantian qingqing aiai haha
hahaha 88888888 66666666 168168 518518 1688 168 666 888 8888 xingfu kuaile pingan
xingyun aiqing shuaige meinv wangzi gongzhu tiancai feixiang mengxiang qingchun yongyuan
yisheng yishengyishi shengri jiayou fendou chenggong fugui facai jixiang ruyi shunli
beijing shanghai hangzhou shenzhen guangzhou
"""
HAND_LIST = HAND_TEXT.split()


def repeated(word: str) -> bool:
    """One character three times or more: zxcvbn's repeat pattern (aaa, 111111)."""
    return len(word) >= 3 and len(set(word)) == 1


def passwords(text: str) -> list[str]:
    """The list's lines, lower-cased, printable ASCII only, first place kept."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != EXPECTED_LINES:
        sys.exit(f"{EXPECTED_LINES} lines expected, {len(lines)} found: not the SecLists file")
    kept = (
        line.lower()
        for line in lines
        if line
        and all(" " < ch <= "~" for ch in line)  # printable ASCII, no space
        and not repeated(line.lower())
    )
    return list(dict.fromkeys(kept))


def terminals(ranked: list[str]) -> tuple[list[str], list[str]]:
    """The letter runs and the digit runs of the list, each ranked by the summed
    weight 1/rank of the passwords holding it (once per password), ties by first
    appearance; runs shorter than MIN_TERMINAL and repeated characters left out."""
    weight: dict[str, float] = defaultdict(float)
    for rank, password in enumerate(ranked, 1):
        for run in dict.fromkeys(_RUN.findall(password)):
            weight[run] += 1.0 / rank
    kept = [r for r in weight if len(r) >= MIN_TERMINAL and not repeated(r)]
    order = sorted(kept, key=lambda r: -weight[r])  # stable: first appearance breaks ties
    return [r for r in order if r.isalpha()], [r for r in order if r.isdigit()]


def merged(ranked: list[str]) -> tuple[list[str], int]:
    """The corpus with the hand list's entries it lacks inserted at their hand rank
    (in hand order, so that each lands where the hand list had it); how many."""
    known = set(ranked)
    words = list(ranked)
    added = 0
    for hand_rank, word in enumerate(dict.fromkeys(HAND_LIST), 1):
        if word not in known and not repeated(word):
            words.insert(hand_rank - 1, word)
            added += 1
    return words, added


def header(what: list[str]) -> list[str]:
    return [
        "# Generated by tools/password_corpus.py: do not edit by hand.",
        f"# Source: {SOURCE} (MIT licence, https://github.com/danielmiessler/SecLists),",
        f"# commit {COMMIT},",
        f"# {FILE}:",
        "# Chinese passwords ranked by frequency in accounts leaked from Chinese sites.",
        *what,
    ]


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    ranked = passwords(Path(sys.argv[1]).read_text("utf-8", errors="replace"))
    words, added = merged(ranked)
    dictionary = header(
        [
            "# One password a line after [passwords], lower case, most used first; a line's",
            f"# rank is its place: the corpus, merged with the {added} entries of the former",
            "# hand list it lacks (love numbers and words people build passwords from), each",
            "# at its hand rank (see the tool).",
        ]
    )
    (OUT / "chinese_passwords.txt").write_text(
        "\n".join([*dictionary, "[passwords]", *words]) + "\n", "utf-8"
    )
    letters, digits = terminals(ranked)
    terminal_lines = header(
        [
            "# PCFG terminals (Weir et al. 2009): each password split into maximal runs of",
            "# letters, digits and symbols; [letters] (lower case) and [digits], each ranked",
            "# by the summed weight 1/rank of the passwords holding the run (Zipf: the users",
            f"# behind a password); every run of {MIN_TERMINAL}+ characters but one character",
            "# repeated 3+ times (zxcvbn's repeat pattern).",
            "# A line's rank is its place in its section.",
        ]
    )
    (OUT / "password_terminals.txt").write_text(
        "\n".join([*terminal_lines, "[letters]", *letters, "[digits]", *digits]) + "\n", "utf-8"
    )
    print(
        f"{len(ranked)} passwords (+{added} hand entries), "
        f"{len(letters)} letter and {len(digits)} digit terminals"
    )


if __name__ == "__main__":
    main()
