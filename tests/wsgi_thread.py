"""A WSGI application served by waitress on a free port of 127.0.0.1, in a thread (tests)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from waitress.server import create_server


@contextmanager
def serving(app: Any, threads: int = 2) -> Iterator[int]:
    """The port of ``app`` served until the block ends."""
    server = create_server(app, host="127.0.0.1", port=0, threads=threads)
    stopping = threading.Event()

    def run() -> None:
        try:
            server.run()
        except (OSError, ValueError):
            if not stopping.is_set():  # a closed socket while stopping is the normal end
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield int(server.effective_port)
    finally:
        stopping.set()
        server.close()
        thread.join(timeout=5)
        server.task_dispatcher.shutdown()
