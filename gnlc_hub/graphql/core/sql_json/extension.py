"""The schema extension that answers plannable read operations in SQL.

It runs after validation and the cost check, so limits, error codes and the response's
``extensions`` are the same on both paths; when it answers, strawberry skips execution.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension

from gnlc_hub.graphql.core.limits import request_settings
from gnlc_hub.graphql.core.sql_json.answer import SqlAnswer
from gnlc_hub.graphql.core.sql_json.plans import PlanCache

PLANS = PlanCache()


class AnswerInSql(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:  # type: ignore[override]
        context = self.execution_context
        request = context.context
        document = context.graphql_document
        if (
            context.result is None
            and document is not None
            and request is not None
            and request_settings(request).sql_answers
            and request.runtime.database.dialect == "postgresql"
        ):
            answer = SqlAnswer(context.schema, type(request.loaders), request.viewer)
            roots = PLANS.get_or_plan(
                answer, context.query, document, context.operation_name, context.variables
            )
            if roots is not None:
                data = await answer.run(roots, request.db, raw=request.raw_json)
                context.result = GraphQLExecutionResult(data=data, errors=None)
        yield
