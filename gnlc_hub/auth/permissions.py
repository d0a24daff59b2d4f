"""Strawberry permission classes: the one place where field-level access rules live."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info


class SeesCityPrivate(BasePermission):
    """Focal-point contacts: the secretariat, admins and the city's own editors."""

    message = "Only the secretariat and this city's editors can see its contacts."
    error_extensions = {"code": "FORBIDDEN"}  # noqa: RUF012 - strawberry reads a class attribute

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.viewer.sees_private_of(source.id)
