"""Tables of the practices domain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gnlc_hub.db import Base, IntPk, Timestamped, UTCDateTime, Versioned, enum_column, utcnow
from gnlc_hub.practices.enums import PracticeStatus, TagFacet


class Theme(IntPk, Base):
    """An entry of the controlled theme vocabulary (with search synonyms)."""

    __tablename__ = "themes"

    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    synonyms: Mapped[list[str]] = mapped_column(JSON, default=list)


class Practice(IntPk, Timestamped, Versioned, Base):
    """A practice case study of one member city."""

    __tablename__ = "practices"
    __table_args__ = (Index("ix_practices_status_published_at", "status", "published_at"),)

    slug: Mapped[str] = mapped_column(String(160), unique=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    sort_title: Mapped[str] = mapped_column(String(300), index=True)
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    period: Mapped[str | None] = mapped_column(String(60))
    year_start: Mapped[int | None] = mapped_column(Integer)
    year_end: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(8), default="en")
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_url: Mapped[str | None] = mapped_column(String(500))
    # Some sources are publications without a public address; they are cited instead.
    source_citation: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[PracticeStatus] = mapped_column(enum_column(PracticeStatus), index=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The secretariat's latest note to the city (e.g. why changes were requested).
    review_note: Mapped[str | None] = mapped_column(Text)
    is_example: Mapped[bool] = mapped_column(default=False)


class PracticeRevision(IntPk, Base):
    """The text of a practice as it was at one version (kept for every text change)."""

    __tablename__ = "practice_revisions"
    __table_args__ = (UniqueConstraint("practice_id", "version"),)

    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    author_token_id: Mapped[int | None] = mapped_column(
        ForeignKey("api_tokens.id", ondelete="SET NULL")
    )
    author_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PracticeTag(Base):
    """One tag of a practice: (facet, value), e.g. (SDG, "4") or (THEME, "literacy")."""

    __tablename__ = "practice_tags"
    __table_args__ = (Index("ix_practice_tags_facet_value", "facet", "value"),)

    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), primary_key=True
    )
    facet: Mapped[TagFacet] = mapped_column(enum_column(TagFacet), primary_key=True)
    value: Mapped[str] = mapped_column(String(120), primary_key=True)
