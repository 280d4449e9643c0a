"""URLs: ``beianaudit url --file - --format jsonl`` over generated links, against a bare loop.

    python benchmarks/urls.py [--n 1000000] [--json] [--text-only]

Generates ``--n`` links, a mix of every verdict (the official host written in its
accepted forms, government hosts, look-alikes of many shapes with random labels,
unrelated sites, short links, IPs, junk), writes them to a temporary file and runs
the batch mode on them as a user would: a fresh ``beianaudit`` process, output to
/dev/null.  In the same run it times a bare loop over the same links: ada-url
parsing plus tldextract on the host, nothing else.  It prints both rates, their
ratio and the batch process's peak memory at n/10 and n (flat memory: streaming).
Targets (issue 4): at least 100,000 links/s, within 3x of the bare loop.  The batch
also runs, by CPU time (of the child process, start-up included), on a repeated log:
``--n`` lines drawn from 2,000 distinct ones, a few very often (Pareto), as a web log
repeats links; the batch prints a repeated line from its cache, so the two rates
differ and are reported apart.  Then it
times ``--text`` extraction on adversarial shapes (issue 16) at a size and a quarter
of it: linear work keeps the rate, quadratic work quarters it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import timing  # benchmarks/timing.py: the row contract

SCRIPT = Path(sys.executable).with_name("beianaudit")

_TEMPLATES = [
    "https://beian.miit.gov.cn/{path}",
    "HTTPS://BEIAN.MIIT.GOV.CN.:443/{path}",
    "https://beian。miit。gov。cn/{path}",
    "http://beian.miit.gov.cn/{path}",
    "https://{word}.miit.gov.cn/{path}",
    "https://www.{word}.gov.cn/{path}",
    "https://beian.miit.gov.cn.{word}.com/{path}",
    "https://beian.miit.gov.cn@{word}.top/{path}",
    "https://bеian.miit.gov.cn.{word}.cn/{path}",
    "https://{word}-beian.com/{path}",
    "https://miit{word}.cn/{path}",
    "https://beian.miit.gov.{word}/{path}",
    "https://{word}.example.com/{path}",
    "https://www.{word}.com.cn/{path}",
    "https://{word}.中国/{path}",
    "https://备案{word}.cn/{path}",
    "https://www.{word}.com/{path}/{path}?utm_source={word}&utm_medium=sms&utm_campaign={word}#{word}",
    "http://{word}.net/{path}",
    "http://t.cn/{word}",
    "https://10.{n}.{n}.{n}/{path}",
    "javascript:alert('{word}')",
    "{word} {word}",
    "",
]


def generate(n: int, seed: int = 4) -> list[str]:
    rng = random.Random(seed)
    letters = string.ascii_lowercase

    def word() -> str:
        return "".join(rng.choices(letters, k=rng.randint(3, 10)))

    urls = []
    for i in range(n):
        template = _TEMPLATES[i % len(_TEMPLATES)]
        urls.append(
            template.format(
                word=word(),
                path=f"{word()}/{word()}?id={rng.randint(0, 10**6)}",
                n=rng.randint(0, 255),
            )
        )
    return urls


def repeated(lines: list[str], n: int, distinct: int = 2000, seed: int = 4) -> list[str]:
    """``n`` lines drawn from the first ``distinct`` of ``lines``: half of them from a
    Pareto law (a few lines very often, as a log repeats its links), half uniformly."""
    rng = random.Random(seed)
    pool = lines[:distinct]
    last = len(pool) - 1
    return [
        pool[min(int(rng.paretovariate(1.0)) - 1, last)] if rng.random() < 0.5 else rng.choice(pool)
        for _ in range(n)
    ]


def bare_loop(urls: list[str]) -> float:
    """ada-url parsing plus tldextract on the host: the floor of any such tool."""
    import ada_url
    import tldextract

    extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    extractor.extract_str("warm.example.com")
    start = time.perf_counter()
    for url in urls:
        try:
            host = ada_url.URL(url).hostname
        except ValueError:
            continue
        extractor.extract_str(host)
    return time.perf_counter() - start


def batch(path: str, fmt: str = "jsonl", cpu: bool = False) -> tuple[float, int]:
    """Seconds of ``beianaudit url --file PATH --format FMT`` (wall clock, or with ``cpu``
    the child's CPU time) and its peak RSS in KiB."""
    code = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, check=False)\n"
        "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(use.ru_utime + use.ru_stime if sys.argv[1] == 'cpu' "
        "else time.perf_counter() - start, use.ru_maxrss)\n"
    )
    argv = [sys.executable, "-c", code, "cpu" if cpu else "wall"]
    argv += [str(SCRIPT), "url", "--file", path, "--format", fmt]
    seconds, rss = subprocess.run(argv, capture_output=True, text=True, check=True).stdout.split()
    return float(seconds), int(rss)


