"""Cold start: every everyday command as a fresh process, against its bare baseline.

    python benchmarks/cold_start.py [--n 20] [--json] [--only TEXT]

Each command runs as a fresh process (output to a pipe, a temporary home for the
config, data and keyring folders, bytecode cached as after an install), interleaved
round by round with its baseline so that machine noise hits both alike.  The figure
is CPU time (user + system of the child, from ``wait4``), which a loaded machine
disturbs far less than wall time; the ratio is the median over the rounds of each
round's command / baseline pair.

Baselines: ``python -c 'import click'`` for every command, and for ``password`` and
``check --password-stdin`` a bare process that imports zxcvbn and scores the same
password.  Targets (issue 20): at most 2.5x the click baseline (``check``, ``plan``,
``remind``, ``contacts show``, ``url`` with one link, ``id`` with one value,
``journal list``); at most 3x the zxcvbn baseline for the password commands.
The keyring is turned off by name (``PYTHON_KEYRING_BACKEND`` set to keyring's
``fail`` backend, as on a server), which BA107 answers without importing keyring;
"password, keyring not named, no D-Bus" is the same command with the variable unset
and no D-Bus session (also answered without keyring), "stale D-Bus address" the same
with an address whose socket is gone (also answered without keyring).  Where
``dbus-daemon`` is installed, a session bus of the benchmark's own stands for a
desktop without a Secret Service: keyring is imported and SecretService asks the bus,
then keyring searches all its backends and plugins (here keyrings.alt, a test
dependency), or, in the "no plugin" row (site-packages seen without keyrings.alt, as
installed without the test extras), its choice is known without that search.
``--json`` prints the rows of the benchmark contract (see benchmarks/run_all.py).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).with_name("beianaudit")
CLICK = "python -c 'import click'"
ZXCVBN = "python: import zxcvbn, score the password"
PASSWORD = "Zhangwei1990!"  # noqa: S105 - a made-up password of the sample's subject

Command = tuple[list[str], str | None, str]  # argv, stdin, baseline name


KEYRING_SEARCHED = "password, D-Bus session, no Secret Service"


def commands(bus: str = "", without_plugins: str = "") -> dict[str, Command]:
    """The commands; ``bus``: a D-Bus session's address (the desktop rows, else left
    out); ``without_plugins``: a copy of site-packages without keyrings.alt."""
    sample = str(ROOT / "samples" / "personal.toml")
    bare = [sys.executable, "-c", "import click"]
    score = "import sys\nfrom zxcvbn import zxcvbn\nzxcvbn(sys.stdin.readline().rstrip())"
    me = str(SCRIPT)
    out: dict[str, Command] = {
        CLICK: (bare, None, CLICK),
        ZXCVBN: ([sys.executable, "-c", score], PASSWORD + "\n", CLICK),
        "beianaudit --help": ([me, "--help"], None, CLICK),
        "beianaudit check": ([me, "check", "--config", sample], None, CLICK),
        # Without a config (none in the temporary home) plan needs the subject's type:
        # without --subject it stops at once with a usage error (exit 2).
        "beianaudit plan --situation forgot --subject personal": (
            [me, "plan", "--situation", "forgot", "--subject", "personal"],
            None,
            CLICK,
        ),
        # With the sample (as benchmarks/plan.py): the self-check runs the BA2-BA4 checks.
        "beianaudit plan --situation forgot --config": (
            [me, "plan", "--situation", "forgot", "--config", sample],
            None,
            CLICK,
        ),
        "beianaudit remind": ([me, "remind", "--config", sample], None, CLICK),
        "beianaudit contacts show": ([me, "contacts", "show", "--config", sample], None, CLICK),
        "beianaudit url (official link)": ([me, "url", "https://beian.miit.gov.cn/"], None, CLICK),
        "beianaudit url (look-alike link)": (
            [me, "url", "https://beian.miit.gov.cn.example.com/"],
            None,
            CLICK,
        ),
        "beianaudit id (one value)": ([me, "id", "330106199003071236"], None, CLICK),
        "beianaudit journal list": ([me, "journal", "list"], None, CLICK),
        "beianaudit password --password-stdin": (
            [me, "password", "--password-stdin", "--config", sample],
            PASSWORD + "\n",
            ZXCVBN,
        ),
        # What is left (issue 20): the same without keyring (BA107 then says "no keyring").
        "password, keyring not importable": (
            [
                sys.executable,
                "-c",
                _without_keyring(["password", "--password-stdin", "--config", sample]),
            ],
            PASSWORD + "\n",
            ZXCVBN,
        ),
        # The keyring not turned off by name, on a machine without a D-Bus session (a
        # server, SSH): no backend beianaudit trusts can run, known without keyring.
        "password, keyring not named, no D-Bus": (
            [
                sys.executable,
                "-c",
                _keyring_searched(["password", "--password-stdin", "--config", sample]),
            ],
            PASSWORD + "\n",
            ZXCVBN,
        ),
        # The same with a D-Bus address whose socket is gone (a terminal multiplexer or
        # su outliving the login session): known without keyring as well.
        "password, stale D-Bus address": (
            [
                sys.executable,
                "-c",
                _keyring_searched(
                    ["password", "--password-stdin", "--config", sample],
                    DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/beianaudit-bench-bus",
                ),
            ],
            PASSWORD + "\n",
            ZXCVBN,
        ),
    }
    if bus:
        # A desktop's D-Bus session (a real bus, started for the benchmark) without a
        # Secret Service: keyring imported, SecretService asks the bus and is refused,
        # then keyring's whole search (here with keyrings.alt, a test dependency)...
        out[KEYRING_SEARCHED] = (
            [
                sys.executable,
                "-c",
                _keyring_searched(
                    ["password", "--password-stdin", "--config", sample],
                    DBUS_SESSION_BUS_ADDRESS=bus,
                ),
            ],
            PASSWORD + "\n",
            ZXCVBN,
        )
        # ...and the same as installed without the test extras: no keyring plugin, so
        # keyring's choice (its fail backend) is known without its search.
        out[KEYRING_SEARCHED + ", no plugin"] = (
            [
                sys.executable,
                "-c",
                _keyring_searched(
                    ["password", "--password-stdin", "--config", sample],
                    hide=without_plugins,
                    DBUS_SESSION_BUS_ADDRESS=bus,
                ),
            ],
            PASSWORD + "\n",
            ZXCVBN,
        )
    out["beianaudit check --password-stdin"] = (
        [me, "check", "--password-stdin", "--config", sample],
        PASSWORD + "\n",
        ZXCVBN,
    )
    return out


def _without_keyring(args: list[str]) -> str:
    return (
        "import sys\nsys.modules['keyring'] = None\n"
        f"sys.argv = ['beianaudit', *{args!r}]\n"
        "from beianaudit.entry import main\nmain()\n"
    )


def _keyring_searched(args: list[str], hide: str = "", **env: str) -> str:
    """The command with the keyring not named, and without a D-Bus session or display
    unless ``env`` sets one; ``hide``: a folder that stands for site-packages."""
    session = ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR")
    site = str(Path(importlib.util.find_spec("keyring").origin).parent.parent)
    swap = f"sys.path[:] = [{hide!r} if p == {site!r} else p for p in sys.path]\n"
    return (
        "import os, sys\nos.environ.pop('PYTHON_KEYRING_BACKEND', None)\n"
        + (swap if hide else "")
        + f"for v in {session!r}: os.environ.pop(v, None)\n"
        f"os.environ.update({env!r})\n"
        f"sys.argv = ['beianaudit', *{args!r}]\n"
        "from beianaudit.entry import main\nmain()\n"
    )


def cpu_ms(argv: list[str], stdin: str | None, env: dict[str, str]) -> float:
    """User + system CPU time of one run of ``argv``, in milliseconds."""
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert proc.stdin is not None
    try:
        proc.stdin.write((stdin or "").encode())
        proc.stdin.close()
    except BrokenPipeError:
        pass
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return (usage.ru_utime + usage.ru_stime) * 1000


@contextlib.contextmanager
def session_bus():  # -> Iterator[str]
    """A D-Bus session bus of its own (``dbus-daemon --session``), its address; ``""``
    where dbus-daemon is not installed."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        yield ""
        return
    proc = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": ""},
    )
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait()


