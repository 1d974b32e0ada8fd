"""The feed server on a free port of 127.0.0.1 (waitress in a thread), for the tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from wsgi_thread import serving

from paddock_desk.services.feeds_http import make_app
from paddock_desk.store.database import Database


@contextmanager
def feed_server(db: Database) -> Iterator[str]:
    """The base URL (``http://127.0.0.1:PORT``) of a running feed server on ``db``."""
    with serving(make_app(db)) as port:
        yield f"http://127.0.0.1:{port}"
