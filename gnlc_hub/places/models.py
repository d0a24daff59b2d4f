"""Tables of the places domain: learning places (the maps of learning provision) and their links."""

from __future__ import annotations

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gnlc_hub.db import Base, IntPk, Timestamped, Versioned, enum_column
from gnlc_hub.places.enums import PlaceKind


class LearningPlace(IntPk, Timestamped, Versioned, Base):
    """Where learning happens in a member city: a kominkan, a library, an online service…"""

    __tablename__ = "learning_places"
    # The geo prefilter: a latitude range scan, longitudes checked on the rows it finds.
    __table_args__ = (Index("ix_learning_places_latitude_longitude", "latitude", "longitude"),)

    slug: Mapped[str] = mapped_column(String(160), unique=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    kind: Mapped[PlaceKind] = mapped_column(enum_column(PlaceKind), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(400))
    # Null for services without a site (online) or places not yet located.
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    target_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    opening: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(500))
    source_url: Mapped[str | None] = mapped_column(String(500))
    is_example: Mapped[bool] = mapped_column(default=False)


class PlacePractice(IntPk, Base):
    """A practice that runs at a learning place."""

    __tablename__ = "learning_place_practices"
    __table_args__ = (UniqueConstraint("place_id", "practice_id"),)

    place_id: Mapped[int] = mapped_column(
        ForeignKey("learning_places.id", ondelete="CASCADE"), index=True
    )
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )


class PlaceProgramme(IntPk, Base):
    """A capacity-building programme held at a learning place."""

    __tablename__ = "learning_place_programmes"
    __table_args__ = (UniqueConstraint("place_id", "programme_id"),)

    place_id: Mapped[int] = mapped_column(
        ForeignKey("learning_places.id", ondelete="CASCADE"), index=True
    )
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
