"""A real HTTP server on 127.0.0.1 serving calendars from a folder, with ETag and 304, a
route that fails with 500, and a record of the requests it saw."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class Feeds:
    """The files a test serves, and the requests the server saw."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.requests: list[tuple[str, str | None]] = []
        self.since: list[str | None] = []
        """The If-Modified-Since header of each request."""


def handler(feeds: Feeds) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            feeds.requests.append((self.path, self.headers.get("If-None-Match")))
            feeds.since.append(self.headers.get("If-Modified-Since"))
            if self.path == "/broken":
                self.send_error(500, "Internal Server Error")
                return
            path = feeds.folder / self.path.lstrip("/")
            if not path.is_file():
                self.send_error(404, "Not Found")
                return
            data = path.read_bytes()
            tag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            kind = "text/html" if path.suffix == ".html" else "text/calendar; charset=utf-8"
            self.send_header("Content-Type", kind)
            self.send_header("ETag", tag)
            self.send_header("Last-Modified", "Mon, 05 Jan 2026 10:00:00 GMT")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serving(folder: Path) -> Iterator[tuple[str, Feeds]]:
    """The server's base URL and its Feeds, while the block runs."""
    folder.mkdir(exist_ok=True)
    feeds = Feeds(folder)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler(feeds))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", feeds
    finally:
        httpd.shutdown()
        httpd.server_close()


def serve(feeds: Feeds, name: str, text: str) -> None:
    (feeds.folder / name).write_bytes(text.encode("utf-8"))
