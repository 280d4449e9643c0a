"""``python -m tests.keyring_child ARGS…``: beianaudit with a keyring it trusts.

For the pseudo-terminal tests, which run beianaudit as a process of its own: the
``--remember`` question is asked only when a keyring that encrypts is there, and a
test machine has none.  This stands one in: a JSON file named by
``$BEIANAUDIT_TEST_KEYRING`` (plaintext, so that the test can read what was kept),
added to beianaudit's list of trusted backends in this process only.  Test code;
beianaudit itself has no switch that trusts a backend.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class JsonFileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def _load(self) -> dict[str, str]:
        return json.loads(self.path.read_text("utf-8")) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        self.path.write_text(json.dumps(data), "utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self.path.write_text(json.dumps(data), "utf-8")


def main() -> None:
    import keyring

    from beianaudit.entry import main as beianaudit
    from beianaudit.password import store

    backend = JsonFileKeyring(Path(os.environ["BEIANAUDIT_TEST_KEYRING"]))
    keyring.set_keyring(backend)
    store.ENCRYPTING = store.ENCRYPTING | {store.name_of(backend)}
    beianaudit()


if __name__ == "__main__":
    main()
