"""Maintain the gettext catalogs under beianaudit/locale/.

    python tools/catalogs.py missing          # msgids in the code that a catalog lacks
    python tools/catalogs.py add DOMAIN [PATH…]  # append them to DOMAIN.po (zh_CN and en),
                                                 # only those first used under PATH… if given
    python tools/catalogs.py prune            # drop entries no code uses any more (not
                                              # messages.po: click's own strings)
    python tools/catalogs.py compile          # .po -> .mo, after every edit of a .po

Message ids are the English text of every ``_("…")``, ``N_("…")`` and
``ngettext("…", "…", n)`` call in beianaudit/ and checks/, plus the first
docstring line of every function decorated with ``@check`` (shown by
``beianaudit checks``).  The tests import this module to prove that every
message has its Chinese translation and that the compiled catalogs are current.
"""

from __future__ import annotations

import ast
import string
import sys
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "beianaudit", ROOT / "checks")
LOCALE = ROOT / "beianaudit" / "locale"
LANGS = ("zh_CN", "en")
Msgid = str | tuple[str, str]  # a plain message, or (singular, plural)


def extract() -> dict[Msgid, str]:
    """Every message id in the sources, with the first place it is used."""
    found: dict[Msgid, str] = {}
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for lineno, msgid in _messages(tree):
                found.setdefault(msgid, f"{path.relative_to(ROOT)}:{lineno}")
    return found


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _messages(tree: ast.AST) -> Iterator[tuple[int, Msgid]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = [_literal(a) for a in node.args]
            if node.func.id in ("_", "N_") and args and args[0]:
                yield node.lineno, args[0]
            elif node.func.id == "ngettext" and len(args) >= 2 and args[0] and args[1]:
                yield node.lineno, (args[0], args[1])
        elif isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Call) and getattr(d.func, "id", "") == "check"
            for d in node.decorator_list
        ):
            doc = ast.get_docstring(node)
            if doc:
                yield node.lineno, doc.strip().splitlines()[0]


def catalogs(lang: str):  # -> list[babel.messages.Catalog]
    from babel.messages.pofile import read_po

    folder = LOCALE / lang / "LC_MESSAGES"
    result = []
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=po.stem)
        catalog.path = po
        result.append(catalog)
    return result


def translations(lang: str) -> dict[Msgid, str | tuple[str, ...]]:
    """msgid -> msgstr over all of ``lang``'s catalogs (empty msgstr included)."""
    merged: dict[Msgid, str | tuple[str, ...]] = {}
    for catalog in catalogs(lang):
        for message in catalog:
            if message.id:
                merged[message.id if isinstance(message.id, str) else tuple(message.id)] = (
                    message.string
                )
    return merged


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def missing(lang: str) -> dict[Msgid, str]:
    """Message ids of the code that ``lang`` lacks (for zh_CN: or leaves untranslated)."""
    have = translations(lang)
    result = {}
    for msgid, where in extract().items():
        if msgid not in have or (lang != "en" and not _complete(have[msgid])):
            result[msgid] = where
    return result


def _complete(msgstr: str | tuple[str, ...]) -> bool:
    return all(msgstr) if isinstance(msgstr, tuple) else bool(msgstr)


def add(domain: str, paths: tuple[str, ...] = ()) -> int:
    """Append the message ids each language lacks to its ``domain``.po.

    With ``paths``, only the messages first used in a file under one of them, so
    that work on one feature does not sweep another's messages into its catalog.
    """
    from babel.messages.catalog import Catalog

    count = 0
    for lang in LANGS:
        have = translations(lang)
        path = LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            catalog = _read(path, lang)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, domain=domain, project="beianaudit")
        for msgid, where in extract().items():
            if msgid not in have and (not paths or where.startswith(paths)):
                file, line = where.rsplit(":", 1)
                catalog.add(msgid, locations=[(file, int(line))])
                count += 1
        _write(path, catalog)
    return count


def prune() -> int:
    """Drop the entries whose message id no code uses any more, in every language.

    ``messages.po`` is left alone: it holds click's own strings, not ours."""
    used = set(extract())
    count = 0
    for lang in LANGS:
        for path in sorted((LOCALE / lang / "LC_MESSAGES").glob("*.po")):
            if path.stem == "messages":
                continue
            catalog = _read(path, lang)
            dead = [m for m in catalog if m.id and _key(m.id) not in used]
            for message in dead:
                catalog.delete(message.id, message.context)
            if dead:
                _write(path, catalog)
                count += len(dead)
    return count


def _key(msgid: str | tuple[str, ...] | list[str]) -> Msgid:
    return msgid if isinstance(msgid, str) else (msgid[0], msgid[1])


def _read(path: Path, lang: str):  # -> babel.messages.Catalog
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=path.stem)


def _write(path: Path, catalog) -> None:  # catalog: babel.messages.Catalog
    from babel.messages.pofile import write_po

    buffer = BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, sort_output=False)
    path.write_bytes(buffer.getvalue())


def compile_all() -> list[Path]:
    from babel.messages.mofile import write_mo

    written = []
    for lang in LANGS:
        for catalog in catalogs(lang):
            mo = catalog.path.with_suffix(".mo")
            buffer = BytesIO()
            write_mo(buffer, catalog)
            if not mo.exists() or mo.read_bytes() != buffer.getvalue():
                mo.write_bytes(buffer.getvalue())
                written.append(mo)
    return written


def _po_entry(msgid: Msgid, where: str) -> str:
    def quote(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    if isinstance(msgid, tuple):
        return (
            f'#: {where}\nmsgid {quote(msgid[0])}\nmsgid_plural {quote(msgid[1])}\nmsgstr[0] ""\n'
        )
    return f'#: {where}\nmsgid {quote(msgid)}\nmsgstr ""\n'


def main(argv: list[str]) -> int:
    if argv[:1] == ["missing"]:
        gaps = {lang: missing(lang) for lang in LANGS}
        for lang, entries in gaps.items():
            for msgid, where in entries.items():
                print(f"# {lang}\n{_po_entry(msgid, where)}")
        return int(any(gaps.values()))
    if argv[:1] == ["add"] and len(argv) >= 2:
        count = add(argv[1], tuple(argv[2:]))
        print(f"added {count} entries; translate them, then run: compile")
        return 0
    if argv[:1] == ["prune"]:
        print(f"dropped {prune()} entries no code uses; then run: compile")
        return 0
    if argv[:1] == ["compile"]:
        for path in compile_all():
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
