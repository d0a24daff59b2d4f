"""Declarative DataLoaders: a domain names what to load; one loader per request is built here.

Each domain's ``graphql/<domain>/loaders.py`` declares a ``LoaderGroup`` of ``one``/``many``/
``batched`` attributes; ``graphql/loaders.py`` combines the groups. The first access on a request
builds the DataLoader and caches it on that request's ``Loaders``, so batching and the identity
of loaded rows hold for the whole request.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, select
from strawberry.dataloader import DataLoader

from gnlc_hub.core.viewer import Viewer

if TYPE_CHECKING:
    from gnlc_hub.graphql.core.context import RequestDb

T = TypeVar("T")
Visibility = Callable[[Viewer], ColumnElement[bool]]
"""A domain's ``visible_*`` predicate: which rows the viewer may see."""


def load_one(
    db: RequestDb, column: Any, *conditions: ColumnElement[bool]
) -> DataLoader[Hashable, Any]:
    """Single rows by a unique column (``None`` where absent or not visible)."""
    entity = column.class_

    async def load(keys: Sequence[Hashable]) -> list[Any]:
        rows = await db.scalars(select(entity).where(column.in_(list(keys)), *conditions))
        found = {getattr(row, column.key): row for row in rows}
        return [found.get(key) for key in keys]

    return DataLoader(load_fn=load)


def load_many(
    db: RequestDb, statement_for: Callable[[list[Any]], Select[Any]]
) -> DataLoader[Hashable, list[Any]]:
    """Lists per key; ``statement_for(keys)`` selects ``(key, item)`` rows in order."""

    async def load(keys: Sequence[Hashable]) -> list[list[Any]]:
        groups: dict[Hashable, list[Any]] = defaultdict(list)
        for key, item in await db.rows(statement_for(list(keys))):
            groups[key].append(item)
        return [groups.get(key, []) for key in keys]

    return DataLoader(load_fn=load)


class LoaderGroup:
    """The request's database and viewer, which every declared loader is built from."""

    def __init__(self, db: RequestDb, viewer: Viewer) -> None:
        self.db = db
        self.viewer = viewer

    def cached(self, key: Hashable, build: Callable[[], DataLoader[Any, Any]]) -> Any:
        """A loader built once per request under ``key`` (for loaders with a parameter)."""
        loaders: dict[Hashable, DataLoader[Any, Any]] = self.__dict__.setdefault("_keyed", {})
        if key not in loaders:
            loaders[key] = build()
        return loaders[key]


class LoaderSpec(ABC, Generic[T]):
    """A class attribute that becomes the request's DataLoader on first access."""

    name: str

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, group: LoaderGroup | None, owner: type | None = None) -> Any:
        if group is None:
            return self
        loader = self.build(group)
        group.__dict__[self.name] = loader  # later reads find the instance attribute first
        return loader

    @abstractmethod
    def build(self, group: LoaderGroup) -> DataLoader[Hashable, T]:
        """The DataLoader for one request."""


def _conditions(visible: Visibility | None, viewer: Viewer) -> tuple[ColumnElement[bool], ...]:
    return () if visible is None else (visible(viewer),)


class one(LoaderSpec[Any]):
    """Rows by a unique ``column``, limited to what ``visible`` lets the viewer see."""

    def __init__(self, column: Any, *, visible: Visibility | None = None) -> None:
        self.column = column
        self.visible = visible

    def build(self, group: LoaderGroup) -> DataLoader[Hashable, Any]:
        return load_one(group.db, self.column, *_conditions(self.visible, group.viewer))


class many(LoaderSpec[list[Any]]):
    """Lists of rows per ``key`` column, in ``order``.

    ``item`` loads another entity reached through ``key``'s table (joined ``on``), e.g. the
    alliances of a city through its memberships.
    """

    def __init__(
        self,
        key: Any,
        *,
        order: Sequence[Any],
        item: Any | None = None,
        on: ColumnElement[bool] | None = None,
        visible: Visibility | None = None,
    ) -> None:
        self.key = key
        self.order = tuple(order)
        self.item = item if item is not None else key.class_
        self.on = on
        self.visible = visible

    def statement(self, keys: list[Any], viewer: Viewer) -> Select[Any]:
        statement = select(self.key, self.item)
        if self.on is not None:
            statement = statement.join(self.item, self.on)
        return statement.where(self.key.in_(keys), *_conditions(self.visible, viewer)).order_by(
            *self.order
        )

    def build(self, group: LoaderGroup) -> DataLoader[Hashable, list[Any]]:
        return load_many(group.db, lambda keys: self.statement(keys, group.viewer))


class batched(LoaderSpec[Any]):
    """A hand-written batch function for what is not a plain row lookup (aggregates, tags)."""

    def __init__(self, load: Callable[[LoaderGroup, Sequence[Any]], Awaitable[list[Any]]]) -> None:
        self.load = load

    def build(self, group: LoaderGroup) -> DataLoader[Hashable, Any]:
        async def load(keys: Sequence[Any]) -> list[Any]:
            return await self.load(group, keys)

        return DataLoader(load_fn=load)
