"""Plans kept between requests: building a plan's expressions costs more than running it."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import orjson

from gnlc_hub.core.viewer import Viewer
from gnlc_hub.graphql.core.caches import MAX_CACHED_DOCUMENT_CHARS
from gnlc_hub.graphql.core.sql_json.answer import RootPlan, SqlAnswer
from gnlc_hub.graphql.core.sql_json.marks import NotPlannable

# A plan's SQLAlchemy expressions take about 100 bytes per character of its document (58 KiB
# for the 560-character portal query), so the cache is bounded by the documents' total size.
MAX_CACHED_DOCUMENT_TEXT = 250_000


class PlanCache:
    """Plans by (document, operation, variables, viewer), least recently used out first:
    building a plan's expressions costs 2–5 ms, more than running it. Portals send the same
    few documents and pages; a document or variables too big to be one of them is planned
    every time, like the validation cache does (``graphql.core.caches``), and the documents
    of all cached plans together stay under ``max_text`` characters (about 25 MB of plans)."""

    def __init__(
        self,
        maxsize: int = 512,
        max_key_chars: int = MAX_CACHED_DOCUMENT_CHARS,
        max_text: int = MAX_CACHED_DOCUMENT_TEXT,
    ) -> None:
        self.maxsize = maxsize
        self.max_key_chars = max_key_chars
        self.max_text = max_text
        self.text = 0  # characters of the documents of the cached plans
        self.plans: OrderedDict[tuple[Any, ...], list[RootPlan] | None] = OrderedDict()

    def get_or_plan(
        self,
        answer: SqlAnswer,
        query: str | None,
        document: Any,
        operation_name: str | None,
        variables: dict[str, Any] | None,
    ) -> list[RootPlan] | None:
        """The operation's plan, or None when it needs the resolvers."""
        key = self._key(answer.viewer, query, operation_name, variables)
        if key is not None and key in self.plans:
            self.plans.move_to_end(key)
            return self.plans[key]
        try:
            plan: list[RootPlan] | None = answer.plan(document, operation_name, variables)
        except NotPlannable:
            plan = None
        if key is not None:
            self.plans[key] = plan
            self.text += len(key[0])
            while len(self.plans) > self.maxsize or self.text > self.max_text:
                evicted, _ = self.plans.popitem(last=False)
                self.text -= len(evicted[0])
        return plan

    def _key(
        self,
        viewer: Viewer,
        query: str | None,
        operation_name: str | None,
        variables: dict[str, Any] | None,
    ) -> tuple[Any, ...] | None:
        if query is None or len(query) > self.max_key_chars:
            return None
        try:
            frozen = orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS)
        except TypeError:
            return None
        if len(frozen) > self.max_key_chars:
            return None
        # The whole viewer: a plan holds the visibility conditions made for it.
        return (query, operation_name, frozen, viewer)
