"""GraphiQL is served by the hub from npm-installed assets: no CDN, and it renders offline."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.graphql.core.http.conftest import GRAPHIQL_ASSETS, AppFactory, http_client

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
# Where to keep the screenshot for a person to look at (nothing is written outside tmp without it).
SCREENSHOT = os.environ.get("GNLC_GRAPHIQL_SCREENSHOT")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,800",
]

needs_assets = pytest.mark.skipif(
    not (GRAPHIQL_ASSETS / "graphiql" / "graphiql.min.js").is_file(),
    reason="GraphiQL's npm assets are not installed (make graphiql-assets)",
)


def chromium() -> str | None:
    return next(
        (path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None
    )


@needs_assets
async def test_the_page_loads_only_the_hubs_own_assets(make_app: AppFactory) -> None:
    app = make_app(graphiql=True, graphiql_assets=GRAPHIQL_ASSETS)
    async with http_client(app) as client:
        page = await client.get("/graphql", headers=HTML)
        assert page.status_code == 200
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert sources
        assert all(source.startswith("/graphiql/") for source in sources), sources
        for source in sources:
            asset = await client.get(source)
            assert asset.status_code == 200, source
            assert asset.headers["cache-control"] == "public, max-age=86400"
        assert (await client.get("/graphiql/../../etc/passwd")).status_code == 404
        assert (await client.get("/graphiql/unknown.js")).status_code == 404


async def test_without_assets_the_hub_starts_and_says_so(
    make_app: AppFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app(graphiql=True, graphiql_assets=tmp_path)
    async with http_client(app) as client:
        page = await client.get("/graphql", headers=HTML)
        api = await client.post("/graphql", json={"query": "{ regions { name } }"})
    assert page.status_code == 503
    assert "make graphiql-assets" in page.text
    assert api.json()["data"]["regions"]
    endpoint = app.state.graphql
    endpoint.graphiql.warn_if_missing()
    assert "GraphiQL's assets are not installed" in caplog.text


async def test_graphiql_off_means_no_page(make_app: AppFactory) -> None:
    async with http_client(make_app(graphiql=False)) as client:
        page = await client.get("/graphql", headers=HTML)
    assert page.status_code == 400  # a GET without a query, answered as the API
    assert page.headers["content-type"].startswith("application/json")


@needs_assets
@pytest.mark.skipif(chromium() is None, reason="no Chromium here (make browser installs it)")
async def test_chromium_renders_the_editor_offline(live_hub: str, tmp_path: Path) -> None:
    """Headless Chromium with background networking off loads the page from the served hub."""
    browser = chromium()
    assert browser is not None
    url = f"{live_hub}/graphql"

    async def run(*args: str) -> str:
        process = await asyncio.create_subprocess_exec(
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=15000",
            *args,
            url,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        async with asyncio.timeout(90):
            output, _ = await process.communicate()
        assert process.returncode == 0
        return output.decode()

    dom = await run("--dump-dom")
    assert 'class="graphiql-container"' in dom, dom[:2000]
    assert "CodeMirror" in dom  # the query editor was mounted
    assert "cities(filter" in dom  # with the hub's example query in it
    assert "Loading GraphiQL" not in dom
    shot = tmp_path / "graphiql.png"
    await run(f"--screenshot={shot}")
    assert shot.stat().st_size > 10_000
    if SCREENSHOT:
        shutil.copyfile(shot, SCREENSHOT)


def test_no_cdn_in_the_served_page_template() -> None:
    from gnlc_hub.graphql.core.http import graphiql

    for template in (graphiql.PAGE, graphiql.MISSING_PAGE):
        assert "http://" not in template
        assert "https://" not in template
