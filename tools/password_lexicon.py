"""Rebuild the ranked pinyin lexicon and the ranked brand list of beianaudit's strength check.

    python tools/password_lexicon.py [PATH]   # PATH: jieba's dict.txt or its sdist .tar.gz

Without PATH, ``pip download jieba==0.42.1`` fetches the sdist into a temporary folder
(jieba is a tools-time dependency only: the runtime reads the generated files).

Source: jieba 0.42.1 (MIT licence, https://github.com/fxsjy/jieba), whose dict.txt holds
about 350,000 words with their frequency in jieba's training corpus and a part-of-speech
tag.  pypinyin (MIT, a runtime dependency already) spells every word in toneless pinyin
(ü as v), with its phrase table for polyphonic characters.

Written to ``beianaudit/data/password/``:

- ``pinyin_lexicon.txt``: ``[words]`` one key a line, most used first: the full pinyin of
  every word (我们 → women) and the initials of words of three or more characters and of
  person names (毛泽东 → mzd), a key's use being the summed frequency of every word
  spelled that way; only the first :data:`KEEP` keys.  ``[surnames]`` and ``[given]``:
  the surnames and the given-name syllables of jieba's person names (tag nr, two or
  three characters, first character a surname), ranked by how many distinct names
  use them.
- ``pinyin_phrases.txt``: set phrases and idioms, the list a cracker's idiom list is:
  jieba's entries tagged ``i`` (成语, idiom) or ``l`` (习用语, set phrase), and every other
  entry of four characters (the shape of idioms and set phrases: jieba tags many of them
  n, nr, nz or v, e.g. 大展宏图 nr, 相得益彰 v), ranked among themselves by jieba frequency
  (a cracker tries its idiom list in order of use, so a phrase's price is its rank among
  phrases, not among all 350,000 words).  Only the phrases jieba's corpus counted
  (frequency above :data:`NO_COUNT`, jieba's floor; about 20,000 of 93,000): the rest
  have no order of use to share with a cracker, and would double the start-up cost
  (benchmarks/cold_start.py).  Equal counts are ordered by jieba's own probability of
  the phrase read as its other words (a phrase of common words before one of rare ones).
  ``[phrases]``: the full pinyin; ``[initials]``: the initials (恭喜发财 → gxfc) of
  phrases of three or more characters, ranked on their own, the first
  :data:`KEEP_INITIALS`.
- ``brand_words.txt``: the brands, sites, products and vendor default passwords of
  :data:`BRANDS` (a hand list: which names matter is knowledge, not a corpus), ranked by
  the jieba frequency of their Chinese name; vendor defaults after the most used brands.

A match is priced by its rank as zxcvbn prices its own frequency lists (guesses ≈ rank):
see beianaudit/password/chinese_matching.py.
"""

from __future__ import annotations

import math
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "beianaudit" / "data" / "password"
JIEBA = "jieba==0.42.1"
KEEP = 40_000  # keys of [words]: past that a word costs more than padding can hide
KEEP_SURNAMES = 300
KEEP_GIVEN = 500
PHRASE_TAGS = frozenset({"i", "l"})  # jieba's 成语 (idiom) and 习用语 (set phrase)
PHRASE_CHARACTERS = 4  # and every entry this long, whatever its tag
NO_COUNT = 3  # jieba's floor: an entry its corpus never counted has this frequency or less
# Initials past this rank cost more than zxcvbn's brute force of 4 characters (10^4).
KEEP_INITIALS = 10_000

