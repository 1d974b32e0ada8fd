"""`paddock-desk serve`: serve the subscription feeds over HTTP (waitress, read-only)."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from paddock_desk.cli.context import open_db
from paddock_desk.domain.errors import PaddockError


def register(sub: Any) -> str:
    p = sub.add_parser(
        "serve",
        help="serve the subscription feeds (/feeds/TOKEN.ics and .html) over HTTP",
        description="Serve every feed of 'paddock-desk feeds' read-only with a production WSGI "
        "server (waitress): /feeds/TOKEN.ics for calendar programs, /feeds/TOKEN.html as a page "
        "for phones. The database is read for every request, so edits show at once. Binds "
        "127.0.0.1 unless told; put it behind a reverse proxy for https.",
    )
    p.add_argument("--host", default="127.0.0.1", help="the address to listen on "
                   "(default 127.0.0.1; 0.0.0.0 for every interface)")
    p.add_argument("--port", type=int, default=8765, help="the port (default 8765)")
    p.add_argument("--base-url", metavar="URL", help="the public address the feeds are reached "
                   "at, e.g. https://team.example/ (kept for 'feeds' and the app)")
    p.add_argument("--threads", type=int, default=4, help=argparse.SUPPRESS)
    return "serve"


def run(args: argparse.Namespace) -> int:
    from waitress.server import create_server

    from paddock_desk.services.feeds import set_base_url
    from paddock_desk.services.feeds_http import make_app

    if not 0 < args.port < 65536:
        raise PaddockError(f"{args.port} is not a port number (1-65535).")
    db = open_db(args)
    if args.base_url:
        set_base_url(db, args.base_url)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        server = create_server(make_app(db), host=args.host, port=args.port,
                               threads=args.threads, ident="paddock-desk")
    except OSError as exc:
        db.close()
        raise PaddockError(f"Cannot listen on {args.host}:{args.port}: {exc.strerror}.") from None
    print(f"Serving feeds at http://{args.host}:{server.effective_port}/feeds/ "
          "(Ctrl+C to stop)", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        db.close()
    return 0
