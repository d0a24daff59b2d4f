"""HTTP caching of anonymous GET queries: ``Cache-Control`` and ``ETag`` / ``If-None-Match``.

The ETag is a digest of the response body itself, so it changes exactly when a write changes
what the query returns, on every replica, with no shared invalidation state; a match answers
304 and saves the transfer. ``max-age`` bounds how long a browser or CDN may reuse a response
without asking (writes are not pushed to caches).
"""

from __future__ import annotations

import hashlib

NO_STORE = "no-store"
PRIVATE = "private, no-store"


def etag_of(body: bytes) -> str:
    """A weak validator: compressed and identity encodings of one body share it."""
    return 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 weak comparison against every tag of ``If-None-Match``."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))


def public(max_age: int) -> str:
    return f"public, max-age={max_age}" if max_age else "no-cache"
