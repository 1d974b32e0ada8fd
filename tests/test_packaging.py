"""Packaging: the wheel carries its data, the launcher and metadata validate, icons render, and
Qt and platformdirs agree on the folders. The bundle itself is built by .ci/packaging-check."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from paddock_desk import __version__
from paddock_desk.identity import APP_ID, APP_NAME, config_dir, configure_qt_application, data_dir
from paddock_desk.services.demo import DEMO_FILES

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"


def run(*command: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, check=False, **kwargs
    )


def needs(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed")
    return path


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The file names inside a wheel built from a copy of the source tree."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("paddock_desk", "resources"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    built = run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", work / "out", source)
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "out").glob("paddock_desk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_wheel_carries_the_demo_season_icons_and_migrations(wheel_names: list[str]) -> None:
    for name in DEMO_FILES:
        assert f"paddock_desk/resources/demo/{name}" in wheel_names
    assert "paddock_desk/resources/icons/paddock-desk.svg" in wheel_names
    assert "paddock_desk/resources/gazetteer/circuits.csv" in wheel_names
    assert "paddock_desk/store/migrations/env.py" in wheel_names
    shipped = {Path(n).name for n in wheel_names if "/migrations/versions/" in n}
    in_tree = {p.name for p in (ROOT / "paddock_desk/store/migrations/versions").glob("*.py")}
    assert in_tree <= shipped
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in wheel_names)


def test_desktop_file_validates() -> None:
    checked = run(needs("desktop-file-validate"), DESKTOP)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "error:" not in checked.stdout and "warning:" not in checked.stdout, checked.stdout


def test_metainfo_validates() -> None:
    checked = run(needs("appstreamcli"), "validate", "--no-net", METAINFO)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_check_metadata_script_passes() -> None:
    needs("desktop-file-validate")
    needs("appstreamcli")
    checked = run("bash", PACKAGING / "check-metadata.sh")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_check_metadata_script_fails_on_a_broken_launcher(tmp_path: Path) -> None:
    needs("desktop-file-validate")
    needs("appstreamcli")
    for source in (PACKAGING / "check-metadata.sh", METAINFO):
        shutil.copy(source, tmp_path / source.name)
    broken = DESKTOP.read_text().replace("Type=Application\n", "")
    (tmp_path / DESKTOP.name).write_text(broken)
    checked = run("bash", tmp_path / "check-metadata.sh")
    assert checked.returncode != 0
    assert "Type" in checked.stderr + checked.stdout


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_launcher_opens_calendars_with_the_app() -> None:
    entry = desktop_entry()
    assert entry["Name"] == APP_NAME
    assert entry["Exec"] == "paddock-desk gui %F"
    assert entry["Icon"] == APP_ID
    assert {"text/calendar", "text/csv"} <= set(entry["MimeType"].strip(";").split(";"))
    assert {"Office", "Calendar", "ProjectManagement"} <= set(entry["Categories"].split(";"))


def test_metainfo_names_the_app_its_licences_and_this_release() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "paddock-desk"
    releases = [r.get("version") for r in root.iterfind("releases/release")]
    assert releases[0] == __version__
    assert root.find("content_rating").get("type") == "oars-1.1"  # type: ignore[union-attr]
    assert 'license = "GPL-3.0-or-later"' in (ROOT / "pyproject.toml").read_text()


def test_icon_renders_to_png_sizes(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    rendered = run(sys.executable, PACKAGING / "render_icons.py", tmp_path, "16", "48", "256")
    assert rendered.returncode == 0, rendered.stderr
    for size in (16, 48, 256):
        image = QImage(str(tmp_path / f"hicolor/{size}x{size}/apps/{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not empty
        assert image.pixelColor(0, 0).alpha() == 0  # transparent corner
    assert (tmp_path / f"hicolor/scalable/apps/{APP_ID}.svg").read_bytes() == (
        ROOT / "resources/icons/paddock-desk.svg"
    ).read_bytes()


def test_install_launcher_for_one_user_and_remove_it(tmp_path: Path) -> None:
    share = tmp_path / "share"
    program = tmp_path / "Paddock Desk" / "paddock-desk"
    # A bare environment, wherever the tests run (a fresh clone has no .venv beside the
    # script): the icons are rendered by the Python running these tests, named explicitly.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(share),
           "PYTHON": sys.executable}
    installed = run("bash", PACKAGING / "install-launcher.sh", "--exec", program, env=env)
    assert installed.returncode == 0, installed.stderr
    desktop = share / "applications" / DESKTOP.name
    assert f'Exec="{program}" gui %F' in desktop.read_text()
    assert (share / "metainfo" / METAINFO.name).exists()
    assert (share / f"icons/hicolor/48x48/apps/{APP_ID}.png").exists()
    assert (share / f"icons/hicolor/scalable/apps/{APP_ID}.svg").exists()
    if shutil.which("desktop-file-validate"):
        assert run("desktop-file-validate", desktop).returncode == 0
    removed = run("bash", PACKAGING / "install-launcher.sh", "--uninstall", env=env)
    assert removed.returncode == 0, removed.stderr
    assert not desktop.exists()
    assert not list(share.glob(f"icons/**/{APP_ID}.*"))


SCRIPTS = ["build-bundle.sh", "check-metadata.sh", "install-launcher.sh", "../.ci/packaging-check"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_scripts_are_valid_bash(script: str) -> None:
    checked = run("bash", "-n", PACKAGING / script)
    assert checked.returncode == 0, checked.stderr


@pytest.fixture
def named_app(qapp: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[object]:
    """The test QApplication named as Paddock Desk names it, over temporary XDG folders."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    names = [
        (QCoreApplication.applicationName, QCoreApplication.setApplicationName),
        (QCoreApplication.applicationVersion, QCoreApplication.setApplicationVersion),
        (QCoreApplication.organizationName, QCoreApplication.setOrganizationName),
        (QCoreApplication.organizationDomain, QCoreApplication.setOrganizationDomain),
        (QGuiApplication.applicationDisplayName, QGuiApplication.setApplicationDisplayName),
        (QGuiApplication.desktopFileName, QGuiApplication.setDesktopFileName),
    ]
    saved = [(setter, getter()) for getter, setter in names]
    configure_qt_application(qapp)
    yield qapp
    for setter, value in saved:
        setter(value)


def test_qt_and_platformdirs_name_the_same_folders(named_app: object) -> None:
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtGui import QGuiApplication

    location = QStandardPaths.StandardLocation
    assert Path(QStandardPaths.writableLocation(location.AppDataLocation)) == data_dir()
    assert Path(QStandardPaths.writableLocation(location.AppConfigLocation)) == config_dir()
    assert QGuiApplication.desktopFileName() == DESKTOP.stem
    assert QGuiApplication.applicationDisplayName() == APP_NAME
