"""Browsers on configured origins may call the API; others are refused at the preflight."""

from __future__ import annotations

from tests.graphql.core.http.conftest import AppFactory, http_client

PORTAL = "http://portal.example"
PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": (
        "content-type, authorization, apollographql-client-name, apollographql-client-version"
    ),
}


async def test_preflight_from_a_configured_origin_passes(make_app: AppFactory) -> None:
    app = make_app(cors_origins=[PORTAL, "https://maps.example"])
    async with http_client(app) as client:
        response = await client.options("/graphql", headers={"Origin": PORTAL, **PREFLIGHT})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == PORTAL
    allowed = {
        h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")
    }
    assert {"apollographql-client-name", "apollographql-client-version", "authorization"} <= allowed
    assert "POST" in response.headers["access-control-allow-methods"]
    assert response.headers["access-control-max-age"] == "600"


async def test_preflight_from_another_origin_is_refused(make_app: AppFactory) -> None:
    app = make_app(cors_origins=[PORTAL])
    async with http_client(app) as client:
        response = await client.options(
            "/graphql", headers={"Origin": "http://evil.example", **PREFLIGHT}
        )
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


async def test_a_header_outside_the_list_is_refused(make_app: AppFactory) -> None:
    app = make_app(cors_origins=[PORTAL], cors_allow_headers=["content-type"])
    async with http_client(app) as client:
        response = await client.options(
            "/graphql",
            headers={
                "Origin": PORTAL,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "apollographql-client-name",
            },
        )
    assert response.status_code == 400


async def test_the_actual_request_exposes_cache_and_rate_headers(make_app: AppFactory) -> None:
    app = make_app(cors_origins=[PORTAL])
    async with http_client(app) as client:
        response = await client.post(
            "/graphql", json={"query": "{ regions { name } }"}, headers={"Origin": PORTAL}
        )
        elsewhere = await client.post(
            "/graphql",
            json={"query": "{ regions { name } }"},
            headers={"Origin": "http://x.example"},
        )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == PORTAL
    exposed = response.headers["access-control-expose-headers"].lower()
    assert "etag" in exposed
    assert "ratelimit" in exposed
    # Without the header the browser withholds the answer from the other page.
    assert "access-control-allow-origin" not in elsewhere.headers


async def test_no_origin_configured_means_no_cross_origin_access(make_app: AppFactory) -> None:
    async with http_client(make_app(cors_origins=[])) as client:
        response = await client.options("/graphql", headers={"Origin": PORTAL, **PREFLIGHT})
    assert "access-control-allow-origin" not in response.headers
