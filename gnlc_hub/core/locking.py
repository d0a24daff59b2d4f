"""Optimistic locking for every write service: a stale write is refused and changes nothing."""

from __future__ import annotations

from sqlalchemy import ColumnElement
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from gnlc_hub.core.errors import DomainError, ErrorCode, not_found
from gnlc_hub.core.validation import path
from gnlc_hub.db import RowT, Versioned, get_for_update


def conflict(message: str) -> DomainError:
    return DomainError.single(message, ErrorCode.CONFLICT, path("version"))


def check_version(row: Versioned, version: int, what: str) -> None:
    """The writer must have read the current version; otherwise it would overwrite unseen work."""
    if row.version != version:
        raise conflict(
            f"{what} was changed by someone else (it is at version {row.version}, you sent "
            f"{version}): reload it and apply your change again."
        )


async def locked(
    session: AsyncSession,
    model: type[RowT],
    pk: int,
    what: str,
    *conditions: ColumnElement[bool],
    field: str = "id",
) -> RowT:
    """The row to write, locked until the transaction ends; NOT_FOUND on ``input.<field>`` when
    there is none or ``conditions`` hide it from the writer."""
    row = await get_for_update(session, model, pk, *conditions)
    if row is None:
        raise not_found(what, path(field))
    return row


async def flush(session: AsyncSession) -> None:
    """Flush, turning a write that lost a race into a CONFLICT instead of a server error.

    SQLAlchemy's version counter guards every UPDATE (``WHERE version = :read``), and unique
    constraints guard concurrent inserts; either failing means someone else wrote first.
    """
    try:
        await session.flush()
    except StaleDataError:
        raise conflict(
            "Someone else changed this at the same moment: reload it and try again."
        ) from None
    except IntegrityError:
        raise conflict(
            "This clashes with data saved at the same moment (for example the same slug): "
            "reload and try again."
        ) from None
