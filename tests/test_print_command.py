"""`paddock-desk print` as a user runs it: a real PDF, read back with pdftotext (poppler)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is not installed")

NO_DISPLAY = {k: v for k, v in os.environ.items()
              if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LC_ALL",
                           "LC_PAPER", "LANG")}


def cli(*argv: str, lang: str = "en_GB.UTF-8") -> subprocess.CompletedProcess[str]:
    """The command run as a person runs it: its own process, no screen."""
    env = dict(NO_DISPLAY, LANG=lang, TZ="Europe/London")
    return subprocess.run([sys.executable, "-m", "paddock_desk", *argv], capture_output=True,
                          text=True, env=env, check=False, timeout=120)


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True)
    return done.stdout


def flat(text: str) -> str:
    """Text with every run of white space (line breaks of the page) as one space."""
    return re.sub(r"\s+", " ", text)


def page_size(path: Path) -> str:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return next(line for line in done.stdout.splitlines() if line.startswith("Page size"))


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    db = tmp_path / "demo.db"
    assert cli("--db", str(db), "demo").returncode == 0
    return db


@pytest.fixture
def racer_2024(tmp_path: Path, real2024: Path) -> Path:
    """The real 2024 calendars and one driver, home in New York, in Formula 1 and Formula E."""
    db = tmp_path / "2024.db"
    people = tmp_path / "people"
    people.mkdir()
    (people / "drivers.csv").write_text("driver,nationality,home_tz\n"
                                        "Jo Tester,US,America/New_York\n")
    (people / "roster.csv").write_text("driver,team,series,car,rounds\n"
                                       "Jo Tester,Test Racing,Formula 1,7,\n"
                                       "Jo Tester,Test Racing,Formula E,77,\n")
    files = sorted(str(p) for p in real2024.glob("*.csv"))
    done = cli("--db", str(db), "import", *files, str(people / "drivers.csv"),
               str(people / "roster.csv"))
    assert done.returncode == 0, done.stderr
    return db


def clash_messages(db: Path, driver: str) -> list[str]:
    done = cli("--db", str(db), "clashes", "--driver", driver, "--json")
    assert done.returncode == 0, done.stderr
    return [c["message"] for c in json.loads(done.stdout)]


def test_a_drivers_pdf_holds_every_meeting_and_clash_sentence(
    demo_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "imperatori.pdf"
    done = cli("--db", str(demo_file), "print", "--driver", "Alexandre Imperatori", "-o",
               str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    text = flat(pdf_text(out))
    assert "13-15 Apr 2018 European Le Mans Series round 1: 4 Hours of Le Castellet, " \
           "Circuit Paul Ricard" in text
    assert "14-15 Apr 2018 Blancpain GT Series Asia round 1: Sepang (Races 1-2), " \
           "Sepang International Circuit" in text
    messages = clash_messages(demo_file, "Alexandre Imperatori")
    assert len(messages) >= 2
    for message in messages:
        assert flat(message) in text
    assert "Page 1 of" in text
    assert "Printed " in text


def test_sessions_in_the_circuits_time_and_the_drivers_home_time(
    racer_2024: Path, tmp_path: Path
) -> None:
    out = tmp_path / "jo.pdf"
    done = cli("--db", str(racer_2024), "print", "--driver", "Jo Tester", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = flat(pdf_text(out))
    # Bahrain's first practice: 14:30 at the circuit (UTC+3) is 06:30 in New York (UTC-5).
    assert "FP1: Thu 29 Feb 14:30-15:30 +03" in text
    assert "home (America/New_York): Thu 29 Feb 06:30-07:30 EST" in text
    # Monaco in May: 13:30 CEST is 07:30 EDT.
    assert "Circuit de Monaco" in text
    assert "Fri 24 May 13:30-14:30 CEST" in text
    assert "Fri 24 May 07:30-08:30 EDT" in text
    messages = clash_messages(racer_2024, "Jo Tester")
    assert any("Monaco" in m and "Formula E" in m for m in messages)
    for message in messages:
        assert flat(message) in text
    pages = int(re.search(r"Page 1 of (\d+)", text).group(1))  # type: ignore[union-attr]
    assert pages >= 2 and f"Page {pages} of {pages}" in text


@pytest.mark.parametrize(("lang", "paper"), [("en_US.UTF-8", "letter"), ("fr_CA.UTF-8", "letter"),
                                             ("en_GB.UTF-8", "A4"), ("de_DE.UTF-8", "A4")])
def test_paper_follows_the_locale(demo_file: Path, tmp_path: Path, lang: str,
                                  paper: str) -> None:
    out = tmp_path / "all.pdf"
    done = cli("--db", str(demo_file), "print", "--all", "-o", str(out), lang=lang)
    assert done.returncode == 0, done.stderr
    assert f"({paper})" in page_size(out)


def test_lc_paper_wins_over_lang(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "series.pdf"
    env_lang = "de_DE.UTF-8"
    env = dict(NO_DISPLAY, LANG=env_lang, LC_PAPER="en_US.UTF-8")
    done = subprocess.run([sys.executable, "-m", "paddock_desk", "--db", str(demo_file),
                           "print", "--series", "Blancpain GT Series Asia", "-o", str(out)],
                          capture_output=True, text=True, env=env, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "(letter)" in page_size(out)
    assert "Sepang International Circuit" in pdf_text(out)


def test_a_teams_pdf_lists_its_cars_meetings(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "kcmg.pdf"
    done = cli("--db", str(demo_file), "print", "--team", "KCMG", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = flat(pdf_text(out))
    assert "KCMG (team)" in text
    assert "Guia Circuit" in text


def test_unknown_names_and_bad_usage_exit_as_the_design_says(
    demo_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    done = cli("--db", str(demo_file), "print", "--driver", "Alexandre Imperator", "-o",
               str(out))
    assert done.returncode == 1
    assert "Alexandre Imperatori" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
    done = cli("--db", str(demo_file), "print", "-o", str(out))
    assert done.returncode == 2
    done = cli("--db", str(demo_file), "print", "--all", "-o", str(tmp_path / "no" / "x.pdf"))
    assert done.returncode == 1
    assert "does not exist" in done.stderr and "Traceback" not in done.stderr


def test_a_display_that_is_gone_does_not_stop_printing(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "stale.pdf"
    env = dict(NO_DISPLAY, LANG="en_GB.UTF-8", DISPLAY=":97")  # no X server answers there
    done = subprocess.run([sys.executable, "-m", "paddock_desk", "--db", str(demo_file),
                           "print", "--all", "-o", str(out)], capture_output=True, text=True,
                          env=env, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Guia Circuit" in pdf_text(out)


def test_findings_print_under_their_meeting_for_the_driver_and_his_team(
    demo_file: Path, tmp_path: Path
) -> None:
    from test_calendar_notes import BREACH, FINDING_FILES, LICENCE

    paths = []
    for name, text in FINDING_FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    assert cli("--db", str(demo_file), "import", *paths).returncode == 0
    out = tmp_path / "imperatori.pdf"
    done = cli("--db", str(demo_file), "print", "--driver", "Alexandre Imperatori", "-o",
               str(out))
    assert done.returncode == 0, done.stderr
    assert "2 findings" in done.stdout
    text = flat(pdf_text(out))
    sepang = text.index("14-15 Apr 2018 Blancpain GT Series Asia round 1: Sepang")
    chang = text.index("12-13 May 2018 Blancpain GT Series Asia round 2")
    assert sepang < text.index(f"Finding: {BREACH}") < chang  # under Sepang, printed once
    assert text.count(BREACH) == 1
    macau = text.index("15-18 Nov 2018 FIA GT World Cup")
    assert text.index(f"Finding: {LICENCE}") > macau
    team = tmp_path / "kcmg.pdf"
    assert cli("--db", str(demo_file), "print", "--team", "KCMG", "-o", str(team)).returncode == 0
    kcmg = flat(pdf_text(team))
    assert f"Finding: {BREACH}" in kcmg and f"Finding: {LICENCE}" in kcmg
    for message in clash_messages(demo_file, "Alexandre Imperatori"):
        if "Sepang" in message or "Chang" in message:
            assert f"Clash: {flat(message)}" in kcmg


def french_locale() -> bool:
    """Whether this machine has fr_FR.UTF-8 (CI makes it), to run the app as in France."""
    done = subprocess.run([sys.executable, "-c",
                           "import locale; locale.setlocale(locale.LC_ALL, 'fr_FR.UTF-8')"],
                          capture_output=True, check=False)
    return done.returncode == 0


@pytest.mark.skipif(not french_locale(), reason="the fr_FR.UTF-8 locale is not installed")
def test_dates_stay_in_english_on_a_french_desktop(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "imperatori.pdf"
    done = cli("--db", str(demo_file), "print", "--driver", "Alexandre Imperatori", "-o",
               str(out), lang="fr_FR.UTF-8")
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    stamp = re.search(r"Printed (\d+) (\w+)\.? (\d{4})", text)
    assert stamp is not None and stamp.group(2) in (
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), text
    app = subprocess.run(
        [sys.executable, "-c", "from datetime import date\n"
         "from paddock_desk.app import application\n"
         "application()\n"
         "print(f'{date(2024, 5, 24):%a %d %b %Y}')"],
        capture_output=True, text=True, check=False, timeout=120,
        env=dict(NO_DISPLAY, LANG="fr_FR.UTF-8", QT_QPA_PLATFORM="offscreen"))
    assert app.returncode == 0, app.stderr
    assert app.stdout.strip() == "Fri 24 May 2024"  # as the app's week and agenda write it
