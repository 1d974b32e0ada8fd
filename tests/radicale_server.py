"""A real CalDAV server for the tests: Radicale on 127.0.0.1, storage in a temporary folder,
logins checked against an htpasswd file (served by waitress in a thread)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import radicale
import radicale.config
from wsgi_thread import serving

USER = "anna"
PASSWORD = "s3cret pass"


@dataclass(frozen=True)
class CalDavServer:
    base: str
    folder: Path

    def calendar_url(self, name: str = "season") -> str:
        return f"{self.base}/{USER}/{name}/"


@contextmanager
def radicale_server(folder: Path) -> Iterator[CalDavServer]:
    folder.mkdir(parents=True, exist_ok=True)
    users = folder / "users"
    users.write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    config = radicale.config.load([])
    config.update(
        {
            "storage": {"filesystem_folder": str(folder / "collections")},
            "auth": {"type": "htpasswd", "htpasswd_filename": str(users),
                     "htpasswd_encryption": "plain", "delay": "0"},
            "rights": {"type": "owner_only"},
            "logging": {"level": "error", "mask_passwords": "True"},
        },
        "test",
        privileged=True,
    )
    with serving(radicale.Application(config), threads=4) as port:
        yield CalDavServer(f"http://127.0.0.1:{port}", folder)
