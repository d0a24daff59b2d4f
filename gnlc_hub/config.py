"""Settings from ``GNLC_*`` environment variables, with embedded defaults for a fresh machine."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from gnlc_hub.search.engine import SearchEngineName


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
    cors_origins: list[str] = Field(default_factory=list)
    graphiql: bool = True
    debug_sql: bool = False
    sync_worker: bool = Field(
        True, description="Drain the search outbox inside the server process."
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str) and not value.startswith("["):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

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
