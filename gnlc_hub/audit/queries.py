"""Reading the audit trail: the one history query, for loaders and services alike."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit.models import AuditEvent


def events_of(entity_type: str, entity_ids: Collection[int]) -> Select[tuple[int, AuditEvent]]:
    """``(entity_id, event)`` rows of objects of one type, oldest first: the one history query."""
    return (
        select(AuditEvent.entity_id, AuditEvent)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id.in_(list(entity_ids)))
        .order_by(AuditEvent.id)
    )


async def history(session: AsyncSession, entity: Any) -> list[AuditEvent]:
    """Everything recorded about one object, oldest first."""
    (entity_id,) = inspect(entity).identity
    rows = await session.execute(events_of(entity_type_of(entity), [entity_id]))
    return [event for _, event in rows]


def entity_type_of(row: Any) -> str:
    """``Practice`` → ``practice``, ``CityProfile`` → ``city_profile``."""
    return _CAMEL_BOUNDARY.sub("_", type(row).__name__).lower()


_CAMEL_BOUNDARY = re.compile(r"(?<!^)(?=[A-Z])")
