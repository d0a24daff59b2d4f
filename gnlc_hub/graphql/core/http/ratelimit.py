"""Request rate limits per bearer token and per client address, with the ``limits`` library.

Headers follow the IETF draft "RateLimit header fields for HTTP" (structured fields):
``RateLimit-Policy: "anonymous";q=300;w=60`` and ``RateLimit: "anonymous";r=12;t=30``, plus
``Retry-After`` on a 429. The counters live in ``limits`` storage: in memory per process by
default, shared by replicas with a storage URL such as ``redis://host:6379``.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.aio.strategies import (
    FixedWindowRateLimiter,
    MovingWindowRateLimiter,
    RateLimiter,
)
from limits.storage import storage_from_string
from starlette.requests import Request

from gnlc_hub.config import Settings
from gnlc_hub.graphql.core.http.errors import HttpCode, HttpError


@dataclass(frozen=True)
class Quota:
    """Where one request stands against its policy."""

    policy: str
    limit: int
    window: int
    remaining: int
    reset: int

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Policy": f'"{self.policy}";q={self.limit};w={self.window}',
            "RateLimit": f'"{self.policy}";r={self.remaining};t={self.reset}',
        }


Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


def networks(values: list[str]) -> Networks:
    return tuple(ipaddress.ip_network(value, strict=False) for value in values)


def within(address: str, among: Networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in among)


def client_address(request: Request, trusted_proxies: Networks) -> str:
    """The peer's address, or the nearest untrusted hop of X-Forwarded-For behind our proxies."""
    peer = request.client.host if request.client else "unknown"
    if not within(peer, trusted_proxies):
        return peer
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if not within(hop, trusted_proxies):
            return hop
    return peer


def token_key(authorization: str) -> str:
    """Counters are keyed by a digest, never by the secret itself."""
    return hashlib.sha256(authorization.encode()).hexdigest()[:32]


class RateLimits:
    """One limiter for the process; ``check`` counts a request and refuses it when over."""

    def __init__(self, settings: Settings) -> None:
        self.enabled = settings.rate_limit_enabled
        self.exempt = networks(settings.rate_limit_exempt)
        self.trusted_proxies = networks(settings.trusted_proxies)
        self.anonymous = parse(settings.rate_limit_anonymous)
        self.token = parse(settings.rate_limit_token)
        storage = storage_from_string(_async_url(settings.rate_limit_storage))
        assert isinstance(storage, Storage)
        strategy = (
            MovingWindowRateLimiter
            if settings.rate_limit_strategy == "moving-window"
            else FixedWindowRateLimiter
        )
        self.limiter: RateLimiter = strategy(storage)

    async def check(self, request: Request, *, authenticated: bool, cost: int = 1) -> Quota | None:
        """Count ``cost`` operations against the caller; None when limits do not apply."""
        address = client_address(request, self.trusted_proxies)
        if not self.enabled or within(address, self.exempt):
            return None
        authorization = request.headers.get("authorization")
        if authenticated and authorization:
            item, policy, key = self.token, "token", "token:" + token_key(authorization)
        else:
            item, policy, key = self.anonymous, "anonymous", "address:" + address
        allowed = await self.limiter.hit(item, key, cost=cost)
        quota = await self._quota(item, policy, key)
        if not allowed:
            retry = max(1, quota.reset)
            raise HttpError(
                429,
                f"Rate limit exceeded ({item.amount} requests per {_window(item)} s); "
                f"retry in {retry} s.",
                HttpCode.RATE_LIMITED,
                headers={**quota.headers(), "Retry-After": str(retry)},
            )
        return quota

    async def _quota(self, item: RateLimitItem, policy: str, key: str) -> Quota:
        stats = await self.limiter.get_window_stats(item, key)
        reset = max(0, math.ceil(stats.reset_time - time.time()))
        return Quota(policy, item.amount, _window(item), stats.remaining, reset)


def _window(item: RateLimitItem) -> int:
    return int(item.get_expiry())


def _async_url(url: str) -> str:
    """``limits`` picks its asyncio storages by the ``async+`` scheme prefix."""
    return url if url.startswith("async+") else "async+" + url
