"""Enums every domain's GraphQL code shares."""

from __future__ import annotations

import enum

import strawberry


@strawberry.enum(description="Sort direction.")
class OrderDirection(enum.Enum):
    ASC = "ASC"
    DESC = "DESC"
