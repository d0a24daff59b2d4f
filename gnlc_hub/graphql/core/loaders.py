"""Declarative DataLoaders: a domain names what to load; one loader per request is built here.

Each domain's ``graphql/<domain>/loaders.py`` declares a ``LoaderGroup`` of ``one``/``many``/
``batched`` attributes; ``graphql/loaders.py`` combines the groups. The first access on a request
builds the DataLoader and caches it on that request's ``Loaders``, so batching and the identity
of loaded rows hold for the whole request.

Every loader is a ``Loader``: besides DataLoader's ``load`` (a future, batched with the other
fields of the tick) it can ``prefetch`` many keys in one batch and then hand their values out
synchronously (``get``). Lists prefetch their relations that way (``graphql.core.relations``),
so a page of 500 practices costs one statement per relation and no future per field.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, select
from strawberry.dataloader import DataLoader

from gnlc_hub.core.viewer import Viewer

if TYPE_CHECKING:
    from gnlc_hub.graphql.core.context import RequestDb

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
Visibility = Callable[[Viewer], ColumnElement[bool]]
"""A domain's ``visible_*`` predicate: which rows the viewer may see."""


class Loader(DataLoader[K, T]):
    """A DataLoader that keeps what it loaded, so later reads need not await."""

    def __init__(self, load_fn: Callable[[list[K]], Awaitable[Sequence[T]]]) -> None:
        self.loaded: dict[K, T] = {}

        async def load_and_keep(keys: list[K]) -> Sequence[T]:
            values = await load_fn(keys)
            self.loaded.update(zip(keys, values, strict=True))
            return values

        super().__init__(load_fn=load_and_keep)

    def get(self, key: K) -> T | Awaitable[T]:
        """The value when loaded already, else a future of it (a batched ``load``)."""
        try:
            return self.loaded[key]
        except KeyError:
            return self.load(key)

    async def prefetch(self, keys: Iterable[K]) -> None:
        """Load the values of ``keys`` not loaded yet, in one batch and without futures; they
        also prime DataLoader's cache, so a later ``load`` of one of them queries nothing."""
        loaded = self.loaded
        missing = [key for key in dict.fromkeys(keys) if key not in loaded]
        if missing:
            await self.load_fn(missing)
            self.prime_many({key: loaded[key] for key in missing})


def load_one(db: RequestDb, column: Any, *conditions: ColumnElement[bool]) -> Loader[Any, Any]:
    """Single rows by a unique column (``None`` where absent or not visible)."""
    entity = column.class_

    async def load(keys: Sequence[Hashable]) -> list[Any]:
        rows = await db.scalars(select(entity).where(column.in_(list(keys)), *conditions))
        found = {getattr(row, column.key): row for row in rows}
        return [found.get(key) for key in keys]

    return Loader(load)


def load_many(
    db: RequestDb, statement_for: Callable[[list[Any]], Select[Any]]
) -> Loader[Any, list[Any]]:
    """Lists per key; ``statement_for(keys)`` selects ``(key, item)`` rows in order."""

    async def load(keys: Sequence[Hashable]) -> list[list[Any]]:
        groups: dict[Hashable, list[Any]] = defaultdict(list)
        for key, item in await db.rows(statement_for(list(keys))):
            groups[key].append(item)
        return [groups.get(key, []) for key in keys]

    return Loader(load)


class LoaderGroup:
    """The request's database and viewer, which every declared loader is built from."""

    def __init__(self, db: RequestDb, viewer: Viewer) -> None:
        self.db = db
        self.viewer = viewer

    def cached(self, key: Hashable, build: Callable[[], Loader[Any, Any]]) -> Any:
        """A loader built once per request under ``key`` (for loaders with a parameter)."""
        loaders: dict[Hashable, Loader[Any, Any]] = self.__dict__.setdefault("_keyed", {})
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
    def build(self, group: LoaderGroup) -> Loader[Any, T]:
        """The loader for one request."""


def _conditions(visible: Visibility | None, viewer: Viewer) -> tuple[ColumnElement[bool], ...]:
    return () if visible is None else (visible(viewer),)


class one(LoaderSpec[Any]):
    """Rows by a unique ``column``, limited to what ``visible`` lets the viewer see."""

    def __init__(self, column: Any, *, visible: Visibility | None = None) -> None:
        self.column = column
        self.visible = visible

    def conditions(self, viewer: Viewer) -> tuple[ColumnElement[bool], ...]:
        """What the viewer may see of these rows, as WHERE conditions."""
        return _conditions(self.visible, viewer)

    def rows(self, value: Any, viewer: Viewer) -> Select[Any]:
        """The visible row whose ``column`` is ``value`` (what ``load(value)`` finds)."""
        return select(self.column.class_).where(self.column == value, *self.conditions(viewer))

    def build(self, group: LoaderGroup) -> Loader[Any, Any]:
        return load_one(group.db, self.column, *self.conditions(group.viewer))


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

    def conditions(self, viewer: Viewer) -> tuple[ColumnElement[bool], ...]:
        """What the viewer may see of these rows, as WHERE conditions."""
        return _conditions(self.visible, viewer)

    def statement(self, keys: list[Any], viewer: Viewer) -> Select[Any]:
        statement = select(self.key, self.item)
        if self.on is not None:
            statement = statement.join(self.item, self.on)
        return statement.where(self.key.in_(keys), *self.conditions(viewer)).order_by(*self.order)

    def build(self, group: LoaderGroup) -> Loader[Any, list[Any]]:
        return load_many(group.db, lambda keys: self.statement(keys, group.viewer))


class batched(LoaderSpec[Any]):
    """A hand-written batch function for what is not a plain row lookup (aggregates, tags)."""

    def __init__(self, load: Callable[[LoaderGroup, Sequence[Any]], Awaitable[list[Any]]]) -> None:
        self.load = load

    def build(self, group: LoaderGroup) -> Loader[Any, Any]:
        async def load(keys: Sequence[Any]) -> list[Any]:
            return await self.load(group, keys)

        return Loader(load)
