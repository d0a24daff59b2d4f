"""GraphiQL served by the hub itself, so it works on a machine without internet.

The assets come from the npm registry at install time (``clients/graphiql``, ``make
graphiql-assets``) and are served from ``/graphiql/<name>``; nothing is fetched from a CDN.
Without them the hub still starts: the page says what to run instead of staying blank.
"""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Route

logger = logging.getLogger(__name__)

# Served name -> path inside node_modules. A fixed table: no path from a URL reaches the disk.
ASSETS = {
    "react.js": "react/umd/react.production.min.js",
    "react-dom.js": "react-dom/umd/react-dom.production.min.js",
    "graphiql.js": "graphiql/graphiql.min.js",
    "graphiql.css": "graphiql/graphiql.min.css",
}
# Pinned versions never change under a URL; a day keeps reloads cheap without going stale.
ASSET_CACHE = "public, max-age=86400"

INSTALL_HINT = (
    "GraphiQL's assets are not installed: run `make graphiql-assets` (npm ci in "
    "clients/graphiql) or point GNLC_GRAPHIQL_ASSETS at a node_modules folder holding "
    "graphiql@3, react@18 and react-dom@18."
)

EXAMPLE = """# GNLC Hub. Ctrl-Enter runs the query; Ctrl-Space completes.
{
  cities(filter: {regions: [ASIA_AND_THE_PACIFIC], admittedFrom: 2016}, first: 5) {
    totalCount
    edges { node { name country { name } } }
  }
}
"""

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>GNLC Hub · GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <style>body {{ margin: 0; height: 100vh; }} #graphiql {{ height: 100vh; }}</style>
  <link rel="stylesheet" href="/graphiql/graphiql.css">
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/react.js"></script>
  <script src="/graphiql/react-dom.js"></script>
  <script src="/graphiql/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({{ url: window.location.pathname }});
    const root = ReactDOM.createRoot(document.getElementById("graphiql"));
    root.render(React.createElement(GraphiQL, {{
      fetcher,
      defaultQuery: {example},
      defaultEditorToolsVisibility: true,
    }}));
  </script>
</body>
</html>
"""

MISSING_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GNLC Hub · GraphiQL missing</title></head>
<body><h1>GraphiQL is not installed</h1><p id="graphiql-missing">{hint}</p>
<p>The API itself works: POST GraphQL to this URL.</p></body></html>
"""


class GraphiQL:
    """The IDE page and its assets, read from ``assets_dir`` (a node_modules folder)."""

    def __init__(self, assets_dir: Path) -> None:
        self.assets_dir = assets_dir

    def missing(self) -> list[str]:
        return [path for path in ASSETS.values() if not (self.assets_dir / path).is_file()]

    def warn_if_missing(self) -> None:
        if missing := self.missing():
            logger.warning(
                "%s Missing in %s: %s", INSTALL_HINT, self.assets_dir, ", ".join(missing)
            )

    def page(self) -> Response:
        if self.missing():
            return HTMLResponse(MISSING_PAGE.format(hint=html.escape(INSTALL_HINT)), 503)
        return HTMLResponse(PAGE.format(example=json.dumps(EXAMPLE)))

    async def asset(self, request: Request) -> Response:
        relative = ASSETS.get(request.path_params["name"])
        path = self.assets_dir / relative if relative else None
        if path is None or not path.is_file():
            return Response(INSTALL_HINT, 404, media_type="text/plain")
        return FileResponse(path, headers={"Cache-Control": ASSET_CACHE})

    def routes(self) -> list[Route]:
        return [Route("/graphiql/{name}", self.asset, methods=["GET", "HEAD"])]
