"""Settings as people and containers pass them: empty values, one item, comma lists, JSON."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from gnlc_hub.config import DEFAULT_CORS_HEADERS, Settings


@pytest.mark.parametrize(
    ("raw", "origins"),
    [
        ("", []),
        ("   ", []),
        ("http://portal.example", ["http://portal.example"]),
        (
            "http://portal.example, https://maps.example:8443,",
            ["http://portal.example", "https://maps.example:8443"],
        ),
        ('["http://a.example", "http://b.example"]', ["http://a.example", "http://b.example"]),
        ("https://portal.example/", ["https://portal.example"]),
        ("*", ["*"]),
    ],
)
def test_cors_origins_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, raw: str, origins: list[str]
) -> None:
    monkeypatch.setenv("GNLC_CORS_ORIGINS", raw)
    assert Settings(_env_file=None).cors_origins == origins


def test_other_list_settings_split_the_same_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GNLC_CORS_ALLOW_HEADERS", "content-type,x-portal")
    monkeypatch.setenv("GNLC_RATE_LIMIT_EXEMPT", "")
    monkeypatch.setenv("GNLC_TRUSTED_PROXIES", "10.0.0.2, 172.16.0.0/12")
    monkeypatch.setenv("GNLC_RATE_LIMIT_STORAGE", "redis://cache:6379")
    settings = Settings(_env_file=None)
    assert settings.cors_allow_headers == ["content-type", "x-portal"]
    assert settings.rate_limit_exempt == []
    assert settings.trusted_proxies == ["10.0.0.2", "172.16.0.0/12"]
    assert settings.rate_limit_storage == "redis://cache:6379"


def test_default_headers_let_apollo_clients_through() -> None:
    headers = Settings(_env_file=None).cors_allow_headers
    assert headers == DEFAULT_CORS_HEADERS
    for header in ("content-type", "authorization", "apollographql-client-name"):
        assert header in headers


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("GNLC_CORS_ORIGINS", "portal.example"),
        ("GNLC_CORS_ORIGINS", "http://portal.example/app"),
        ("GNLC_CORS_ORIGINS", '["http://a.example",'),
        ("GNLC_RATE_LIMIT_ANONYMOUS", "lots"),
        ("GNLC_HTTP_MAX_BODY_BYTES", "10"),
        ("GNLC_RATE_LIMIT_STORAGE", "postgres://db"),
        ("GNLC_TRUSTED_PROXIES", "10.0.0.0/33"),
    ],
)
def test_bad_values_are_validation_errors(
    monkeypatch: pytest.MonkeyPatch, name: str, raw: str
) -> None:
    monkeypatch.setenv(name, raw)
    with pytest.raises(ValidationError) as raised:
        Settings(_env_file=None)
    assert raised.value.error_count() == 1


@pytest.mark.parametrize(
    ("raw", "words"),
    [("portal.example", "scheme://host"), ('["http://a.example",', "JSON list")],
)
def test_the_command_line_prints_one_line(tmp_path: Path, raw: str, words: str) -> None:
    env = {**os.environ, "GNLC_DATA_DIR": str(tmp_path), "GNLC_CORS_ORIGINS": raw, "COLUMNS": "40"}
    cli = Path(sys.executable).with_name("gnlc-hub")
    result = subprocess.run(
        [str(cli), "migrate"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "GNLC_CORS_ORIGINS" in lines[0]
    assert words in lines[0]
    assert "Traceback" not in result.stdout + result.stderr
