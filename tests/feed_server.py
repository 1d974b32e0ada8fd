"""The feed server on a free port of 127.0.0.1 (waitress in a thread), for the tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from waitress.server import create_server

from paddock_desk.services.feeds_http import make_app
from paddock_desk.store.database import Database


@contextmanager
def feed_server(db: Database) -> Iterator[str]:
    """The base URL (``http://127.0.0.1:PORT``) of a running feed server on ``db``."""
    server = create_server(make_app(db), host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=5)
