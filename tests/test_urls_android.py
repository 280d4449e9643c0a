"""Links a phone opens, against the tool's verdicts: Android's link detection
(tests/android_linkify.py, a port of Patterns.AUTOLINK_WEB_URL and Linkify) is the
oracle.  Whatever a phone shows as a link to a foreign host must never sit inside a
link the tool calls official, and a message holding one is never official overall."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.commands.url import _worst_verdict
from beianaudit.urls.classify import classify, judge_found
from beianaudit.urls.extract import extract
from tests.android_linkify import foreign_links, linkify
from tests.fuzzing import budget

SAFE = ("official", "official_insecure", "gov_other")
OFFICIAL_LINKS = [
    "https://beian.miit.gov.cn",
    "https://beian.miit.gov.cn/",
    "https://beian.miit.gov.cn/login",
]
# What a message glues after a link: clause marks, arrows, quotes, brackets, ideographs.
GLUES = ["、", "，", "—", "·", "→", "👉", "【", "《", "“", "备案", "…", "；", "！", "：", "～"]
SECONDS = [".evil.com", "evil.com", ".x_y.evil.com", "x_y.evil.com", ".evil.中国", "备案.evil.中国"]
TAILS = [
    "",
    "-",
    "--",
    "-.",
    ".-",
    "-_",
    "-!",
    "_",
    ".",
    "、",
    "…",
    "%",
    "$",
    "&",
    "(",
    "+",
    "=",
    "@",
    "[",
    "~",
    "!",
]
ENDS = ["", " 谢谢", "谢谢", "\n", "、 请尽快", " ", "。"]


def assert_never_official(text: str) -> None:
    """Every link a phone opens to a foreign host overlaps a link the tool does not call
    official (the run-on reading of an official link is judged lookalike; a second link
    a phone shows inside one is reported on its own), and a message with such a link is
    not official (nor gov_other) overall."""
    bad = foreign_links(text)
    if not bad:
        return
    found = extract(text)
    results = [judge_found(f) for f in found]
    assert results, (text, bad)
    assert _worst_verdict(results) not in SAFE, (text, bad, results)
    for variant, start, end, host in bad:
        flagged = [
            r.verdict
            for f, r in zip(found, results, strict=True)
            if f.start < end and start < f.start + len(f.written) and r.verdict not in SAFE
        ]
        assert flagged, (text, variant, text[start:end], host, results)


def test_the_oracle_reads_as_android_does() -> None:
    text = "https://beian.miit.gov.cn、.evil.com-"
    assert [t[:2] for t in linkify(text)] == [(0, 35)]  # a label cannot end in "-"
    assert foreign_links("https://beian.miit.gov.cn/login") == []
    assert [b[3] for b in foreign_links("evil.com@https://beian.miit.gov.cn/")] == ["evil.com"] * 2
    assert linkify("请登录 https://beian.miit.gov.cn 谢谢")[0][2] == "https://beian.miit.gov.cn"


@budget(100)
@given(
    st.sampled_from(["请登录 ", "", "官方入口: "]),
    st.sampled_from(OFFICIAL_LINKS),
    st.sampled_from(GLUES),
    st.sampled_from(SECONDS),
    st.sampled_from(TAILS),
    st.sampled_from(ENDS),
)
def test_a_link_run_on_into_a_foreign_host_is_never_official(
    lead: str, link: str, glue: str, second: str, tail: str, end: str
) -> None:
    assert_never_official(lead + link + glue + second + tail + end)


@pytest.mark.parametrize(
    "text",
    [
        "https://beian.miit.gov.cn、.evil.com-",
        "请登录 https://beian.miit.gov.cn、x_y.evil.com% 完成",
        "https://beian.miit.gov.cn、.evil.com、 请尽快",
        "请登录 https://beian.miit.gov.cn备案.evil.中国… 谢谢",
    ],
)
def test_the_reviewers_run_ons_are_lookalike(text: str) -> None:
    first = judge_found(extract(text)[0])
    assert first.verdict == "lookalike", (text, first)


SECOND_LINK_MARKS = ["\\", "%", "[", "]", "/login%", "/a[", "/a]", "#x", "/a\\"]


@budget(50)
@given(
    st.sampled_from(OFFICIAL_LINKS[:1]),
    st.sampled_from(SECOND_LINK_MARKS),
    st.sampled_from(["evil.com", "备案.中国", "x备案.中国", "evil.com/x", "1.2.3.4"]),
    st.sampled_from(["", " 谢谢", "，谢谢"]),
)
def test_a_second_link_inside_an_official_one(link: str, mark: str, second: str, end: str) -> None:
    assert_never_official(link + mark + second + end)


@pytest.mark.parametrize(
    "text",
    [
        "https://beian.miit.gov.cn\\evil.com",
        "https://beian.miit.gov.cn/login%evil.com",
        "https://beian.miit.gov.cn/a[evil.com",
        "https://beian.miit.gov.cn#x备案.中国",
        "https://beian.miit%2Egov.cn/",
        "evil.com@https://beian.miit.gov.cn/",
        "请登录 evil.com@https://beian.miit.gov.cn/ 谢谢",
    ],
)
def test_the_reviewers_second_links(text: str) -> None:
    assert foreign_links(text)
    assert_never_official(text)


# Attributes around the href in an anchor; {o} is the official link, {e} the foreign one.
ANCHORS = [
    '<a data-href="{o}" href="{e}">{s}</a>',
    '<a x-href="{o}" href="{e}">{s}</a>',
    '<a title="href={o}" href="{e}">{s}</a>',
    "<a title='x href=\"{o}\"' href='{e}'>{s}</a>",
    '<a href="{e}" data-href="{o}">{s}</a>',
    '<a href=" {e}">{s}</a>',
    '<a href="{e}"><b>{s}</b></a>',
    '<a href="{e}"><span class="x">{s}</span> </a>',
    '<A HREF="{e}">{s}</A>',
    '<a\nhref="{e}"\n>{s}</a>',
]
TARGETS = [
    "https://evil.com/",
    "&#104;ttps://evil.com/",
    "https&#58;//evil.com/",
    "https://evil.com&#47;",
]
SHOWN = ["备案系统登录", "https://beian.miit.gov.cn/", "beian.miit.gov.cn", "工信部备案"]


@budget(75)
@given(st.sampled_from(ANCHORS), st.sampled_from(TARGETS), st.sampled_from(SHOWN))
def test_an_anchor_is_judged_by_its_href_attribute(anchor: str, target: str, shown: str) -> None:
    text = anchor.format(o="https://beian.miit.gov.cn/", e=target, s=shown)
    results = [judge_found(f) for f in extract(text)]
    assert results, text
    assert all(r.verdict == "lookalike" for r in results), (text, results)
    assert all("shown_elsewhere" in [c for c, _p in r.reasons] for r in results), text


@pytest.mark.parametrize("target", ["java&#x09;script:alert(1)", "javascript&#58;alert(1)"])
def test_an_anchor_href_is_decoded(target: str) -> None:
    results = [judge_found(f) for f in extract(f'<a href="{target}">点击这里</a>')]
    assert [r.verdict for r in results] == ["invalid"], results


def test_an_anchor_to_the_filing_system_stays_official() -> None:
    text = '<a class="x" href=" https://beian.miit.gov.cn/"><b>备案系统</b></a>'
    assert [judge_found(f).verdict for f in extract(text)] == ["official"]


@pytest.mark.parametrize(
    "host",
    [
        "beian.miit.gov.cn.gov.cn",
        "beian.miit.gov.cn.gz.gov.cn",
        "beian.miit.gov.cn.www.gov.cn",
        "beian.miit.gov.cn.政务",
        "beian-miit-gov-cn.gov.cn",
        "beianmiitgovcn.gov.cn",
        "beian.miit.gov.gov.cn",
        "beian.miit.com.gov.cn",
        "www.beian.miit.政务",
        "login.beian.miit.gov.cn.sh.gov.cn",
        "beian_miit.gov.cn",
    ],
)
def test_the_official_name_before_a_government_suffix_is_lookalike(host: str) -> None:
    result = classify(f"https://{host}/")
    assert result.verdict == "lookalike", (host, result)
    assert "gov_lookalike" in [c for c, _p in result.reasons]


@pytest.mark.parametrize(
    "host",
    ["www.miit.gov.cn", "beian.mps.gov.cn", "www.gov.cn", "ca.miit.gov.cn", "miitbeian.gov.cn"],
)
def test_real_government_hosts_stay_gov_other(host: str) -> None:
    assert classify(f"https://{host}/").verdict == "gov_other"


# Where a phone STARTS a link, and what the tool reads there.  A message is
# start + scheme + host + after + glue + mid + tail + end: what precedes the link (an
# ideograph, 请登录 with or without a space, punctuation, an arrow), a scheme as people
# and attackers write it (case, one slash, back slashes, full width, none), the official
# host (or in capitals: Android's list of top-level domains is lower case), what follows
# the host, then the glue, a foreign host and a tail as in the reviewer's generator.
STARTS = [
    "请登录 ",
    "请登录",
    "登录：",
    "链接:",
    "→",
    "👉",
    "【",
    "（",
    "(",
    "「",
    "x@",
    "a.b@",
    "",
]
SCHEMES = [
    "https://",
    "HTTPS://",
    "Https://",
    "http://",
    "https:/",
    "https:\\\\",
    "https：／／",
    "ｈｔｔｐｓ：／／",
    "",
]
HOSTS = ["beian.miit.gov.cn", "BEIAN.MIIT.GOV.CN", "beian。miit。gov。cn", "beian.miit.gov.cn."]
AFTERS = ["", "/", "/login", "#x", "?a", ":443", "/#", "/?a=b", "/x_y", "\\"]
START_GLUES = [*GLUES, "。", "．", "｡", "%", "-", "#", "\u200b", "\u2060", "\u180e", "＿？", "#％"]
START_MIDS = [*SECONDS, "1.2.3.4", "2evil.com", "evil.cn", "备案.中国", "a.evil.com", "evil.com/"]
START_TAILS = ["", "%", "-", "|", "<", "'", "#", "^", "_", "%zz", "/@beian.miit.gov.cn"]


def start_messages(rounds: int = 1) -> list[str]:
    """Every start × scheme × host × after, each with ``rounds`` glues, foreign hosts,
    tails and ends taken in turn (so that every glue, host, tail and end meets every
    scheme): a deterministic set, the same on every run."""
    out = []
    i = 0
    for start in STARTS:
        for scheme in SCHEMES:
            for host in HOSTS:
                for after in AFTERS:
                    for _ in range(rounds):
                        glue = START_GLUES[i % len(START_GLUES)]
                        mid = START_MIDS[(i // 3) % len(START_MIDS)]
                        tail = START_TAILS[(i // 7) % len(START_TAILS)]
                        end = ENDS[(i // 5) % len(ENDS)]
                        out.append(start + scheme + host + after + glue + mid + tail + end)
                        i += 1
    return out


def failures(texts: list[str]) -> list[str]:
    bad = []
    for text in texts:
        try:
            assert_never_official(text)
        except AssertionError:
            bad.append(text)
    return bad


def test_every_start_a_phone_makes_is_read() -> None:
    texts = start_messages()
    assert len(texts) == len(STARTS) * len(SCHEMES) * len(HOSTS) * len(AFTERS)
    bad = failures(texts)
    assert not bad, (len(bad), bad[:20])


@pytest.mark.parametrize(
    "text",
    [
        "请登录https://beian.miit.gov.cn、.evil.com",  # a scheme glued to an ideograph
        "请登录 HTTPS://beian.miit.gov.cn#x｡备案.中国",  # upper-case scheme
        "→https:/BEIAN.MIIT.GOV.CN/#％evil.cn<",  # one slash, upper-case host
        "ｈｔｔｐｓ：／／beian.miit.gov.cn?a～.evil.中国",  # a full-width scheme
        "「beian.miit.gov.c\u200bn\u20601.2.3.4%",  # an invisible character in the host
        "BEIAN.MIIT.GOV.CN/#1.2.3.4，谢谢",
        "请登录http://BEIAN.MIIT.GOV.CN/x_y。evil.com#",
        "👉http://beian.miit.gov.cn。:443｡备案.中国 谢谢",
        "请登录 https:/BEIAN.MIIT.GOV.CN/?a=b(evil.xn--fiqs8s，谢谢",  # a punycode TLD
        "→https://beian.miit%2Egov.cn?a+%evil.com:80@beian.miit.gov.cn",  # no user: a bare %
        "链接:HTTPS://beian.miit%2Egov.cn?a@<evil.xn--fiqs8s^",  # a user, no host after it
    ],
)
def test_the_reviewers_starts(text: str) -> None:
    assert foreign_links(text)
    assert_never_official(text)


@budget(75)
@given(
    st.sampled_from(STARTS),
    st.sampled_from(SCHEMES),
    st.sampled_from(HOSTS),
    st.sampled_from(AFTERS),
    st.text(alphabet="".join(set("".join(START_GLUES))) + ".-_", max_size=3),
    st.sampled_from(START_MIDS),
    st.sampled_from(START_TAILS),
    st.sampled_from(ENDS),
)
def test_no_start_a_phone_makes_is_missed(
    start: str, scheme: str, host: str, after: str, glue: str, mid: str, tail: str, end: str
) -> None:
    assert_never_official(start + scheme + host + after + glue + mid + tail + end)


@pytest.mark.parametrize(
    "text",
    [
        "请登录 https://beian.miit.gov.cn/ 办理",
        "请登录 https://beian.miit.gov.cn 办理",
        "请登录 https://beian.miit.gov.cn/login 办理",
        "官方入口：https://beian.miit.gov.cn/，谢谢",
        "请登录 HTTPS://beian.miit.gov.cn/ 办理",
        "请登录https://beian.miit.gov.cn/办理",
        "请登录 https://beian.miit.gov.cn/。",
    ],
)
def test_a_plain_official_link_in_a_plain_sentence_stays_official(text: str) -> None:
    results = [judge_found(f) for f in extract(text)]
    assert [r.verdict for r in results] == ["official"], (text, results)
