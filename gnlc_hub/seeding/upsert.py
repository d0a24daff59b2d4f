"""Rows found by natural key and updated or inserted: what makes every seed step idempotent."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.db import Base

ModelT = TypeVar("ModelT", bound=Base)


class Upserter(Generic[ModelT]):
    """Finds rows by natural key (all loaded once) and updates or inserts them.

    ``key`` names one attribute, or several for association rows (``("cluster_id", "city_id")``).
    """

    def __init__(self, model: type[ModelT], key: str | tuple[str, ...]) -> None:
        self.model = model
        self.key = (key,) if isinstance(key, str) else key
        self.rows: dict[Any, ModelT] = {}

    def _key_of(self, row: ModelT) -> Any:
        values = tuple(getattr(row, name) for name in self.key)
        return values[0] if len(values) == 1 else values

    async def load(self, session: AsyncSession) -> Upserter[ModelT]:
        result = await session.scalars(select(self.model))
        self.rows = {self._key_of(row): row for row in result}
        return self

    def upsert(self, session: AsyncSession, key: Any, **values: Any) -> ModelT:
        row = self.rows.get(key)
        if row is None:
            key_values = key if len(self.key) > 1 else (key,)
            row = self.model(**dict(zip(self.key, key_values, strict=True)), **values)
            session.add(row)
            self.rows[key] = row
        else:
            for name, value in values.items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
        return row
