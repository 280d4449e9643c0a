"""Fill msgstr values of a catalog from a Python mapping (a translator's helper).

    python tools/fill_po.py beianaudit/locale/zh_CN/LC_MESSAGES/core.po mapping.py

``mapping.py`` defines ``ZH = {msgid: msgstr}``; a plural msgid is a
``(singular, plural)`` tuple and its msgstr a tuple of forms.  Entries already
translated are left alone unless the mapping names them.
"""

from __future__ import annotations

import runpy
import sys
from io import BytesIO
from pathlib import Path


def main(po_path: str, mapping_path: str) -> int:
    from babel.messages.pofile import read_po, write_po

    mapping = runpy.run_path(mapping_path)["ZH"]
    path = Path(po_path)
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=path.parts[-3], domain=path.stem)
    filled = 0
    for message in catalog:
        key = message.id if isinstance(message.id, str) else tuple(message.id)
        if message.id and key in mapping:
            message.string = mapping[key]
            filled += 1
    buffer = BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False)
    path.write_bytes(buffer.getvalue())
    print(f"filled {filled} of {len(catalog)} messages in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
