"""Tables of the programmes domain."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gnlc_hub.db import Base, IntPk, Timestamped, UTCDateTime, Versioned, enum_column
from gnlc_hub.programmes.enums import EnrolmentStatus, Modality


class Programme(IntPk, Timestamped, Versioned, Base):
    """A capacity-building offer: webinar series, workshop, peer-learning visit."""

    __tablename__ = "programmes"

    slug: Mapped[str] = mapped_column(String(160), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    sort_title: Mapped[str] = mapped_column(String(300), index=True)
    organizer: Mapped[str | None] = mapped_column(String(300))
    modality: Mapped[Modality] = mapped_column(enum_column(Modality))
    starts_on: Mapped[str | None] = mapped_column(String(10), index=True)
    ends_on: Mapped[str | None] = mapped_column(String(10))
    audience: Mapped[str | None] = mapped_column(Text)
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    summary: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(String(500))
    seats: Mapped[int | None] = mapped_column(Integer)
    enrolment_deadline: Mapped[date | None] = mapped_column(Date)
    is_example: Mapped[bool] = mapped_column(default=False)


class ProgrammeHost(Base):
    """A member city documented as organiser or host of a programme."""

    __tablename__ = "programme_hosts"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True
    )
    city_id: Mapped[int] = mapped_column(
        ForeignKey("cities.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Enrolment(IntPk, Timestamped, Base):
    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("programme_id", "city_id"),)

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    status: Mapped[EnrolmentStatus] = mapped_column(enum_column(EnrolmentStatus))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
