"""A throwaway PostgreSQL server for the tests when PADDOCK_DESK_TEST_PG names none.

It runs PostgreSQL's own programs (initdb, pg_ctl) from the installed server package on
127.0.0.1 and a free port, with its data in a temporary folder, and removes it at the end. As
root, the server runs as the ``postgres`` user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def server_bin() -> Path | None:
    """The folder of PostgreSQL's server programs, or None when none is installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ThrowawayServer:
    """initdb + pg_ctl start in a temporary folder; ``url`` names its empty test database."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="paddock-desk-test-pg-"))
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            os.chmod(self.dir, 0o755)
            uid = pwd.getpwnam("postgres").pw_uid
            os.chown(self.dir, uid, -1)

    def _run(self, *args: str) -> None:
        argv = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        subprocess.run(argv, check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        data = self.dir / "data"
        self._run("initdb", "-D", str(data), "-U", "paddock", "--auth=trust", "-E", "UTF8")
        options = f"-h 127.0.0.1 -p {self.port} -k {self.dir}"
        self._run("pg_ctl", "-D", str(data), "-l", str(self.dir / "server.log"),
                  "-o", options, "-w", "start")
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "paddock",
                  "paddock_test")
        return f"postgresql+psycopg://paddock@127.0.0.1:{self.port}/paddock_test"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
