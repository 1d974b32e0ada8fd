"""The shipped circuit gazetteer: its data checked against the zone finder and the hand-checked
circuits, and look-ups by the names published calendars use."""

from __future__ import annotations

import csv
import unicodedata
from importlib import resources
from pathlib import Path

import pytest
import tzdata
from timezonefinder import TimezoneFinder

from paddock_desk.interop.circuit_matching import distance_km, normalise
from paddock_desk.interop.gazetteer import Gazetteer, gazetteer, lookup, near, parse_gazetteer

ROOT = Path(__file__).resolve().parents[1]
CHECKED = [ROOT / "resources/demo/circuits.csv", ROOT / "tests/data/real2024/circuits.csv"]
SERIES_NAMES = [
    # (what a published calendar's LOCATION says, the circuit, its zone)
    ("Circuito de Jerez - Ángel Nieto - Jerez de la Frontera", "Circuito de Jerez - Ángel Nieto",
     "Europe/Madrid"),
    ("Phillip Island -", "Phillip Island Grand Prix Circuit", "Australia/Melbourne"),
    ("Le Mans - Le Mans", "Bugatti Circuit", "Europe/Paris"),
    ("Autódromo Internacional do Algarve", "Algarve International Circuit", "Europe/Lisbon"),
    ("Portimão", "Algarve International Circuit", "Europe/Lisbon"),
    ("Spa", "Circuit de Spa-Francorchamps", "Europe/Brussels"),
    ("COTA", "Circuit of the Americas", "America/Chicago"),
    ("Jerez", "Circuito de Jerez - Ángel Nieto", "Europe/Madrid"),
    ("鈴鹿サーキット", "Suzuka Circuit", "Asia/Tokyo"),
    ("Twin Ring Motegi", "Mobility Resort Motegi", "Asia/Tokyo"),
    ("Red Bull Ring – Spielberg", "Red Bull Ring", "Europe/Vienna"),
    ("Petronas Sepang International Circuit, Kuala Lumpur", "Sepang International Circuit",
     "Asia/Kuala_Lumpur"),
    ("Mandalika International Street Circuit - Lombok", "Pertamina Mandalika Circuit",
     "Asia/Makassar"),
    ("Autódromo Termas de Río Hondo - Termas de Río Hondo", "Autódromo Termas de Río Hondo",
     "America/Argentina/Cordoba"),
    ("Lusail International Circuit - Lusail", "Lusail International Circuit", "Asia/Qatar"),
    ("Losail", "Lusail International Circuit", "Asia/Qatar"),
    ("Diriyah", "Riyadh Street Circuit", "Asia/Riyadh"),
    ("Charlotte Motor Speedway Road Course", "Charlotte Roval", "America/New_York"),
    ("Charlotte Motor Speedway", "Charlotte Motor Speedway", "America/New_York"),
    ("World Wide Technology Raceway at Gateway", "World Wide Technology Raceway",
     "America/Chicago"),
    ("Gateway", "World Wide Technology Raceway", "America/Chicago"),
    ("Indianapolis Motor Speedway (Road Course)", "Indianapolis Motor Speedway",
     "America/Indiana/Indianapolis"),
    ("Mount Panorama Circuit\nBathurst NSW 2795, Australia", "Mount Panorama Circuit",
     "Australia/Sydney"),
    ("Nürburgring Nordschleife - Nürburg", "Nürburgring Nordschleife", "Europe/Berlin"),
    ("Sonoma", "Sonoma Raceway", "America/Los_Angeles"),
    ("Monza Eni Circuit", "Autodromo Nazionale Monza", "Europe/Rome"),
    ("Tokyo", "Tokyo Street Circuit", "Asia/Tokyo"),
    ("Hyderabad", "Hyderabad Street Circuit", "Asia/Kolkata"),
    ("Auckland", "Pukekohe Park Raceway", "Pacific/Auckland"),
]