# Adversarial shapes for ``url --text`` (issue 16): each repeated to the size measured.
# 5 MB of "a备" took 55 s when every dot-less token searched to the end for a dot.
TEXT_SHAPES = {
    "a备": "a备",
    "备案.": "备案.",
    "<a ": "<a ",
    "[x](": "[x](",
    "official#": "https://beian.miit.gov.cn#",
    "arrows": "→x.cn←",
    "official runs on": "https://beian.miit.gov.cn备",
    "scheme and IDN host in brackets": "(https://备案.网址)",
    # Android's link starts (android_links): a start at every label, short hosts and
    # addresses one after another, long chains of labels that read no host.
    "1.2.": "1.2.",
    "a.b.": "a.b.",
    "addresses": "1.1.1.1 ",
    "labels": "a.",
    "digits and dots": "1234.5.67.",
    "CJK and dots": "备.",
    "schemes": "https://",
    "underscores": "x_y.",
}


def text_rows(n: int) -> list[dict]:
    """Extraction rate on each shape at a size and at a quarter of it: the ratio of the two
    rates is near 1 when the work is linear, near 0.25 when it is quadratic."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from beianaudit.urls.extract import extract

    size = max(1 << 16, min(n * 5, 5 << 20))
    rows = []
    for name, shape in TEXT_SHAPES.items():
        rates = []
        for chars in (size // 4, size):
            text = (shape * (chars // len(shape) + 1))[:chars]
            start = time.process_time()  # CPU: the machine is shared, its clock is not ours
            extract(text)
            rates.append(chars / (1 << 20) / max(time.process_time() - start, 1e-6))
        figure = f"url --text extraction, {name!r} x {size / (1 << 20):.2f} MiB, MiB/s"
        rows.append(timing.row(figure, rates[1], "MiB/s", rates[0]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--text-only", action="store_true", help="only the --text shapes")
    args = parser.parse_args()
    if args.text_only:
        rows = text_rows(args.n)
        if args.json:
            print(json.dumps(rows))
        for row in [] if args.json else rows:
            print(f"{row['figure']}: {row['median']:.2f} (ratio {row['ratio']})")
        return
    urls = generate(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "urls.txt")
        small = os.path.join(tmp, "small.txt")
        Path(path).write_text("\n".join(urls) + "\n", encoding="utf-8")
        Path(small).write_text("\n".join(urls[: max(1, args.n // 10)]) + "\n", encoding="utf-8")
        log = os.path.join(tmp, "log.txt")
        Path(log).write_text("\n".join(repeated(urls, args.n)) + "\n", encoding="utf-8")
        bare = bare_loop(urls)
        seconds, rss = batch(path)
        compact_seconds, _ = batch(path, "compact")
        _, rss_small = batch(small)
        cpu = {
            (source, fmt): args.n / batch(file, fmt, cpu=True)[0]
            for source, file in (("unique", path), ("repeated", log))
            for fmt in ("compact", "jsonl")
        }
    rate, bare_rate = args.n / seconds, args.n / bare
    compact = args.n / compact_seconds
    # Rows as timing.row makes them: ratio = median / baseline, so for the batch rate
    # it is the fraction of the bare loop's rate (the target, within 3x, is >= 0.33).
    rows = [
        timing.row("url batch (jsonl), links/s", rate, "1/s", bare_rate),
        timing.row("url batch (compact: verdict fields only), links/s", compact, "1/s", bare_rate),
        timing.row("url bare loop (ada-url + tldextract), links/s", bare_rate, "1/s"),
        timing.row(f"url batch peak RSS at n={args.n}", rss / 1024, "MiB", rss_small / 1024),
    ]
    cpu_rows = [
        timing.row(f"url batch ({fmt}, {source} lines), links per CPU s", value, "1/s")
        for (source, fmt), value in cpu.items()
    ]
    rows += cpu_rows + text_rows(args.n)
    if args.json:
        print(json.dumps(rows))
        return
    print(f"{args.n:,} links, one run (a shared 2-core machine: figures are noisy)")
    print(f"  batch:     {rate:12,.0f} links/s  (target >= 100,000)")
    print(f"  compact:   {compact:12,.0f} links/s  (--format compact: verdict fields only)")
    print(f"  bare loop: {bare_rate:12,.0f} links/s  (ada-url + tldextract only)")
    print(f"  batch is {bare_rate / rate:.1f}x slower than the bare loop (target <= 3x)")
    print(f"  peak RSS:  {rss / 1024:.0f} MiB at n={args.n:,}, {rss_small / 1024:.0f} MiB at n/10")
    print("  by CPU time (start-up included); repeated: 2,000 distinct lines, a log's repeats:")
    for row in cpu_rows:
        print(f"    {row['figure']}: {row['median']:,.0f}")
    print("  --text extraction (ratio: rate at the size / rate at a quarter; ~1 is linear):")
    for row in rows[4 + len(cpu_rows) :]:
        print(f"    {row['figure']}: {row['median']:.2f} (ratio {row['ratio']})")


if __name__ == "__main__":
    main()
