"""`clashes --json` stays the same, byte for byte, as its readers' scripts expect.

The expected outputs were written by the version before the season loader and the command
line were reworked for speed: the demo season's output in full (tests/data/clashes_demo.json),
and the world season of benchmarks/generate_world.py (fixed seed) by its size and SHA-256.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from paddock_desk.cli import main

PROJECT = Path(__file__).resolve().parents[1]
WORLD_SIZE = 22_824_451
WORLD_SHA256 = "21d6272894e206a250dd1bef6d1569df214db2a5ab97d1d24342327b0b9d42b8"


def clashes_json(db: Path) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "paddock_desk", "--db", str(db), "clashes", "--json"],
        capture_output=True, check=True, timeout=300,
    )
    return done.stdout


def test_demo_season_json_is_unchanged_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.db"
    assert main(["--db", str(db), "demo"]) == 0
    expected = (PROJECT / "tests" / "data" / "clashes_demo.json").read_bytes()
    assert clashes_json(db) == expected


def test_world_season_json_is_unchanged_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    try:
        from generate_world import generate
    finally:
        sys.path.remove(str(PROJECT / "benchmarks"))
    files = generate(tmp_path / "csv")
    db = tmp_path / "world.db"
    assert main(["--db", str(db), "import", *map(str, files)]) == 0
    out = clashes_json(db)
    assert (len(out), hashlib.sha256(out).hexdigest()) == (WORLD_SIZE, WORLD_SHA256)
