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
  :data:`BRANDS` (a hand list by category: which names matter is knowledge, not a
  corpus) as typed, with the pinyin and initials of their Chinese names: the pinyin of
  the names jieba counted first, by that frequency (it counts the Chinese word, typed as
  its pinyin), then the typed spellings (names jieba lacks after the rest, in table order);
  vendor defaults after the most used brands; then the product series of
  :data:`MODEL_SERIES`, which the loader expands into counted models.

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

# Brands, sites, products and names people build passwords on, by category: (Chinese
# name, the latin spellings, English names and abbreviations people type).  The tool
# adds each name's toneless pinyin and, for names of three or more characters, its
# initials (王者荣耀 → wangzherongyao, wzry); a name in parentheses only ranks the
# entry (12306 is not typed as tielu).  Cities are not here: the pinyin lexicon has
# them (beijing, shanghai) at their jieba rank.  Which names matter is knowledge, not a
# corpus; the order in the file is set by the Chinese name's jieba frequency (see
# brand_lines).  Within a category, names are written most used first.
BRANDS: dict[str, list[tuple[str, str]]] = {
    "apps and sites": [
        ("微信", "weixin wechat wx"),
        ("腾讯", "tencent qq qqcom"),
        ("支付宝", "alipay zfb"),
        ("淘宝", "taobao"),
        ("天猫", "tmall"),
        ("京东", "jd jingdong"),
        ("拼多多", "pdd"),
        ("抖音", "douyin tiktok"),
        ("快手", "kuaishou"),
        ("哔哩哔哩", "bilibili bili"),
        ("小红书", "xhs rednote"),
        ("今日头条", "toutiao jrtt"),
        ("微博", "weibo"),
        ("百度", "baidu"),
        ("贴吧", "tieba"),
        ("知乎", "zhihu"),
        ("豆瓣", "douban"),
        ("美团", "meituan"),
        ("饿了么", "eleme"),
        ("大众点评", "dianping"),
        ("闲鱼", "xianyu"),
        ("携程", "ctrip xiecheng"),
        ("滴滴", "didi"),
        ("高德", "gaode amap"),
        ("优酷", "youku"),
        ("爱奇艺", "iqiyi aiqiyi"),
        ("芒果", "mgtv"),
        ("酷狗", "kugou"),
        ("网易云", "wangyiyun"),
        ("钉钉", "dingding dingtalk"),
        ("飞书", "feishu lark"),
        ("(空间)", "qzone qqkongjian"),
        ("天涯", "tianya"),
        ("人人网", "renren"),
        ("开心网", "kaixin"),
        ("(铁路)", "12306"),
        ("", "hao123 csdn foxmail 4399 7k7k"),
    ],
    "companies": [
        ("阿里巴巴", "alibaba ali"),
        ("阿里云", "aliyun"),
        ("字节跳动", "bytedance zijie"),
        ("网易", "netease wangyi 163 126"),
        ("新浪", "sina"),
        ("搜狐", "sohu"),
        ("奇虎", "qihoo 360"),
        ("金山", "kingsoft wps"),
        ("迅雷", "xunlei"),
        ("码云", "gitee"),
        ("联想", "lenovo"),
        ("中兴", "zte"),
        ("海尔", "haier"),
        ("格力", "gree"),
        ("美的", "midea"),
        ("大疆", "dji"),
        ("顺丰", "sf sfexpress"),
        ("海康威视", "hikvision hik haikang"),
        ("大华", "dahua"),
        ("华三", "h3c"),
        ("锐捷", "ruijie"),
        ("普联", "tplink"),
        ("腾达", "tenda"),
        ("水星", "mercury"),
        ("微软", "microsoft windows"),
        ("谷歌", "google"),
    ],
    "phones": [
        ("华为", "huawei hw"),
        ("小米", "xiaomi mi"),
        ("红米", "redmi hongmi"),
        ("荣耀", "honor"),
        ("苹果", "apple iphone ipad"),
        ("三星", "samsung galaxy"),
        ("鸿蒙", "harmony harmonyos"),
        ("一加", "oneplus"),
        ("魅族", "meizu"),
        ("努比亚", "nubia"),
        ("", "oppo vivo iqoo realme"),
    ],
    "cars": [
        ("比亚迪", "byd"),
        ("吉利", "geely"),
        ("奇瑞", "chery"),
        ("长安", "changan"),
        ("红旗", "hongqi"),
        ("长城", "greatwall gwm"),
        ("哈弗", "haval"),
        ("五菱", "wuling"),
        ("蔚来", "nio"),
        ("小鹏", "xpeng"),
        ("理想", "lixiang"),
        ("问界", "aito"),
        ("特斯拉", "tesla"),
        ("奔驰", "benz mercedes"),
        ("宝马", "bmw"),
        ("奥迪", "audi"),
        ("大众", "volkswagen vw"),
        ("丰田", "toyota"),
        ("本田", "honda"),
        ("保时捷", "porsche"),
        ("法拉利", "ferrari"),
        ("兰博基尼", "lamborghini"),
    ],
    "food and drink": [
        ("茅台", "moutai maotai"),
        ("五粮液", "wuliangye"),
        ("汾酒", "fenjiu"),
        ("二锅头", "erguotou"),
        ("洋河", "yanghe"),
        ("泸州老窖", "luzhoulaojiao"),
        ("青岛", "tsingtao"),
        ("雪花", "snowbeer"),
        ("龙井", "longjing"),
        ("普洱", "puer puerh"),
        ("铁观音", "tieguanyin"),
        ("大红袍", "dahongpao"),
        ("蒙牛", "mengniu"),
        ("伊利", "yili"),
        ("娃哈哈", "wahaha"),
        ("农夫山泉", "nongfushanquan"),
        ("康师傅", "kangshifu"),
        ("老干妈", "laoganma"),
        ("海底捞", "haidilao"),
        ("蜜雪冰城", "mixue"),
        ("喜茶", "heytea xicha"),
        ("瑞幸", "luckin ruixing"),
        ("星巴克", "starbucks"),
        ("麦当劳", "mcdonalds"),
        ("肯德基", "kfc"),
    ],
    "banks and telecoms": [
        ("工商银行", "icbc gonghang"),
        ("建设银行", "ccb jianhang"),
        ("中国银行", "boc"),
        ("农业银行", "abc nonghang"),
        ("招商银行", "cmb zhaohang zhaoshang"),
        ("交通银行", "bocom jiaohang"),
        ("邮储", "psbc youzheng"),
        ("平安", "pingan"),
        ("中信", "citic"),
        ("民生银行", "cmbc"),
        ("兴业银行", "cib"),
        ("浦发银行", "spdb"),
        ("银联", "unionpay"),
        ("中国移动", "chinamobile cmcc"),
        ("移动", "yidong"),
        ("中国联通", "chinaunicom"),
        ("联通", "unicom liantong"),
        ("中国电信", "chinanet chinatelecom ct"),
        ("电信", "dianxin telecom"),
    ],
    "universities": [
        ("北大", "pku beida"),
        ("北京大学", "pekinguniversity"),
        ("清华", "thu tsinghua qinghua"),
        ("清华大学", ""),
        ("浙大", "zju zheda"),
        ("复旦", "fudan fdu"),
        ("上交", "sjtu"),
        ("交大", "jiaoda xjtu"),
        ("南大", "nju nanda"),
        ("中科大", "ustc"),
        ("华科", "hust huake"),
        ("武大", "whu wuda"),
        ("中山大学", "sysu zhongda"),
        ("厦大", "xmu xiada"),
        ("川大", "scu chuanda"),
        ("南开", "nankai nku"),
        ("同济", "tongji"),
        ("哈工大", "hit"),
        ("北航", "buaa beihang"),
        ("北理工", "bit"),
        ("人大", "ruc renda"),
        ("北师大", "bnu"),
        ("国防科大", "nudt"),
    ],
    "games": [
        ("王者荣耀", "wangzhe honorofkings"),
        ("英雄联盟", "lol leagueoflegends"),
        ("原神", "genshin"),
        ("和平精英", "pubgm"),
        ("吃鸡", "pubg chijiji"),
        ("穿越火线", "cf crossfire"),
        ("地下城与勇士", "dnf dixiacheng"),
        ("梦幻西游", ""),
        ("我的世界", "minecraft mc"),
        ("魔兽世界", "wow warcraft moshou"),
        ("炉石传说", "hearthstone lushi"),
        ("崩坏", "honkai benghuai"),
        ("剑网", "jx3 jianwang jianwangsan"),
        ("逆水寒", ""),
        ("阴阳师", "yys"),
        ("第五人格", "identityv"),
        ("QQ飞车", "qqfeiche qqspeed"),
        ("开心消消乐", "xiaoxiaole"),
        ("植物大战僵尸", "pvz"),
        ("", "dota dota2 csgo cs2 steam"),
    ],
}
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
    "admin@9000",  # Huawei iBMC
    "changeme123",  # Huawei eSight
    "huawei@cloud8!",  # Huawei FusionCompute
    "iaas@portal-cloud8!",
]
# Product model lines as typed: series + number (+ variant), priced as a shape by the
# loader (beianaudit/password/chinese_matching.py, MODEL_NUMBERS x MODEL_VARIANTS models
# a series), not listed model by model; (series as typed, maker's Chinese name), the
# series ordered by the maker's jieba frequency, then this order.
MODEL_SERIES = [
    ("mate", "华为"),
    ("p", "华为"),
    ("nova", "华为"),
    ("huawei", "华为"),
    ("honor", "荣耀"),
    ("honorx", "荣耀"),
    ("honormagic", "荣耀"),
    ("magic", "荣耀"),
    ("mi", "小米"),
    ("xiaomi", "小米"),
    ("redmi", "小米"),
    ("redmik", "小米"),
    ("redminote", "小米"),
    ("mix", "小米"),
    ("k", "小米"),
    ("iphone", "苹果"),
    ("ipad", "苹果"),
    ("air", "苹果"),
    ("galaxys", "三星"),
    ("galaxynote", "三星"),
    ("galaxy", "三星"),
    ("s", "三星"),
    ("note", "三星"),
    ("oneplus", "一加"),
    ("meizu", "魅族"),
    ("reno", "oppo"),  # a latin maker: no jieba frequency
    ("findx", "oppo"),  # a latin maker: no jieba frequency
    ("oppo", "oppo"),  # a latin maker: no jieba frequency
    ("vivox", "vivo"),  # a latin maker: no jieba frequency
    ("vivos", "vivo"),  # a latin maker: no jieba frequency
    ("x", "vivo"),  # a latin maker: no jieba frequency
    ("iqoo", "vivo"),  # a latin maker: no jieba frequency
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


def spellings(name: str, typed: str) -> list[str]:
    """What people type for one brand: the typed spellings, then the toneless pinyin of
    its Chinese name, then the initials of a name of three or more characters (latin
    letters in a name, as in QQ飞车, are kept as they are)."""
    from pypinyin import Style, lazy_pinyin

    out = typed.split()
    if name and not name.startswith("("):
        syllables = lazy_pinyin(name, style=Style.NORMAL, errors=lambda s: [s.lower()])
        out.append("".join(syllables))
        if len(name) >= 3 and _is_chinese(name):
            out.append("".join(s[0] for s in syllables))
    return out


TOP_BEFORE_DEFAULTS = 30  # vendor defaults come after this many brand spellings


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
    """Every spelling of :data:`BRANDS`, the brands with a jieba frequency first, most
    used first; then those without one (a name newer than jieba's corpus, or a latin
    name only), in the table's order: first each brand's first spelling, then the
    others in the same order of brands; the vendor defaults after the first
    :data:`TOP_BEFORE_DEFAULTS`; then ``[models]``: the series of :data:`MODEL_SERIES`
    in the same order of their maker."""
    table = [entry for entries in BRANDS.values() for entry in entries]
    ranked = sorted(range(len(table)), key=lambda k: (-freq_of.get(table[k][0].strip("()"), 0), k))
    spelled = [spellings(*table[k]) for k in ranked]
    # jieba's frequency counts the Chinese word, which is typed as its pinyin: the pinyin
    # of the brands jieba counted come first, in that order.  A latin name or an
    # abbreviation is not what the frequency measured (人大 is mostly the National
    # People's Congress, not the university typed ruc; 苹果 mostly the fruit), so typed
    # spellings follow: every brand's first spelling, then every other, in brand order.
    counted = [
        spellings(*table[k])[len(table[k][1].split())]
        for k in ranked
        if freq_of.get(table[k][0].strip("()"), 0)
        and len(spellings(*table[k])) > len(table[k][1].split())
    ]
    lines = list(
        dict.fromkeys(counted + [s[0] for s in spelled if s] + [x for s in spelled for x in s[1:]])
    )
    top = lines[:TOP_BEFORE_DEFAULTS]
    lines = top + [d for d in VENDOR_DEFAULTS if d not in top] + lines[TOP_BEFORE_DEFAULTS:]
    lines = list(dict.fromkeys(lines))
    series = sorted(
        range(len(MODEL_SERIES)), key=lambda k: (-freq_of.get(MODEL_SERIES[k][1], 0), k)
    )
    return [*lines, "[models]", *(MODEL_SERIES[k][0] for k in series)]


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
        "# the names are the hand list in tools/password_lexicon.py (BRANDS by category,",
        "# VENDOR_DEFAULTS: vendors' manuals and public default-password lists); each brand",
        "# as typed (latin spellings, pinyin, initials of 3+ character names).  Order: the",
        "# pinyin of the brands jieba counted, by the jieba frequency of the Chinese name",
        "# (what that frequency measures); then every brand's first typed spelling (latin",
        "# names and abbreviations: not what jieba counted), the counted ones first, then",
        "# those newer than jieba's corpus or latin only, in the table's order; then the",
        "# other spellings in that order again; vendor defaults after the first",
        f"# {TOP_BEFORE_DEFAULTS}.",
        "# A line's rank is its place.",
        "# [models]: product series (series + number + variant is a model), ordered by",
        "# their maker's jieba frequency; beianaudit/password/chinese_matching.py prices",
        "# a model as the series' place times the models it counts for each series.",
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
