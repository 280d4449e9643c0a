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
and no D-Bus session (also answered without keyring), and "password, keyring
searched" the same with a D-Bus address set (to no bus), so that keyring is imported
and searches its backends, as on a desktop.
``--json`` prints the rows of the benchmark contract (see benchmarks/run_all.py).
"""

from __future__ import annotations

import argparse
import json
import os
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


def commands() -> dict[str, Command]:
    sample = str(ROOT / "samples" / "personal.toml")
    bare = [sys.executable, "-c", "import click"]
    score = "import sys\nfrom zxcvbn import zxcvbn\nzxcvbn(sys.stdin.readline().rstrip())"
    me = str(SCRIPT)
    return {
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
        # The same with a D-Bus address (a desktop's, here to no bus): keyring imported and
        # its backends searched (here also keyrings.alt's files, a test dependency).
        "password, keyring searched": (
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
        "beianaudit check --password-stdin": (
            [me, "check", "--password-stdin", "--config", sample],
            PASSWORD + "\n",
            ZXCVBN,
        ),
    }


def _without_keyring(args: list[str]) -> str:
    return (
        "import sys\nsys.modules['keyring'] = None\n"
        f"sys.argv = ['beianaudit', *{args!r}]\n"
        "from beianaudit.entry import main\nmain()\n"
    )


def _keyring_searched(args: list[str], **env: str) -> str:
    """The command with the keyring not named, and without a D-Bus session or display
    unless ``env`` sets one."""
    session = ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR")
    return (
        "import os, sys\nos.environ.pop('PYTHON_KEYRING_BACKEND', None)\n"
        f"for v in {session!r}: os.environ.pop(v, None)\n"
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


def measure(runs: int, only: str = "") -> tuple[dict[str, list[float]], dict[str, str]]:
    """CPU ms of each command in every round, and each command's baseline (``only``:
    the commands whose name contains it, with their baselines)."""
    cmds = commands()
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