SHORT_NAMES = (
    # how calendars and people name the circuits of every series the gazetteer covers
    "Diriyah;Jakarta;Hyderabad;Sao Paulo;Tokyo;Portland;Berlin Tempelhof;Rome EUR;Monaco;"
    "London ExCeL;Shanghai;Misano;Cape Town;Seoul;New York Red Hook;Paris;Santiago;"
    "Punta del Este;Marrakesh;Hong Kong;Mexico City;Buenos Aires;Long Beach;Putrajaya;Beijing;"
    "Miami;Moscow;Zurich;Bern;Iowa;Gateway;Texas;Pocono;Phoenix;Milwaukee;St. Petersburg;"
    "Toronto;Thermal;Daytona;Talladega;Atlanta;Bristol;Martinsville;Darlington;Charlotte;"
    "Charlotte Roval;Dover;Kansas;Las Vegas Motor Speedway;Michigan;New Hampshire;Richmond;"
    "Sonoma;Watkins Glen;Chicago Street Course;COTA;Indianapolis;Road America;Homestead;"
    "North Wilkesboro;LA Coliseum;Auto Club;Nashville Superspeedway;Bathurst;Adelaide;"
    "Townsville;Sandown;Phillip Island;The Bend;Hidden Valley;Symmons Plains;Wanneroo;"
    "Queensland Raceway;Tailem Bend;Pukekohe;Taupo;Auckland;Nordschleife;Nürburgring;Spa;"
    "Jerez;Portimão;Le Mans;Circuit de la Sarthe;Sebring;Mosport;Lime Rock;VIR;Road Atlanta;"
    "Brands Hatch;Donington;Thruxton;Oulton Park;Croft;Snetterton;Knockhill;Silverstone;"
    "Norisring;Lausitzring;Oschersleben;Zolder;Hockenheim;Red Bull Ring;Sachsenring;Brno;Most;"
    "Assen;Aragón;Valencia;Mugello;Magny-Cours;Estoril;Navarra;Cremona;Villicum;Termas;"
    "Mandalika;Buriram;Sepang;Motegi;Suzuka;Fuji;Okayama;SUGO;Autopolis;Yeongam;Zhuhai;Ningbo;"
    "Macau;Dubai;Abu Dhabi;Bahrain;Qatar;Jeddah;Baku;Sochi;Istanbul;Imola;Monza;Zandvoort;"
    "Barcelona;Hungaroring;Montreal;Austin;Interlagos;Singapore;Melbourne;Kyalami;Laguna Seca"
).split(";")


@pytest.mark.parametrize("name", SHORT_NAMES)
def test_the_short_names_of_every_series_circuits_are_known(name: str) -> None:
    assert lookup(name) is not None


@pytest.fixture(scope="module")
def shipped() -> Gazetteer:
    return gazetteer()


@pytest.fixture(scope="module")
def zone_pairs() -> set[tuple[str, str]]:
    """(country, zone) pairs of tzdata's zone.tab."""
    text = (resources.files(tzdata) / "zoneinfo" / "zone.tab").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if not line.startswith("#"))
    return {(row[0], row[2].strip()) for row in rows if len(row) >= 3}


def test_the_gazetteer_ships_at_least_250_circuits_named_and_sourced(shipped: Gazetteer) -> None:
    assert len(shipped) >= 250
    assert sum(len(e.aliases) for e in shipped) >= 1000
    assert len({e.name for e in shipped}) == len(shipped)
    for entry in shipped:
        assert entry.source.startswith("wikipedia"), entry.name
        assert len(entry.country) == 2 and entry.country.isupper(), entry.name
        assert entry.city, entry.name


def test_every_zone_is_the_zone_finders_at_the_coordinates(shipped: Gazetteer) -> None:
    finder = TimezoneFinder(in_memory=False)
    wrong = {
        e.name: (e.tz, finder.timezone_at(lat=e.lat, lng=e.lon))
        for e in shipped
        if finder.timezone_at(lat=e.lat, lng=e.lon) != e.tz
    }
    assert wrong == {}  # no exception needed: no circuit sits on a zone border


def test_every_country_is_one_its_zone_serves(
    shipped: Gazetteer, zone_pairs: set[tuple[str, str]]
) -> None:
    assert [e.name for e in shipped if (e.country, e.tz) not in zone_pairs] == []


def test_the_hand_checked_circuits_agree_within_2_km(shipped: Gazetteer) -> None:
    checked = 0
    for path in CHECKED:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                entry = shipped.lookup(row["circuit"])
                assert entry is not None, f"{path.name}: {row['circuit']} is not in the gazetteer"
                km = distance_km(float(row["lat"]), float(row["lon"]), entry.lat, entry.lon)
                assert km <= 2.0, f"{row['circuit']}: {km:.1f} km from {entry.name}"
                assert (entry.tz, entry.country) == (row["tz"], row["country"]), row["circuit"]
                checked += 1
    assert checked == 19 + 58


