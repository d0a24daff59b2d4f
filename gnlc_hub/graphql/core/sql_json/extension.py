"""The schema extension that answers plannable read operations in SQL.

It runs after validation and the cost check, so limits, error codes and the response's
``extensions`` are the same on both paths; when it answers, strawberry skips execution.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension

from gnlc_hub.graphql.core.limits import request_settings
from gnlc_hub.graphql.core.sql_json.answer import SqlAnswer
from gnlc_hub.graphql.core.sql_json.plans import PlanCache

PLANS = PlanCache()
logger = logging.getLogger(__name__)


class AnswerInSql(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:  # type: ignore[override]
        context = self.execution_context
        request = context.context
        document = context.graphql_document
        database = getattr(getattr(request, "runtime", None), "database", None)
        if (
            context.result is None
            and document is not None
            and database is not None
            and database.dialect == "postgresql"
            and request_settings(request).sql_answers
        ):
            answer = SqlAnswer(context.schema, type(request.loaders), request.viewer)
            roots = PLANS.get_or_plan(
                answer, context.query, document, context.operation_name, context.variables
            )
            if roots is not None:
                try:
                    data = await answer.run(roots, request.db, raw=request.raw_json)
                except Exception:
                    # The resolvers answer instead, on a fresh session: a database that is
                    # down gets their coded errors, and a planning mistake costs no request.
                    logger.warning(
                        "SQL answer failed for %s; the resolvers answer",
                        context.operation_name or "an anonymous operation",
                        exc_info=True,
                    )
                    await request.db.abandon()
                else:
                    context.result = GraphQLExecutionResult(data=data, errors=None)
        yield
