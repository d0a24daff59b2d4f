"""Recording what a mutation changed, in the mutation's own transaction, and reading it back."""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.audit.queries import entity_type_of
from gnlc_hub.core.viewer import Viewer

Snapshot = dict[str, Any]

# Bookkeeping columns: they change with every write and say nothing a reader needs.
BOOKKEEPING = frozenset({"id", "version", "created_at", "updated_at", "sort_name", "sort_title"})


def jsonable(value: Any) -> Any:
    """Column values as JSON: enums by name, dates in ISO 8601, sequences as lists."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    return value


def snapshot(row: Any, *, exclude: Collection[str] = BOOKKEEPING, **extra: Any) -> Snapshot:
    """The state of ``row`` worth auditing; ``extra`` adds derived state (a practice's tags)."""
    state = {
        attribute.key: jsonable(getattr(row, attribute.key))
        for attribute in inspect(type(row)).column_attrs
        if attribute.key not in exclude
    }
    state.update({key: jsonable(value) for key, value in extra.items()})
    return state


def changed(before: Snapshot | None, after: Snapshot | None) -> tuple[Snapshot, Snapshot]:
    """Only the keys whose values differ, on both sides."""
    before, after = before or {}, after or {}
    keys = [key for key in {**before, **after} if before.get(key) != after.get(key)]
    return (
        {key: before[key] for key in keys if key in before},
        {key: after[key] for key in keys if key in after},
    )


async def record(
    session: AsyncSession,
    viewer: Viewer,
    action: str,
    entity: Any,
    before: Snapshot | None,
    after: Snapshot | None,
    note: str | None = None,
) -> AuditEvent:
    """Append who did ``action`` to ``entity`` and what changed (only the differing fields).

    ``before`` is None for creations (whose empty fields are left out) and ``after`` None for
    deletions.
    """
    if inspect(entity).identity is None:
        await session.flush()
    (entity_id,) = inspect(entity).identity
    if before is not None and after is not None:
        before, after = changed(before, after)
    elif after is not None:
        after = {key: value for key, value in after.items() if value not in (None, [], "")}
    event = AuditEvent(
        action=action,
        entity_type=entity_type_of(entity),
        entity_id=entity_id,
        actor_token_id=viewer.token_id,
        actor_role=viewer.role,
        actor_name=viewer.name,
        before=before,
        after=after,
        note=note,
    )
    session.add(event)
    return event
