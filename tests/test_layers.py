"""The core (domain, store, interop, services) works without Qt: imported with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys

CHECK = r"""
import importlib, pkgutil, sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError(f"the core imported {name}")
        return None

sys.meta_path.insert(0, BlockQt())
import paddock_desk
count = 0
for layer in ("domain", "store", "interop", "services"):
    package = importlib.import_module(f"paddock_desk.{layer}")
    for info in pkgutil.walk_packages(package.__path__, f"paddock_desk.{layer}."):
        if ".migrations" in info.name:
            continue  # alembic scripts, run by alembic only
        importlib.import_module(info.name)
        count += 1
print(count)
"""


def test_core_layers_import_without_qt() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) >= 5


def test_command_line_without_gui_does_not_load_qt() -> None:
    code = (
        "import sys; from paddock_desk.cli import main; "
        "rc = main(['--db', sys.argv[1], 'demo']); "
        "print(rc, any(m.startswith('PySide6') for m in sys.modules))"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [sys.executable, "-c", code, f"{tmp}/s.db"], capture_output=True, text=True,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0 False"
