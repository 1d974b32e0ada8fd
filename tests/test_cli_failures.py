"""Every command meets a broken database, URL or disk with one sentence and exit 1 (2 for a
--db that is not a database), never a traceback, always naming the file or server.

Run as a user runs them: `python -m paddock_desk` in a subprocess. A full disk and read-only
files and folders are real: a small tmpfs and read-only bind mounts in a private mount
namespace (`unshare`), so that they hold for root too; those tests skip where the kernel does
not allow such namespaces.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from csv_support import CIRCUITS, write

READ_COMMANDS = (
    ("clashes",),
    ("clashes", "--json"),
    ("substitutes", "--series", "Blancpain GT Series Asia", "--round", "1"),
    ("export-ics", "--all", "-o", "{out}/all.ics"),
)


def cli(*argv: str | Path, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    command = [*prefix, sys.executable, "-m", "paddock_desk", *map(str, argv)]
    env = {k: v for k, v in os.environ.items() if k != "PADDOCK_DESK_DB"}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def refused(done: subprocess.CompletedProcess[str], status: int, sentence: str) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == status, done.stderr
    assert sentence in done.stderr
    assert done.stderr.startswith("paddock-desk: ")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "season.db"
    assert cli("--db", path, "demo").returncode == 0
    with sqlite3.connect(path) as conn:  # one file, no -wal beside it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def season(demo_file: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "season"
    folder.mkdir()
    return Path(shutil.copy(demo_file, folder / "season.db"))


def _damage(path: Path) -> None:
    """Garbage over the middle third of the file (its header page left whole)."""
    data = bytearray(path.read_bytes())
    third = len(data) // 3
    data[third : 2 * third] = bytes((i * 7919 + 13) % 256 for i in range(third))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("command", [*READ_COMMANDS, ("import", "{out}/circuits.csv")])
def test_a_damaged_file_is_named_with_what_to_do(
    season: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    _damage(season)
    write(tmp_path, "circuits.csv", CIRCUITS)
    argv = [part.format(out=tmp_path) for part in command]
    done = cli("--db", season, *argv)
    refused(done, 1, f"the database file {season} is damaged; restore a copy from a backup")
    assert not (tmp_path / "all.ics").exists()


def test_a_file_that_is_no_database_is_refused_untouched(tmp_path: Path) -> None:
    notes = write(tmp_path, "notes.db", "tyres, fuel, tape\n" * 200)
    done = cli("--db", notes, "clashes")
    refused(done, 1, f"{notes} is not a database file, or it is damaged; restore a copy")
    assert notes.read_text().startswith("tyres, fuel")


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        ("mysql://manager:s3cret@db.example/season",
         "the database URL mysql://manager:***@db.example/season names mysql; Paddock Desk "
         "keeps seasons in SQLite files or on PostgreSQL servers"),
        ("postgresql+nodriver://manager:s3cret@db.example/season",
         "the database URL postgresql+nodriver://manager:***@db.example/season names the "
         "driver 'nodriver', which Paddock Desk does not use; write postgresql+psycopg://"),
        ("postgresql://manager:s3cret@db.example:fivefourthree/season",
         "the database URL postgresql://manager:***@db.example:fivefourthree/season has a "
         "port that is not a number ('fivefourthree')"),
        ("://manager:s3cret@", "is not a database URL; give a file path, sqlite:///FILE"),
    ],
)
def test_a_db_that_is_no_database_url_is_bad_usage(url: str, sentence: str) -> None:
    for command in (("clashes",), ("import", "x.csv"), ("demo",)):
        done = cli("--db", url, *command)
        refused(done, 2, sentence)
        assert "s3cret" not in done.stderr


def test_an_unreachable_server_is_named_without_its_password() -> None:
    done = cli("--db", "postgresql+psycopg://manager:s3cret@127.0.0.1:1/season", "clashes")
    refused(done, 1, "cannot reach the database server 127.0.0.1:1 (for "
            "postgresql+psycopg://manager:***@127.0.0.1:1/season): it refused the connection")
    assert "s3cret" not in done.stderr


def test_a_folder_named_as_the_database_is_explained(tmp_path: Path) -> None:
    done = cli("--db", tmp_path, "clashes")
    refused(done, 1, f"{tmp_path} is a folder, not a database file (name a file such as "
            f"{tmp_path / 'season.db'})")


def test_a_folder_that_cannot_be_created_is_named(tmp_path: Path) -> None:
    blocker = write(tmp_path, "team", "a file where a folder should be")
    done = cli("--db", blocker / "2025" / "season.db", "demo")
    refused(done, 1, f"Cannot create the folder {blocker / '2025'} for the database season.db")


def test_a_locked_database_names_the_file_and_the_other_writer(season: Path) -> None:
    circuits = write(season.parent, "circuits.csv", CIRCUITS)
    other = sqlite3.connect(season, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE drivers SET nationality = 'XX'")
        done = cli("--db", season, "import", circuits)
        refused(done, 1, f"another import is running on this database, or another program is "
                f"writing to {season}; nothing was imported. Try again when it has finished.")
        assert cli("--db", season, "clashes").returncode == 0  # readers go on meanwhile
    finally:
        other.execute("ROLLBACK")
        other.close()


# ---- real full disks and read-only mounts, in a private mount namespace ---------------------


@pytest.fixture(scope="module")
def namespaces() -> Iterator[None]:
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs tmpfs /mnt"], capture_output=True
    )
    if probe.returncode != 0:
        pytest.skip("this kernel allows no private mount namespace here")
    yield


def mounted(setup: str) -> tuple[str, ...]:
    """A prefix that runs a command after ``setup`` (shell mounts) in a private namespace."""
    return ("unshare", "-rm", "sh", "-c", f'{setup} && exec "$@"', "sh")


def read_only(path: Path) -> str:
    return f"mount --bind '{path}' '{path}' && mount -o remount,bind,ro '{path}'"


def test_a_full_disk_refuses_the_import_and_keeps_the_season(
    namespaces: None, demo_file: Path, tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    drivers = tmp_path / "drivers.csv"
    drivers.write_text(
        "driver,nationality,home_tz\n"
        + "".join(f"Driver number {i:06d},CH,Europe/Zurich\n" for i in range(20000))
    )
    db = disk / "season.db"
    setup = f"mount -t tmpfs -o size=400k tmpfs '{disk}' && cp '{demo_file}' '{db}'"
    paddock = f"{sys.executable} -m paddock_desk --db '{db}'"
    script = f"{setup} && {paddock} import '{drivers}'; echo \"exit $?\"; {paddock} clashes"
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True)
    refused(done, 0, f"paddock-desk: the disk holding {db} is full: free some space and try "
            "again; nothing was imported")
    assert done.stdout.startswith("exit 1\n")  # the import; then the season is still whole:
    assert "Alexandre Imperatori: 2 clashes" in done.stdout


def test_read_commands_work_in_a_read_only_folder_and_writes_are_refused(
    namespaces: None, season: Path, tmp_path: Path
) -> None:
    prefix = mounted(read_only(season.parent))
    for command in READ_COMMANDS:
        argv = [part.format(out=tmp_path) for part in command]
        done = cli("--db", season, *argv, prefix=prefix)
        assert (done.returncode, done.stderr) == (0, ""), command
    assert (tmp_path / "all.ics").read_text().startswith("BEGIN:VCALENDAR")
    circuits = write(tmp_path, "circuits.csv", CIRCUITS)
    done = cli("--db", season, "import", circuits, prefix=prefix)
    refused(done, 1, f"{season} is read-only (the file or its folder cannot be written)")
    done = cli("--db", season.parent / "new.db", "demo", prefix=prefix)
    refused(done, 1, f"cannot create {season.parent / 'new.db'}: its folder "
            f"{season.parent} cannot be written")


def test_a_read_only_file_is_read_but_not_written(
    namespaces: None, season: Path, tmp_path: Path
) -> None:
    prefix = mounted(read_only(season))
    done = cli("--db", season, "clashes", prefix=prefix)
    assert (done.returncode, done.stderr) == (0, "")
    assert "Alexandre Imperatori: 2 clashes" in done.stdout
    circuits = write(tmp_path, "circuits.csv", CIRCUITS)
    done = cli("--db", season, "import", circuits, prefix=prefix)
    refused(done, 1, f"{season} is read-only (the file or its folder cannot be written)")


def test_export_into_a_read_only_folder_names_the_file(
    namespaces: None, season: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    done = cli("--db", season, "export-ics", "--all", "-o", out / "all.ics",
               prefix=mounted(read_only(out)))
    refused(done, 1, f"cannot write {out / 'all.ics'}")
    assert "its file system is read-only" in done.stderr
