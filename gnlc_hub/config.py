"""Settings from ``GNLC_*`` environment variables, with embedded defaults for a fresh machine."""

from __future__ import annotations

import ipaddress
import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

import limits
from limits.storage import SCHEMES
from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from gnlc_hub.search.engine import SearchEngineName

RateLimitStrategy = Literal["moving-window", "fixed-window"]


def split_list(value: object) -> object:
    """Read a list setting the way people and containers write it.

    ``""`` (docker-compose's unset value) is empty, ``a,b`` is two items, and a JSON list keeps
    working; pydantic-settings would otherwise JSON-decode the raw string and fail on all three.
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("["):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            raise ValueError(f"not a JSON list: {text!r}") from None
    return [item.strip() for item in text.split(",") if item.strip()]


def check_origins(origins: list[str]) -> list[str]:
    """An origin is ``scheme://host[:port]`` (what browsers send in ``Origin``) or ``*``."""
    for origin in origins:
        if origin == "*":
            continue
        parts = urlsplit(origin)
        if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path.strip("/"):
            raise ValueError(
                f"{origin!r} is not an origin; write scheme://host[:port], e.g. "
                "https://portal.example.org, comma-separated"
            )
    return [origin.rstrip("/") for origin in origins]


def check_rate(value: str) -> str:
    """A rate in ``limits`` notation, checked at start-up rather than on the first request."""
    try:
        limits.parse(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a rate such as 300/minute or 10/second") from None
    return value


def check_storage(url: str) -> str:
    """A ``limits`` storage URL (``memory://``, ``redis://host:6379``, …), checked by its scheme."""
    scheme = url.partition("://")[0]
    if "://" not in url or (scheme not in SCHEMES and f"async+{scheme}" not in SCHEMES):
        known = sorted(name for name in SCHEMES if not name.startswith("async+"))
        raise ValueError(f"{url!r} is not a limits storage URL; schemes: {', '.join(known)}")
    return url


def check_networks(values: list[str]) -> list[str]:
    """Addresses or CIDR networks (``10.0.0.2``, ``172.16.0.0/12``)."""
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ValueError(f"{value!r} is not an IP address or network") from None
    return values


Rate = Annotated[str, AfterValidator(check_rate)]
StringList = Annotated[list[str], NoDecode, BeforeValidator(split_list)]
OriginList = Annotated[StringList, AfterValidator(check_origins)]
NetworkList = Annotated[StringList, AfterValidator(check_networks)]

# Request headers browsers may send cross-origin: Apollo Client's identification headers, the
# persisted-query and batching clients' headers and the usual content negotiation.
DEFAULT_CORS_HEADERS = [
    "accept",
    "authorization",
    "content-type",
    "apollographql-client-name",
    "apollographql-client-version",
    "apollo-require-preflight",
    "x-apollo-operation-name",
    "x-requested-with",
    "if-none-match",
]


class Settings(BaseSettings):
    """Everything the hub can be told; nothing is read at import time."""

    model_config = SettingsConfigDict(env_prefix="GNLC_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path(".gnlc"), description="Folder for the SQLite file and the index.")
    database_url: str | None = Field(None, description="SQLAlchemy async URL; SQLite by default.")
    search_engine: SearchEngineName | None = Field(
        None, description="`embedded` or `meilisearch`; meilisearch when a Meilisearch URL is set."
    )
    meili_url: str | None = None
    meili_key: str | None = None
    meili_index: str = "practices"
    cors_origins: OriginList = Field(
        default_factory=list, description="Origins allowed to call from a browser; `*` for any."
    )
    cors_allow_headers: StringList = Field(
        default_factory=lambda: list(DEFAULT_CORS_HEADERS),
        description="Request headers a browser may send cross-origin.",
    )
    cors_max_age: int = Field(600, ge=0, description="Seconds a browser may cache a preflight.")
    graphiql: bool = True
    graphiql_assets: Path = Field(
        Path("clients/graphiql/node_modules"),
        description="node_modules with graphiql, react and react-dom (`make graphiql-assets`).",
    )
    # GraphQL over HTTP (gnlc_hub/graphql/core/http/).
    http_max_body_bytes: int = Field(
        1_000_000, ge=1024, description="Largest request body (after gzip decoding); 413 above."
    )
    http_max_batch: int = Field(
        10, ge=0, description="Most operations in one batched (JSON array) request; 0 disables."
    )
    http_cache_max_age: int = Field(
        30, ge=0, description="`Cache-Control: max-age` of anonymous GET query responses."
    )
    http_gzip_min_bytes: int = Field(1024, ge=0, description="Compress responses from this size.")
    apq_cache_size: int = Field(
        2000, ge=0, description="Persisted queries kept per process (LRU); 0 disables APQ."
    )
    rate_limit_enabled: bool = True
    rate_limit_anonymous: Rate = Field(
        "300/minute", description="Per client address, `limits` notation (`10/second`, …)."
    )
    rate_limit_token: Rate = Field("1200/minute", description="Per bearer token.")
    rate_limit_strategy: RateLimitStrategy = "moving-window"
    rate_limit_storage: Annotated[str, AfterValidator(check_storage)] = Field(
        "memory://", description="`limits` storage URL, e.g. redis://host:6379 shared by replicas."
    )
    rate_limit_exempt: NetworkList = Field(
        default_factory=list, description="Client addresses or networks never limited."
    )
    trusted_proxies: NetworkList = Field(
        default_factory=list,
        description="Proxy addresses or networks whose X-Forwarded-For names the real client.",
    )
    debug_sql: bool = False
    sync_worker: bool = Field(
        True, description="Drain the search outbox inside the server process."
    )
    sync_poll_seconds: float = Field(
        2.0, gt=0, description="Seconds between outbox polls (and index checks) of the worker."
    )
    ready_outbox_failing_seconds: float = Field(
        300.0,
        ge=0,
        description="`/ready` reports degraded once an outbox entry has failed for this long.",
    )
    max_query_cost: int = Field(
        50_000, ge=1, description="Most one GraphQL operation may cost (README: Limits)."
    )
    execution_timeout: float = Field(
        10.0, gt=0, description="Seconds one GraphQL operation may run before it is stopped."
    )
    sql_answers: bool = Field(
        True,
        description="On PostgreSQL, let the database build the JSON of read queries that "
        "map onto tables and relations (README: Performance); false: resolvers answer all.",
    )

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return normalise_database_url(self.database_url)
        return f"sqlite+aiosqlite:///{(self.data_dir / 'gnlc.sqlite3').resolve()}"

    @property
    def resolved_search_engine(self) -> SearchEngineName:
        if self.search_engine:
            return self.search_engine
        return SearchEngineName.MEILISEARCH if self.meili_url else SearchEngineName.EMBEDDED

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


def normalise_database_url(url: str) -> str:
    """Accept the URLs people paste (``postgres://…``) and pick the async driver for them."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    if url.startswith("sqlite://") and not url.startswith("sqlite+aiosqlite://"):
        return "sqlite+aiosqlite://" + url[len("sqlite://") :]
    return url


@lru_cache
def get_settings() -> Settings:
    return Settings()
