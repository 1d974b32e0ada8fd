"""The season database: SQLAlchemy 2 typed ORM.

Meeting dates are local dates of the circuit's zone; session instants are UTC. Tables people edit
carry a version counter so that a shared database refuses a stale write instead of losing an edit.
CHECK constraints hold what the database itself can refuse: an end before a start, negative
arrival days, latitudes and longitudes out of range.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from paddock_desk.store.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """A version counter raised on every UPDATE; a stale write raises StaleDataError."""

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class CircuitRow(Versioned, Base):
    __tablename__ = "circuits"
    __table_args__ = (
        CheckConstraint("lat >= -90 AND lat <= 90", name="lat_range"),
        CheckConstraint("lon >= -180 AND lon <= 180", name="lon_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    country: Mapped[str] = mapped_column(String(8), default="")
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    tz: Mapped[str] = mapped_column(String(64))


class SeriesRow(Versioned, Base):
    __tablename__ = "series"
    __table_args__ = (CheckConstraint("arrival_days >= 0", name="arrival_days"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    colour: Mapped[str | None] = mapped_column(String(7))
    arrival_days: Mapped[int] = mapped_column(Integer, default=0)
    source_url: Mapped[str | None] = mapped_column(String(2000))
    """The calendar URL the series follows (refresh fetches it again); see migration 0004."""
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    meetings: Mapped[list[MeetingRow]] = relationship(back_populates="series")


class MeetingRow(Versioned, Base):
    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("series_id", "round"),
        CheckConstraint("end_date >= start_date", name="end_after_start"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    round: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(300))
    circuit_id: Mapped[int] = mapped_column(ForeignKey("circuits.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    source_uid: Mapped[str | None] = mapped_column(String(500), index=True)
    series: Mapped[SeriesRow] = relationship(back_populates="meetings")
    circuit: Mapped[CircuitRow] = relationship()
    sessions: Mapped[list[SessionRow]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True
    )


class SessionRow(Versioned, Base):
    __tablename__ = "sessions"
    __table_args__ = (
        UniqueConstraint("meeting_id", "name"),
        CheckConstraint('"end" >= start', name="end_after_start"),
        CheckConstraint("status IN ('scheduled', 'cancelled')", name="status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    source_uid: Mapped[str | None] = mapped_column(String(500), index=True)
    status: Mapped[str] = mapped_column(String(10), default="scheduled",
                                        server_default="scheduled")
    """``scheduled`` or ``cancelled`` (see migration 0007); a cancelled session is kept."""
    meeting: Mapped[MeetingRow] = relationship(back_populates="sessions")


class TeamRow(Versioned, Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class CarRow(Versioned, Base):
    __tablename__ = "cars"
    __table_args__ = (UniqueConstraint("series_id", "team_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(20))
    car_class: Mapped[str | None] = mapped_column(String(40))
    series: Mapped[SeriesRow] = relationship()
    team: Mapped[TeamRow] = relationship()


class DriverRow(Versioned, Base):
    __tablename__ = "drivers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    nationality: Mapped[str] = mapped_column(String(8), default="")
    home_tz: Mapped[str | None] = mapped_column(String(64))
    category: Mapped[str | None] = mapped_column(String(20))


class LineupRow(Versioned, Base):
    """A driver in a car; ``rounds`` is ';'-separated round labels, NULL for every round."""

    __tablename__ = "lineups"
    __table_args__ = (UniqueConstraint("driver_id", "car_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    driver_id: Mapped[int] = mapped_column(
        ForeignKey("drivers.id", ondelete="CASCADE"), index=True
    )
    car_id: Mapped[int] = mapped_column(ForeignKey("cars.id", ondelete="CASCADE"), index=True)
    rounds: Mapped[str | None] = mapped_column(Text)
    driver: Mapped[DriverRow] = relationship()
    car: Mapped[CarRow] = relationship()


class UnavailabilityRow(Versioned, Base):
    __tablename__ = "unavailability"
    __table_args__ = (
        UniqueConstraint("driver_id", "start_date", "end_date"),
        CheckConstraint("end_date >= start_date", name="end_after_start"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    driver_id: Mapped[int] = mapped_column(
        ForeignKey("drivers.id", ondelete="CASCADE"), index=True
    )
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(300), default="")
    rrule: Mapped[str | None] = mapped_column(String(300))
    driver: Mapped[DriverRow] = relationship()


class LineupRuleRow(Versioned, Base):
    """A line-up rule: in every car of ``car_class`` in the series, at every meeting, the drivers
    whose category is one of ``categories`` (';'-separated, in alphabetical order) number at least
    ``min_count`` and at most ``max_count`` (NULL: no bound)."""

    __tablename__ = "lineup_rules"
    __table_args__ = (UniqueConstraint("series_id", "car_class", "categories"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    car_class: Mapped[str] = mapped_column(String(40))
    categories: Mapped[str] = mapped_column(String(100))
    min_count: Mapped[int | None] = mapped_column(Integer)
    max_count: Mapped[int | None] = mapped_column(Integer)
    series: Mapped[SeriesRow] = relationship()


class DocumentRow(Versioned, Base):
    """A driver's licence, medical, visa or other document with its last valid (local) date."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("driver_id", "document"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    driver_id: Mapped[int] = mapped_column(
        ForeignKey("drivers.id", ondelete="CASCADE"), index=True
    )
    document: Mapped[str] = mapped_column(String(100))
    expires: Mapped[date] = mapped_column(Date)
    driver: Mapped[DriverRow] = relationship()


class FeedRow(Base):
    """A subscription feed: the calendar of one driver, team or series at a secret token.

    ``ref_id`` is the id of the driver, team or series (so a rename keeps the feed's address);
    ``content_hash`` and ``modified`` remember when the feed's events last changed (its
    Last-Modified and DTSTAMP), so an unchanged feed answers the same bytes every time.
    """

    __tablename__ = "feeds"
    __table_args__ = (UniqueConstraint("kind", "ref_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    ref_id: Mapped[int] = mapped_column(Integer)
    token: Mapped[str] = mapped_column(String(100), unique=True)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    modified: Mapped[datetime | None] = mapped_column(UTCDateTime)


class FeedSettingRow(Base):
    """A setting of the feeds, e.g. ``base_url`` (the address the feeds are served at)."""

    __tablename__ = "feed_settings"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(1000))
