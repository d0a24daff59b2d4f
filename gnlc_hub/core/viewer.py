"""Roles and the viewer: resolved once per request, consulted by every permission rule."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Role(enum.StrEnum):
    ANONYMOUS = "ANONYMOUS"
    CITY_EDITOR = "CITY_EDITOR"
    SECRETARIAT = "SECRETARIAT"
    ADMIN = "ADMIN"


@dataclass(frozen=True)
class Viewer:
    """The caller of one request. City editors are scoped to exactly one city."""

    role: Role = Role.ANONYMOUS
    city_id: int | None = None
    token_id: int | None = None
    name: str | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.role is Role.ANONYMOUS

    @property
    def is_staff(self) -> bool:
        """Secretariat and admins curate every city's content."""
        return self.role in (Role.SECRETARIAT, Role.ADMIN)

    def edits_city(self, city_id: int) -> bool:
        return self.role is Role.CITY_EDITOR and self.city_id == city_id


ANONYMOUS = Viewer()
