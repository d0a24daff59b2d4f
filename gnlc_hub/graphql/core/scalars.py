"""Custom scalars."""

from __future__ import annotations

import re
from typing import NewType

import strawberry

_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def parse_partial_date(value: object) -> str:
    if not isinstance(value, str) or not _PARTIAL_DATE.match(value):
        raise ValueError(f"{value!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD).")
    return value


PartialDate = NewType("PartialDate", str)

PARTIAL_DATE_SCALAR = strawberry.scalar(
    name="PartialDate",
    description="An ISO 8601 calendar date at the precision the source gives: "
    "`YYYY`, `YYYY-MM` or `YYYY-MM-DD`.",
    serialize=str,
    parse_value=parse_partial_date,
)

SCALAR_MAP = {PartialDate: PARTIAL_DATE_SCALAR}