# (spelling people type, Chinese name or "" for none); the order within the file is
# set by the Chinese name's jieba frequency, then this order.
BRANDS = [
    ("baidu", "百度"),
    ("tencent", "腾讯"),
    ("qq", "腾讯"),
    ("weixin", "微信"),
    ("wechat", "微信"),
    ("huawei", "华为"),
    ("xiaomi", "小米"),
    ("mi", "小米"),
    ("taobao", "淘宝"),
    ("tmall", "天猫"),
    ("alipay", "支付宝"),
    ("zhifubao", "支付宝"),
    ("alibaba", "阿里巴巴"),
    ("aliyun", "阿里云"),
    ("jd", "京东"),
    ("jingdong", "京东"),
    ("12306", "铁路"),
    ("sina", "新浪"),
    ("weibo", "微博"),
    ("sohu", "搜狐"),
    ("netease", "网易"),
    ("wangyi", "网易"),
    ("163", "网易"),
    ("126", "网易"),
    ("douyin", "抖音"),
    ("tiktok", "抖音"),
    ("kuaishou", "快手"),
    ("bilibili", "哔哩哔哩"),
    ("meituan", "美团"),
    ("eleme", "饿了么"),
    ("pinduoduo", "拼多多"),
    ("pdd", "拼多多"),
    ("didi", "滴滴"),
    ("ctrip", "携程"),
    ("xiecheng", "携程"),
    ("zhihu", "知乎"),
    ("douban", "豆瓣"),
    ("youku", "优酷"),
    ("iqiyi", "爱奇艺"),
    ("360", "奇虎"),
    ("qihoo", "奇虎"),
    ("lenovo", "联想"),
    ("lianxiang", "联想"),
    ("oppo", ""),
    ("vivo", ""),
    ("honor", "荣耀"),
    ("rongyao", "荣耀"),
    ("zte", "中兴"),
    ("zhongxing", "中兴"),
    ("h3c", "华三"),
    ("ruijie", "锐捷"),
    ("tplink", "普联"),
    ("tenda", "腾达"),
    ("mercury", "水星"),
    ("hikvision", "海康威视"),
    ("hik", "海康"),
    ("dahua", "大华"),
    ("haier", "海尔"),
    ("gree", "格力"),
    ("midea", "美的"),
    ("byd", "比亚迪"),
    ("unicom", "联通"),
    ("liantong", "联通"),
    ("chinamobile", "中国移动"),
    ("yidong", "移动"),
    ("cmcc", "中国移动"),
    ("dianxin", "电信"),
    ("chinanet", "中国电信"),
    ("icbc", "工商银行"),
    ("ccb", "建设银行"),
    ("boc", "中国银行"),
    ("abc", "农业银行"),
    ("cmb", "招商银行"),
    ("dingding", "钉钉"),
    ("dingtalk", "钉钉"),
    ("feishu", "飞书"),
    ("wps", "金山"),
    ("kingsoft", "金山"),
    ("xunlei", "迅雷"),
    ("hao123", ""),
    ("csdn", ""),
    ("gitee", "码云"),
    ("tianya", "天涯"),
    ("renren", "人人网"),
    ("kaixin", "开心网"),
    ("qzone", "空间"),
    ("foxmail", ""),
    ("apple", "苹果"),
    ("iphone", "苹果"),
    ("google", "谷歌"),
    ("microsoft", "微软"),
    ("windows", "微软"),
]
# Vendor default passwords of Chinese network gear, servers and cloud images, as their
# manuals and the public default-password lists give them (lower case: case is a rule).
VENDOR_DEFAULTS = [
    "admin@huawei",
    "huawei@123",
    "admin@123",
    "changeme_123",
    "admin@huawei.com",
    "huawei12#$",
    "admin123",
    "h3capadmin",
    "admin@h3c",
    "zte521",
    "ruijie",
    "hik12345",
    "admin888",
    "root@123",
    "p@ssw0rd",
    "passw0rd",
    "changeme",
    "changeme@123",
    "abc@123",
    "test@123",
    "qwe@123",
]


def _dict_text(path: Path | None) -> str:
    if path is None:
        folder = Path(tempfile.mkdtemp(prefix="jieba-"))
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(folder), JIEBA],
            check=True,
        )
        path = next(folder.glob("jieba-*.tar.gz"))
    if path.suffix == ".gz":
        with tarfile.open(path) as archive:
            member = next(m for m in archive.getmembers() if m.name.endswith("jieba/dict.txt"))
            data = archive.extractfile(member)
            assert data is not None
            return data.read().decode("utf-8")
    return path.read_text("utf-8")


