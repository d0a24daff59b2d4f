"""Tables of the network domain."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.db import Base, IntPk, Timestamped, enum_column
from gnlc_hub.network.enums import ClusterRole, EventFrequency, EventKind


class Region(IntPk, Base):
    __tablename__ = "regions"

    code: Mapped[RegionCode] = mapped_column(enum_column(RegionCode), unique=True)
    name: Mapped[str] = mapped_column(String(80))


class Country(IntPk, Base):
    __tablename__ = "countries"

    iso2: Mapped[str] = mapped_column(String(2), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    sort_name: Mapped[str] = mapped_column(String(120), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)


class Award(IntPk, Base):
    """A UNESCO Learning City Award given to a member city."""

    __tablename__ = "awards"
    __table_args__ = (UniqueConstraint("city_id", "year"),)

    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(120), default="UNESCO Learning City Award")
    source_url: Mapped[str | None] = mapped_column(String(500))


class Cluster(IntPk, Timestamped, Base):
    """A thematic cluster: member cities working together on one theme."""

    __tablename__ = "clusters"

    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(String(500))
    is_example: Mapped[bool] = mapped_column(default=False)


class ClusterMembership(IntPk, Base):
    __tablename__ = "cluster_memberships"
    __table_args__ = (UniqueConstraint("cluster_id", "city_id"),)

    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("clusters.id", ondelete="CASCADE"), index=True
    )
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    role: Mapped[ClusterRole] = mapped_column(enum_column(ClusterRole))
    note: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(String(500))


class Event(IntPk, Timestamped, Base):
    """International Conferences on Learning Cities and cities' learning festivals."""

    __tablename__ = "events"

    slug: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind), index=True)
    name: Mapped[str] = mapped_column(String(300))
    edition: Mapped[int | None] = mapped_column(Integer)
    city_id: Mapped[int | None] = mapped_column(
        ForeignKey("cities.id", ondelete="SET NULL"), index=True
    )
    starts_on: Mapped[str | None] = mapped_column(String(10), index=True)
    ends_on: Mapped[str | None] = mapped_column(String(10))
    theme: Mapped[str | None] = mapped_column(Text)
    frequency: Mapped[EventFrequency | None] = mapped_column(enum_column(EventFrequency))
    typical_months: Mapped[str | None] = mapped_column(String(120))
    summary: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(String(500))
    is_example: Mapped[bool] = mapped_column(default=False)


class Publication(IntPk, Base):
    """A case-study publication (e.g. UIL's 2015 volume of twelve learning cities)."""

    __tablename__ = "publications"

    slug: Mapped[str] = mapped_column(String(160), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    publisher: Mapped[str | None] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer)
    source_url: Mapped[str | None] = mapped_column(String(500))


class PublicationFeature(IntPk, Base):
    __tablename__ = "publication_features"
    __table_args__ = (UniqueConstraint("publication_id", "city_id"),)

    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True
    )
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(String(500))
