"""Reading a GraphQL-over-HTTP request: body limits, encodings, media types and JSON shape.

Everything a client can get wrong is refused here with a coded 4xx (see ``http_errors``), so
no malformed body reaches the executor or ends in a bare 500.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import QueryParams
from starlette.requests import Request

from gnlc_hub.graphql.core.http.errors import HttpCode, HttpError, bad_request

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
APPLICATION_JSON = "application/json"
# Deeper JSON than any of our inputs needs; stops pathological nesting before graphql-core
# coerces it recursively.
MAX_JSON_DEPTH = 64


@dataclass(frozen=True)
class Operation:
    """One GraphQL request of the body (a batch holds several)."""

    query: str | None
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None


@dataclass(frozen=True)
class ParsedRequest:
    operations: list[Operation]
    batch: bool


def _accepted(header: str) -> list[tuple[str, float]]:
    """Media types of an ``Accept`` header with their q-values, best first."""
    ranked: list[tuple[str, float, int]] = []
    for position, part in enumerate(header.split(",")):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranked.append((media.lower(), quality, position))
    ranked.sort(key=lambda item: (-item[1], item[2]))
    return [(media, quality) for media, quality, _ in ranked if quality > 0]


def response_media_type(accept: str | None) -> str:
    """The media type to answer with, per GraphQL over HTTP: the client's best supported one.

    No ``Accept`` (legacy clients) means ``application/json``; nothing acceptable is a 406.
    """
    if not accept:
        return APPLICATION_JSON
    for media, _ in _accepted(accept):
        if media == GRAPHQL_RESPONSE_JSON:
            return GRAPHQL_RESPONSE_JSON
        if media in {APPLICATION_JSON, "application/*", "*/*"}:
            return APPLICATION_JSON
    raise HttpError(
        406,
        f"Cannot answer with any of {accept!r}: accept {GRAPHQL_RESPONSE_JSON} "
        f"or {APPLICATION_JSON}.",
        HttpCode.NOT_ACCEPTABLE,
    )


def wants_html(accept: str | None) -> bool:
    return bool(accept) and any(media == "text/html" for media, _ in _accepted(accept or ""))


def _too_large(limit: int) -> HttpError:
    return HttpError(
        413, f"Request body exceeds the limit of {limit} bytes.", HttpCode.REQUEST_TOO_LARGE
    )


async def read_body(request: Request, limit: int) -> bytes:
    """The decoded body, refusing before reading more than ``limit`` bytes (compressed or not)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding in {"gzip", "x-gzip"}:
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    elif encoding in {"identity", ""}:
        decoder = None
    else:
        raise HttpError(
            415,
            f"Content-Encoding {encoding!r} is not supported; send identity, gzip or deflate.",
            HttpCode.UNSUPPORTED_MEDIA_TYPE,
        )
    body = bytearray()
    try:
        async for chunk in request.stream():
            if decoder is None:
                body += chunk
            else:
                # max_length bounds what one chunk may inflate to: a zip bomb stops here.
                body += decoder.decompress(chunk, limit + 1 - len(body))
                if decoder.unconsumed_tail:
                    raise _too_large(limit)
            if len(body) > limit:
                raise _too_large(limit)
        if decoder is not None:
            body += decoder.flush()
            if not decoder.eof:
                raise bad_request(f"The {encoding} body is truncated.")
    except zlib.error:
        raise bad_request(f"The body is not valid {encoding} data.") from None
    if len(body) > limit:
        raise _too_large(limit)
    return bytes(body)


def _check_depth(value: Any) -> None:
    """Refuse JSON nested deeper than ``MAX_JSON_DEPTH`` (iteratively: no recursion to exhaust)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise bad_request(f"JSON is nested deeper than {MAX_JSON_DEPTH} levels.")
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)


def parse_json(text: str | bytes, what: str) -> Any:
    """Decode JSON; invalid UTF-8, bad syntax and runaway nesting are 400s.

    The standard library keeps escaped lone surrogates (browsers send them), which the schema's
    validators then refuse with a field error.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise bad_request(f"The {what} is not valid UTF-8.") from None
    try:
        value = json.loads(text)
    except RecursionError:
        raise bad_request(f"The {what} is nested too deeply.") from None
    except ValueError as error:
        raise bad_request(f"The {what} is not valid JSON: {error}.") from None
    _check_depth(value)
    return value


def _check_content_type(request: Request) -> None:
    header = request.headers.get("content-type")
    if header is None:
        raise HttpError(
            415, f"Send the body as {APPLICATION_JSON}.", HttpCode.UNSUPPORTED_MEDIA_TYPE
        )
    media, *params = (piece.strip() for piece in header.split(";"))
    if media.lower() != APPLICATION_JSON:
        raise HttpError(
            415,
            f"Content-Type {media!r} is not supported; send {APPLICATION_JSON}.",
            HttpCode.UNSUPPORTED_MEDIA_TYPE,
        )
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() != "utf-8":
            raise HttpError(
                415,
                f"Charset {value.strip()!r} is not supported; send utf-8.",
                HttpCode.UNSUPPORTED_MEDIA_TYPE,
            )


def _operation(data: object) -> Operation:
    if not isinstance(data, dict):
        raise bad_request("A GraphQL request must be a JSON object.")
    query, variables = data.get("query"), data.get("variables")
    name, extensions = data.get("operationName"), data.get("extensions")
    if query is not None and not isinstance(query, str):
        raise bad_request("`query` must be a string.")
    if variables is not None and not isinstance(variables, dict):
        raise bad_request("`variables` must be an object.")
    if name is not None and not isinstance(name, str):
        raise bad_request("`operationName` must be a string.")
    if extensions is not None and not isinstance(extensions, dict):
        raise bad_request("`extensions` must be an object.")
    return Operation(query, variables, name, extensions)


def _from_query_params(params: QueryParams) -> Operation:
    """A GET request: ``variables`` and ``extensions`` are JSON in the query string."""
    data: dict[str, Any] = {
        "query": params.get("query"),
        "operationName": params.get("operationName"),
    }
    for key in ("variables", "extensions"):
        if params.get(key):
            data[key] = parse_json(params[key], f"`{key}` parameter")
    return _operation(data)


async def parse_request(request: Request, *, max_body: int, max_batch: int) -> ParsedRequest:
    """The operations of a GET or POST request, or an HttpError saying what is wrong."""
    if request.method == "GET":
        return ParsedRequest([_from_query_params(request.query_params)], batch=False)
    _check_content_type(request)
    data = parse_json(await read_body(request, max_body), "request body")
    if not isinstance(data, list):
        return ParsedRequest([_operation(data)], batch=False)
    if max_batch == 0:
        raise bad_request("Batched requests are disabled on this hub.", HttpCode.BATCH_TOO_LARGE)
    if not data:
        raise bad_request("A batch must hold at least one operation.")
    if len(data) > max_batch:
        raise bad_request(
            f"A batch may hold at most {max_batch} operations; this one has {len(data)}.",
            HttpCode.BATCH_TOO_LARGE,
        )
    return ParsedRequest([_operation(item) for item in data], batch=True)
