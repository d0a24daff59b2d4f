"""Tables of the cities domain."""

from __future__ import annotations

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gnlc_hub.db import Base, IntPk, Timestamped, Versioned


class City(IntPk, Timestamped, Versioned, Base):
    """A member city of the GNLC."""

    __tablename__ = "cities"

    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Accent- and case-folded name: one ordering and prefix match on SQLite and PostgreSQL.
    sort_name: Mapped[str] = mapped_column(String(200), index=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id"), index=True)
    admitted_year: Mapped[int | None] = mapped_column(Integer, index=True)
    source_url: Mapped[str | None] = mapped_column(String(500))
    is_example: Mapped[bool] = mapped_column(default=False)


class CityProfile(Timestamped, Base):
    """What a city says about itself: the input of peer-learning matching."""

    __tablename__ = "city_profiles"
    # The geo prefilter of "cities near a point" (see gnlc_hub/places/queries.py).
    __table_args__ = (Index("ix_city_profiles_latitude_longitude", "latitude", "longitude"),)

    city_id: Mapped[int] = mapped_column(
        ForeignKey("cities.id", ondelete="CASCADE"), primary_key=True
    )
    population: Mapped[int | None] = mapped_column(Integer)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    priorities: Mapped[list[str]] = mapped_column(JSON, default=list)
    challenges: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(500))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    # Year of the population figure; null where the source does not date it (GeoNames does not).
    population_year: Mapped[int | None] = mapped_column(Integer)
    # Where each open-data value came from, by ProfileFact name; an editor's override says so.
    sources: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)


class CityContact(IntPk, Timestamped, Versioned, Base):
    """A focal point of a city: private to the secretariat and that city's editors."""

    __tablename__ = "city_contacts"

    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(60))
