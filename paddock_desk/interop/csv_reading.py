"""Reading a CSV file of the season: UTF-8 (with or without BOM), header first, physical lines,
read as the rows are used (a big file is never held whole).

Every row keeps the line of the file it starts on (the header is line 1), so that a message can
name it. Header names are matched without regard to case or surrounding spaces; values lose their
surrounding spaces.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.text_rules import text_problem
from paddock_desk.interop.import_report import Problem

T = TypeVar("T")


@dataclass(frozen=True)
class CsvTable:
    """One file: ``columns`` as written in the header (lower case), and its rows."""

    path: Path
    columns: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def rows(self) -> Iterator[CsvRow]:
        """The records after the header, read from the file as they are used, one at a time
        (so that a file of a million rows is never held whole)."""
        return _records(self.path, self.columns)


@dataclass
class CsvRow:
    """One record: its values by (lower-case) column, and the problems found in it."""

    file: str
    line: int
    values: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def has(self, column: str) -> bool:
        """Whether the file has ``column`` at all (optional columns may be left out)."""
        return column in self.values

    def problem(self, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.file, self.line, column, message))

    def text(self, column: str, *, required: bool = True, limit: int = 200) -> str:
        """The text of ``column``; empty when left out; a problem when required and empty."""
        value = self.values.get(column, "")
        if required and not value:
            self.problem(column, "is empty (a value is required)")
        elif len(value) > limit:
            self.problem(column, f"is longer than {limit} characters")
        elif (unprintable := text_problem(value)) is not None:
            self.problem(column, unprintable)
        return value

    def field(
        self, column: str, parse: Callable[[str], T], fallback: T, *, required: bool = True
    ) -> T:
        """``column`` read by ``parse`` (which raises ValueError with the reason), else fallback.

        An empty required field is a problem; an optional one goes to ``parse`` as "".
        """
        value = self.values.get(column, "")
        if required and not value:
            self.problem(column, "is empty (a value is required)")
            return fallback
        unprintable = text_problem(value)
        if unprintable is not None:
            self.problem(column, unprintable)
            return fallback
        try:
            return parse(value)
        except ValueError as exc:
            self.problem(column, str(exc))
            return fallback


def _not_utf8(path: Path, line: int, data: bytes, exc: UnicodeDecodeError) -> PaddockError:
    return PaddockError(
        f"{path.name}, line {line}: the file is not UTF-8 text "
        f"(byte 0x{data[exc.start]:02x}); save it as UTF-8 and import it again"
    )


def _text_lines(path: Path) -> Iterator[str]:
    """The physical lines of ``path`` decoded one at a time (UTF-8, a BOM allowed and dropped).

    A line ends at LF, CR LF or CR, as csv expects; only one line is held at a time.
    """
    try:
        with open(path, "rb") as binary:
            for number, data in enumerate(binary, start=1):
                try:
                    text = data.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    raise _not_utf8(path, number, data, exc) from None
                if "\r" in text.rstrip("\r\n"):
                    yield from io.StringIO(text, newline="")
                else:
                    yield text
    except OSError as exc:
        raise PaddockError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_csv(path: Path) -> CsvTable:
    """The header of ``path``; its rows are read as they are used (:attr:`CsvTable.rows`)."""
    reader = csv.reader(_text_lines(path))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise PaddockError(f"{path.name}, line {reader.line_num}: {exc}") from None
    if not header or not any(h.strip() for h in header):
        raise PaddockError(f"{path.name}: the file is empty (a header line comes first)")
    columns = tuple(h.strip().lower() for h in header)
    _check_header(path, columns)
    return CsvTable(path, columns)


def _check_header(path: Path, columns: tuple[str, ...]) -> None:
    seen: set[str] = set()
    for column in columns:
        if not column:
            raise PaddockError(f"{path.name}, line 1: the header has an empty column name")
        if column in seen:
            raise PaddockError(f"{path.name}, line 1: the header names '{column}' twice")
        seen.add(column)


def _records(path: Path, columns: tuple[str, ...]) -> Iterator[CsvRow]:
    reader = csv.reader(_text_lines(path))
    try:
        next(reader)  # the header, read by read_csv
        line = reader.line_num + 1
        for record in reader:
            if any(value.strip() for value in record):
                values = dict(zip(columns, (v.strip() for v in record), strict=False))
                for column in columns[len(record) :]:
                    values[column] = ""
                row = CsvRow(path.name, line, values)
                if len(record) > len(columns):
                    row.problem(None, f"has {len(record)} fields; the header has {len(columns)}")
                yield row
            line = reader.line_num + 1
    except csv.Error as exc:
        raise PaddockError(f"{path.name}, line {reader.line_num}: {exc}") from None
