"""The strawberry ASGI app: builds one Context (with its viewer) per request."""

from __future__ import annotations

from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from gnlc_hub.auth.tokens import InvalidToken, resolve_viewer
from gnlc_hub.core import clock
from gnlc_hub.graphql.core.context import Context, LoadersFactory, RequestDb
from gnlc_hub.runtime import Runtime


class GraphQLApp(GraphQL[Context, None]):
    """``loaders`` builds a request's loaders: the domains' groups, combined by the caller."""

    def __init__(self, runtime: Runtime, *, loaders: LoadersFactory, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.runtime = runtime
        self.loaders = loaders

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        clock.use(self.runtime.clock)  # every rule of this request reads this clock
        db = RequestDb(self.runtime.database)
        try:
            # A unit of work of its own: it records when the token was last used.
            async with db.transaction() as session:
                viewer = await resolve_viewer(session, request.headers.get("authorization"))
        except InvalidToken as error:
            await db.close()
            # A bad token is the client's mistake, not an anonymous request: say so plainly.
            raise HTTPException(401, str(error)) from None
        return Context(
            request=request,
            response=response if isinstance(response, Response) else None,
            db=db,
            runtime=self.runtime,
            loaders_factory=self.loaders,
            viewer=viewer,
        )