def site_without_plugins(folder: str) -> str:
    """``folder`` filled with links to site-packages' entries but keyrings.alt's (its
    package and its dist-info): keyring's plugin, a test dependency, as if not installed."""
    site = Path(importlib.util.find_spec("keyring").origin).parent.parent
    for entry in site.iterdir():
        if not entry.name.startswith("keyrings"):
            os.symlink(entry, os.path.join(folder, entry.name))
    return folder


def measure(runs: int, only: str = "") -> tuple[dict[str, list[float]], dict[str, str]]:
    """CPU ms of each command in every round, and each command's baseline (``only``:
    the commands whose name contains it, with their baselines)."""
    with session_bus() as bus, tempfile.TemporaryDirectory() as farm:
        return _measure(commands(bus, site_without_plugins(farm)), runs, only)


def _measure(
    cmds: dict[str, Command], runs: int, only: str
) -> tuple[dict[str, list[float]], dict[str, str]]:
    if only:
        keep = {name for name in cmds if only in name}
        keep |= {cmds[name][2] for name in keep} | {CLICK}
        cmds = {name: cmd for name, cmd in cmds.items() if name in keep}
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "HOME": home,
            "XDG_CONFIG_HOME": f"{home}/config",
            "XDG_DATA_HOME": f"{home}/data",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        env.pop("BEIANAUDIT_CONFIG", None)
        # As an installed package runs: its bytecode cached (written by the warm-up run).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        times: dict[str, list[float]] = {name: [] for name in cmds}
        for argv, stdin, _ in cmds.values():  # warm the file cache once
            cpu_ms(argv, stdin, env)
        for _ in range(runs):
            for name, (argv, stdin, _) in cmds.items():
                times[name].append(cpu_ms(argv, stdin, env))
    return times, {name: base for name, (_, _, base) in cmds.items()}


def rows(times: dict[str, list[float]], bases: dict[str, str]) -> list[dict]:
    out = []
    for name, t in times.items():
        base = None if name == CLICK else bases[name]
        ratios = [a / b for a, b in zip(t, times[base], strict=True)] if base else []
        out.append(
            {
                "figure": f"cold start (cpu): {name}",
                "median": round(statistics.median(t), 2),
                "unit": "ms",
                "baseline": round(statistics.median(times[base]), 2) if base else None,
                "ratio": round(statistics.median(ratios), 3) if base else None,
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", "--runs", dest="runs", type=int, default=20, help="rounds")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--only", default="", help="only the commands whose name has this")
    args = parser.parse_args()
    result = rows(*measure(max(args.runs, 1), args.only))
    if args.json:
        print(json.dumps(result))
        return
    print(f"{'command (CPU time)':50} {'median ms':>10} {'base ms':>8} {'ratio':>7}")
    for r in result:
        base = "-" if r["baseline"] is None else f"{r['baseline']:.1f}"
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}"
        name = r["figure"].removeprefix("cold start (cpu): ")
        print(f"{name:50} {r['median']:10.1f} {base:>8} {ratio:>7}")


if __name__ == "__main__":
    main()