def test_no_name_or_alias_points_to_two_circuits(shipped: Gazetteer) -> None:
    assert shipped.conflicts == {}
    for entry in shipped:
        for name in entry.names:
            assert normalise(name), f"{entry.name}: {name!r} is only filler words"
            assert shipped.lookup(name) == entry, f"{name!r} does not find {entry.name}"


def test_every_name_is_found_in_an_address_in_capitals_and_without_accents(
    shipped: Gazetteer,
) -> None:
    text = (resources.files(tzdata) / "zoneinfo" / "iso3166.tab").read_text(encoding="utf-8")
    country = dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)
    for entry in shipped:
        land = country[entry.country].split(" (")[0]
        for name in entry.names:
            plain = "".join(
                c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
            )
            shout = plain.upper() if plain.upper().lower() == plain.lower() else plain  # not ı
            addresses = (f"{name} - {entry.city}", f"{name}, {entry.city}, {land}", f"{shout} -")
            for address in addresses:
                assert shipped.lookup(address) == entry, f"{address!r} misses {entry.name}"


@pytest.mark.parametrize(("location", "name", "tz"), SERIES_NAMES)
def test_published_calendar_names_find_their_circuit(location: str, name: str, tz: str) -> None:
    found = lookup(location)
    assert found is not None, location
    assert (found.name, found.tz) == (name, tz)


@pytest.mark.parametrize(
    "location",
    ["", "Atlanta Motorsports Park", "Texas World Speedway", "Adelaide International Raceway",
     "Nashville", "Hotel Bristol, Vienna, Austria", "Circuit"],
)
def test_other_places_find_no_circuit(location: str) -> None:
    assert lookup(location) is None


@pytest.mark.parametrize(
    ("location", "name"),
    [
        ("Bristol Motor Speedway, Bristol, Tennessee", "Bristol Motor Speedway"),
        ("Bristol, TN, USA", "Bristol Motor Speedway"),
        ("Bristol, United Kingdom", None),
        ("Richmond, England", None),
        ("Michelin Raceway Road Atlanta, Braselton, Georgia", "Michelin Raceway Road Atlanta"),
        ("Nashville Superspeedway, Lebanon, Tennessee", "Nashville Superspeedway"),
        ("Yas Marina Circuit, Abu Dhabi, UAE", "Yas Marina Circuit"),
        ("Korea International Circuit, Yeongam, South Korea", "Korea International Circuit"),
        ("Circuit de Monaco, Monaco", "Circuit de Monaco"),
    ],
)
def test_a_country_at_the_end_of_an_address_rules_out_other_countries(
    location: str, name: str | None
) -> None:
    found = lookup(location)
    assert (found.name if found else None) == name


def test_near_finds_the_nearest_circuit_within_the_radius(shipped: Gazetteer) -> None:
    spa = shipped.lookup("Spa")
    assert spa is not None
    assert near(spa.lat + 0.036, spa.lon) == spa  # 4 km north
    assert near(spa.lat + 0.054, spa.lon) is None  # 6 km north
    assert near(spa.lat + 0.054, spa.lon, km=7) == spa
    assert near(0.0, 0.0) is None
    for entry in shipped:
        found = shipped.near(entry.lat, entry.lon)
        assert found is not None and distance_km(found.lat, found.lon, entry.lat, entry.lon) == 0


def test_a_file_without_a_needed_column_is_refused() -> None:
    with pytest.raises(ValueError, match="lacks the column"):
        parse_gazetteer("circuit,lat,lon\nSpa,50.4,5.9\n")


def test_two_circuits_claiming_one_name_are_reported() -> None:
    head = "circuit,aliases,city,country,lat,lon,tz,source\n"
    made = parse_gazetteer(
        head
        + "Circuit A,Lakeside,Here,GB,51,0,Europe/London,test\n"
        + "Circuit B,Lakeside Circuit,There,GB,52,0,Europe/London,test\n"
    )
    assert made.conflicts == {"lakeside": {"Circuit A", "Circuit B"}}
    found = made.lookup("Lakeside")
    assert found is not None and found.name == "Circuit A"
