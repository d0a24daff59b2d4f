"""Strawberry permission classes for private fields; each applies one rule of `auth.rules`."""

from __future__ import annotations

from typing import Any, ClassVar

from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.types import Info

from gnlc_hub.auth.rules import Action, allows
from gnlc_hub.cities.models import City


class RulePermission(BasePermission):
    """Admits the viewers that ``action``'s rule admits, for the city the parent belongs to."""

    action: ClassVar[Action]
    error_extensions = {"code": "FORBIDDEN"}  # noqa: RUF012 - strawberry reads a class attribute

    @property
    def message(self) -> str:  # type: ignore[override]
        return f"You may not {self.action.value}."

    def city_id(self, source: Any) -> int | None:
        return None

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return allows(info.context.viewer, self.action, self.city_id(source))


class SeesCityPrivate(RulePermission):
    """Contacts, review notes and drafts: the secretariat, admins and the city's own editors."""

    action = Action.SEE_CITY_PRIVATE

    def city_id(self, source: Any) -> int | None:
        # The parent is a city, or something that belongs to one (practice, contact…).
        return source.id if isinstance(source, City) else source.city_id


class ReadsAuditTrail(RulePermission):
    """History and revisions: the secretariat and admins."""

    action = Action.READ_AUDIT


class ManagesTokens(RulePermission):
    """API tokens: admins only."""

    action = Action.MANAGE_TOKENS


def private(permission: RulePermission) -> list[FieldExtension]:
    """Field extensions that hide a field (null or empty list) from viewers ``permission`` refuses.

    Private data never produces an error: an error would confirm that there is something to hide.
    """
    return [PermissionExtension(permissions=[permission], fail_silently=True, use_directives=False)]