def _is_chinese(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


def build(text: str) -> tuple[list[str], list[str], list[str], dict[str, int]]:
    from pypinyin import Style, lazy_pinyin

    use: Counter[str] = Counter()
    freq_of: dict[str, int] = {}
    names: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2 or not _is_chinese(parts[0]):
            continue
        word, freq, tag = parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""
        freq_of[word] = freq
        syllables = lazy_pinyin(word, style=Style.NORMAL, errors="ignore")
        if len(syllables) != len(word):
            continue
        full = "".join(syllables)
        if len(full) >= 2:
            use[full] += freq
        if len(word) >= 3 or (tag == "nr" and len(word) >= 2):
            use["".join(s[0] for s in syllables)] += freq
        if tag == "nr" and len(word) in (2, 3):
            names.append((word, syllables))
    words = [key for key, _ in sorted(use.items(), key=lambda kv: (-kv[1], kv[0]))][:KEEP]

    # A surname is the first character of a three-character name; ranked by distinct names.
    surname_count: Counter[str] = Counter(s[0] for w, s in names if len(w) == 3)
    surnames = [s for s, _ in surname_count.most_common(KEEP_SURNAMES)]
    known = set(surnames)
    # A given name is one or two syllables: each syllable ranked by how many distinct
    # names use it in their given part (a cracker's name list combines them).
    given_names: dict[str, set[str]] = defaultdict(set)
    for word, syllables in names:
        if syllables[0] in known:
            for syllable in syllables[1:]:
                given_names[syllable].add(word)
    given = sorted(given_names, key=lambda g: (-len(given_names[g]), g))[:KEEP_GIVEN]
    return words, surnames, given, freq_of


def _reading_log(word: str, freq_of: dict[str, int], log_total: float) -> float:
    """jieba's log-probability of ``word`` read as two or more of its other entries
    (jieba's own route: the product of the entries' frequencies over the total)."""
    best = [-math.inf] * (len(word) + 1)
    best[0] = 0.0
    for a in range(len(word)):
        if best[a] == -math.inf:
            continue
        for b in range(a + 1, len(word) + 1):
            freq = freq_of.get(word[a:b]) if b - a < len(word) else None
            if freq:
                best[b] = max(best[b], best[a] + math.log(freq) - log_total)
    return best[-1]


def phrases(text: str) -> tuple[list[str], list[str], int]:
    """The ``[phrases]`` and ``[initials]`` keys, most used first, and the size of the
    class."""
    from pypinyin import Style, lazy_pinyin

    freq_of: dict[str, int] = {}
    chosen: list[tuple[str, int]] = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2 or not _is_chinese(parts[0]):
            continue
        word, freq, tag = parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""
        freq_of[word] = freq
        if (tag in PHRASE_TAGS or len(word) == PHRASE_CHARACTERS) and freq > NO_COUNT:
            chosen.append((word, freq))
    log_total = math.log(sum(freq_of.values()))
    order = sorted(chosen, key=lambda wf: (-wf[1], -_reading_log(wf[0], freq_of, log_total), wf[0]))
    full: dict[str, None] = {}
    initials: dict[str, None] = {}
    for word, _ in order:
        syllables = lazy_pinyin(word, style=Style.NORMAL, errors="ignore")
        if len(syllables) != len(word) or len(word) < 2:
            continue
        full.setdefault("".join(syllables))
        if len(word) >= 3:
            initials.setdefault("".join(s[0] for s in syllables))
    kept, kept_initials = list(full), list(initials)[:KEEP_INITIALS]
    # The runtime reads both sections into one dict: a shared key would take one rank.
    shared = set(kept) & set(kept_initials)
    if shared:
        raise SystemExit(f"[phrases] and [initials] share keys: {sorted(shared)[:5]}")
    return kept, kept_initials, len(order)


def brand_lines(freq_of: dict[str, int]) -> list[str]:
    order = {spelling: k for k, (spelling, _) in enumerate(BRANDS)}
    ranked = sorted(BRANDS, key=lambda b: (-freq_of.get(b[1], 0), order[b[0]]))
    lines = list(dict.fromkeys(s for s, _ in ranked[:30]))
    lines += [d for d in VENDOR_DEFAULTS if d not in lines]
    lines += [s for s, _ in ranked[30:] if s not in lines]
    return lines


HEADER = """\
# Generated by tools/password_lexicon.py: do not edit by hand.
# Source: jieba 0.42.1 dict.txt (MIT licence, https://github.com/fxsjy/jieba), word
# frequencies of jieba's corpus; pinyin by pypinyin {pypinyin} (MIT licence),
# toneless, v for u-umlaut.
"""


def main() -> None:
    import pypinyin

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    text = _dict_text(path)
    words, surnames, given, freq_of = build(text)
    header = HEADER.format(pypinyin=pypinyin.__version__)
    lexicon = [
        header.rstrip("\n"),
        "# [words]: full pinyin of every word, and initials of words of 3+ characters and of",
        f"# person names, ranked by the summed frequency of the words so spelled; top {KEEP:,}.",
        "# [surnames], [given]: surnames and given-name syllables of jieba's person names",
        "# (tag nr), ranked by the number of distinct names using them.",
        "# A line's rank is its place in its section.",
        "[words]",
        *words,
        "[surnames]",
        *surnames,
        "[given]",
        *given,
    ]
    (OUT / "pinyin_lexicon.txt").write_text("\n".join(lexicon) + "\n", "utf-8")
    brands = [
        header.rstrip("\n"),
        "# Brands, sites, products and vendor default passwords people build passwords on:",
        "# the names are the hand list in tools/password_lexicon.py (BRANDS, VENDOR_DEFAULTS:",
        "# vendors' manuals and public default-password lists), the order is the jieba",
        "# frequency of each brand's Chinese name; vendor defaults after the 30 most used.",
        *brand_lines(freq_of),
    ]
    (OUT / "brand_words.txt").write_text("\n".join(brands) + "\n", "utf-8")
    full, initials, size = phrases(text)
    phrase_lines = [
        header.rstrip("\n"),
        f"# Set phrases and idioms: the {size:,} entries of jieba tagged i (idiom) or l (set",
        f"# phrase), or of {PHRASE_CHARACTERS} characters, that its corpus counted (frequency",
        f"# above {NO_COUNT}), ranked among themselves by jieba frequency, then (for equal",
        "# counts) by jieba's probability of the phrase read as its other words.",
        "# [phrases]: full pinyin; [initials]: initials of phrases of 3+ characters,",
        f"# ranked on their own, top {KEEP_INITIALS:,}.",
        "# A line's rank is its place in its section.",
        "[phrases]",
        *full,
        "[initials]",
        *initials,
    ]
    (OUT / "pinyin_phrases.txt").write_text("\n".join(phrase_lines) + "\n", "utf-8")
    print(f"{len(full)} phrases, {len(initials)} initials of {size} in the class")
    print(f"{len(words)} words, {len(surnames)} surnames, {len(given)} given names")


if __name__ == "__main__":
    main()
