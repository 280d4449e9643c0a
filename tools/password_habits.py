"""Rebuild the phone, place and date tables of beianaudit's strength check.

    python tools/password_habits.py CORPUS [WHEEL]

CORPUS: SecLists' ``Chinese-common-password-list-top-10000.txt`` (the file
tools/password_corpus.py reads; its docstring gives the URL and commit).  WHEEL: the
phonenumbers 9.0.43 wheel; without it, ``pip download phonenumbers==9.0.43`` fetches
it into a temporary folder (phonenumbers is a tools-time dependency only: the runtime
reads the generated file).

Sources:

- phonenumbers 9.0.43 (Apache License 2.0, https://github.com/daviddrysdale/python-phonenumbers,
  Google's libphonenumber metadata): the mainland mobile prefixes are the three-digit
  starts that the CN metadata's mobile pattern accepts; the telephone area codes and
  their cities are the CN entries of its geocoding data (``'86571': 'Hangzhou,
  Zhejiang'``: code 0571, city hangzhou; ``Xi'an/Xianyang``: both cities), the
  fixed-line area codes only (two or three digits after the national prefix 0; the
  mobile blocks, 861xx…, left out).
- SecLists' Chinese passwords (MIT licence, commit b330be2): every run of digits that
  reads as a date, YYYYMMDD (years 1900-2049) or YYMMDD (YY 30-99 as 19YY, else
  20YY), each counted once per password: how often each year and each month-day occurs.

Written to ``beianaudit/data/password/habit_shapes.txt``:

- ``[mobile]``: the prefixes;
- ``[areas]``: ``city code`` a line, city in toneless pinyin as phonenumbers spells it
  (lower case, letters only: Xi'an → xian), ordered by the city's rank in beianaudit's
  pinyin lexicon (jieba's frequency: a cracker tries the big cities first), the cities
  the lexicon lacks after, in code order; a city of several codes keeps each;
- ``[years]`` and ``[monthdays]``: ``value count`` a line, the measured counts;
- ``[kin]``: kinship and pet words (妈妈 mama, 老婆 laopo, 宝宝 baobao …) in toneless
  pinyin, the hand list :data:`KIN` (which words people put before a relative's
  birthday is knowledge, not a corpus) ordered by the word's rank in pinyin_lexicon.txt
  (jieba's frequency), those it lacks after in the table's order; ü also typed u;
- ``[makers]``: ``series spelling…`` a line: the typed spellings of each product
  series' maker (华为 → huawei hw), from tools/password_lexicon.py's MODEL_SERIES and
  BRANDS (the hand list brand_words.txt is built from): a brand followed by its own
  model (huawei + p60pro) is one guess of the model's list, not a product of two.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "beianaudit" / "data" / "password" / "habit_shapes.txt"
PHONENUMBERS = "phonenumbers==9.0.43"


def _wheel(path: Path | None, folder: Path) -> Path:
    if path is None:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(folder), PHONENUMBERS],
            check=True,
            capture_output=True,
        )
        path = next(folder.glob("phonenumbers-*.whl"))
    with zipfile.ZipFile(path) as wheel:
        wheel.extractall(folder / "x")
    return folder / "x"


def mobile_prefixes(metadata_pattern: str) -> list[str]:
    """The three-digit starts 1xx that the mobile pattern accepts for some number."""
    pattern = re.compile(metadata_pattern)
    tails = ("00000000", "12345678", "40000000", "55555555", "99999999", "10000000")
    return [
        prefix
        for prefix in (str(k) for k in range(100, 200))
        if any(pattern.fullmatch(prefix + tail) for tail in tails)
    ]


def areas(geodata: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    """``(city, code)`` of the fixed-line area codes (10, 2x, and three digits from 3)."""
    found = []
    for key, names in geodata.items():
        code = key[2:]
        fixed = code == "10" or (len(code) == 2 and code[0] == "2")
        if not key.startswith("86") or not (fixed or (len(code) == 3 and code[0] != "1")):
            continue
        for place in names["en"].split(",")[0].split("/"):  # Xi'an/Xianyang share 029
            city = re.sub("[^a-z]", "", place.lower())
            if city:
                found.append((city, "0" + code))
    return sorted(set(found), key=lambda pair: pair[1])


def lexicon_ranks() -> dict[str, int]:
    text = (ROOT / "beianaudit" / "data" / "password" / "pinyin_lexicon.txt").read_text("utf-8")
    words = text[text.index("\n[words]\n") :].split()
    words = words[1 : words.index("[surnames]")]
    return {w: k for k, w in enumerate(words, 1)}


# Kinship terms and pet names people build passwords on with a relative's birthday.
KIN = [
    "妈妈",
    "爸爸",
    "老婆",
    "老公",
    "宝宝",
    "宝贝",
    "奶奶",
    "爷爷",
    "儿子",
    "女儿",
    "姐姐",
    "哥哥",
    "弟弟",
    "妹妹",
    "外婆",
    "外公",
    "姥姥",
    "姥爷",
    "媳妇",
    "老妈",
    "老爸",
    "妈咪",
    "闺女",
    "丫头",
    "老伴",
    "孩子",
    "爱人",
    "妻子",
    "丈夫",
    "孙子",
    "孙女",
    "舅舅",
    "姑姑",
    "叔叔",
    "伯伯",
    "小宝",
    "乖乖",
    "亲爱的",
    "猪猪",
    "狗狗",
    "猫猫",
]


def kin_lines(rank: dict[str, int]) -> list[str]:
    from pypinyin import lazy_pinyin

    typed: list[str] = []
    for word in KIN:
        spelled = "".join(lazy_pinyin(word, v_to_u=False))
        typed += [spelled, spelled.replace("v", "u")]
    typed = list(dict.fromkeys(typed))
    return sorted(typed, key=lambda w: (rank.get(w, len(rank) + 1), typed.index(w)))


def maker_lines() -> list[str]:
    """``series spelling…`` for each series of MODEL_SERIES whose maker BRANDS spells."""
    sys.path.insert(0, str(ROOT / "tools"))
    import password_lexicon  # type: ignore[import-not-found]

    typed = {
        name: password_lexicon.spellings(name, spelled)
        for entries in password_lexicon.BRANDS.values()
        for name, spelled in entries
        if name
    }
    lines = []
    for series, maker in password_lexicon.MODEL_SERIES:
        spelled = typed.get(maker, [maker] if maker.isascii() else [])  # oppo, vivo as typed
        spellings = [s for s in dict.fromkeys(spelled) if s and s != series]
        if spellings:
            lines.append(" ".join([series, *spellings]))
    return lines


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def date_counts(lines: list[str]) -> tuple[Counter[int], Counter[str]]:
    """Years and month-days of the digit runs that read as YYYYMMDD or YYMMDD."""
    years: Counter[int] = Counter()
    monthdays: Counter[str] = Counter()
    for line in lines:
        seen = set()
        for run in re.findall(r"[0-9]+", line):
            if len(run) == 8 and 1900 <= int(run[:4]) <= 2049:
                year, rest = int(run[:4]), run[4:]
            elif len(run) == 6:
                yy = int(run[:2])
                year, rest = (1900 + yy if yy >= 30 else 2000 + yy), run[2:]
            else:
                continue
            if _is_date(year, int(rest[:2]), int(rest[2:])) and run not in seen:
                seen.add(run)
                years[year] += 1
                monthdays[rest] += 1
    return years, monthdays


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    corpus = Path(sys.argv[1]).read_text("utf-8", errors="replace").splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        root = _wheel(Path(sys.argv[2]) if len(sys.argv) > 2 else None, Path(tmp))
        sys.path.insert(0, str(root))
        from phonenumbers.data.region_CN import PHONE_METADATA_CN  # type: ignore[import-not-found]
        from phonenumbers.geodata import GEOCODE_DATA  # type: ignore[import-not-found]

        prefixes = mobile_prefixes(PHONE_METADATA_CN.mobile.national_number_pattern)
        table = areas(GEOCODE_DATA)
    rank = lexicon_ranks()
    makers = maker_lines()
    order = sorted(table, key=lambda pair: (rank.get(pair[0], len(rank) + 1), pair[1]))
    years, monthdays = date_counts(corpus)
    lines = [
        "# Generated by tools/password_habits.py: do not edit by hand.",
        "# Sources: phonenumbers 9.0.43 (Apache License 2.0, libphonenumber's metadata):",
        "# [mobile] the mainland mobile prefixes its CN mobile pattern accepts; [areas] the",
        "# fixed-line area codes of its CN geocoding data with their city, in toneless pinyin,",
        "# ordered by the city's rank in pinyin_lexicon.txt (jieba 0.42.1, MIT), then by code.",
        "# SecLists Chinese-common-password-list-top-10000.txt (MIT licence, commit b330be2):",
        "# [years] and [monthdays], how many digit runs of its passwords read as a date",
        "# (YYYYMMDD or YYMMDD) of that year or month-day.",
        "# [kin]: kinship and pet words (a hand list in the tool), toneless pinyin by pypinyin",
        "# (MIT), ordered by their rank in pinyin_lexicon.txt, then the table's order.",
        "# [makers]: each product series of brand_words.txt and its maker's spellings, from",
        "# tools/password_lexicon.py's hand lists (MODEL_SERIES, BRANDS).",
        "[mobile]",
        " ".join(prefixes),
        "[areas]",
        *(f"{city} {code}" for city, code in order),
        "[years]",
        *(f"{year} {n}" for year, n in sorted(years.items())),
        "[monthdays]",
        *(f"{md} {n}" for md, n in sorted(monthdays.items())),
        "[kin]",
        *kin_lines(rank),
        "[makers]",
        *makers,
    ]
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{OUT}: {len(prefixes)} prefixes, {len(order)} areas, {sum(years.values())} dates")


if __name__ == "__main__":
    main()
