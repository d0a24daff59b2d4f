"""Tables of the search domain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gnlc_hub.db import Base, IntPk, UTCDateTime, utcnow


class OutboxEntry(IntPk, Base):
    """ "Practice N changed": written in the same transaction as the change itself.

    The sync worker reads the practice's *current* state when it drains an entry, so entries
    are idempotent and can be delivered twice or out of order without harm.
    """

    __tablename__ = "search_outbox"
    __table_args__ = (Index("ix_search_outbox_pending", "processed_at", "available_at"),)

    entity_type: Mapped[str] = mapped_column(String(40), default="practice")
    entity_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    available_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
