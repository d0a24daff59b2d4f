"""Tables of the alliances domain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gnlc_hub.alliances.enums import AllianceKind, AllianceStatus, MemberResponse
from gnlc_hub.db import Base, IntPk, Timestamped, UTCDateTime, Versioned, enum_column


class Alliance(IntPk, Timestamped, Versioned, Base):
    """An agreement between two or more member cities."""

    __tablename__ = "alliances"

    slug: Mapped[str] = mapped_column(String(160), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[AllianceKind] = mapped_column(enum_column(AllianceKind), index=True)
    status: Mapped[AllianceStatus] = mapped_column(enum_column(AllianceStatus), index=True)
    # False when the sources show the agreement was made but not that it still runs.
    status_confirmed: Mapped[bool] = mapped_column(default=True)
    started_on: Mapped[str | None] = mapped_column(String(10))
    ended_on: Mapped[str | None] = mapped_column(String(10))
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    summary: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(String(500))
    is_example: Mapped[bool] = mapped_column(default=False)
    proposed_by_city_id: Mapped[int | None] = mapped_column(
        ForeignKey("cities.id", ondelete="SET NULL")
    )


class AllianceMember(IntPk, Base):
    __tablename__ = "alliance_members"
    __table_args__ = (UniqueConstraint("alliance_id", "city_id"),)

    alliance_id: Mapped[int] = mapped_column(
        ForeignKey("alliances.id", ondelete="CASCADE"), index=True
    )
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    response: Mapped[MemberResponse] = mapped_column(enum_column(MemberResponse))
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AlliancePractice(IntPk, Base):
    """A practice an alliance transferred from one member city to another."""

    __tablename__ = "alliance_practices"
    __table_args__ = (UniqueConstraint("alliance_id", "practice_id"),)

    alliance_id: Mapped[int] = mapped_column(
        ForeignKey("alliances.id", ondelete="CASCADE"), index=True
    )
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(String(500))
