"""GraphQL types of the audit trail and of practice revisions (the secretariat's view)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.core.validation import camel
from gnlc_hub.graphql.auth.enums import Role
from gnlc_hub.graphql.core.permissions import ReadsAuditTrail, private
from gnlc_hub.practices.models import PracticeRevision as PracticeRevisionRow


@strawberry.type(description="One field a mutation changed, with its value before and after.")
class FieldChange:
    field: str = strawberry.field(description="Name of the field, as the API spells it.")
    before: JSON | None = strawberry.field(description="Value before; null when it had none.")
    after: JSON | None = strawberry.field(description="Value after; null when cleared.")


@strawberry.type(description="One mutation's effect on an object: who, when, what changed.")
class AuditEntry:
    action: str = strawberry.field(description="What was done, e.g. `practice.publish`.")
    actor_role: Role = strawberry.field(description="Role of the caller.")
    actor_name: str | None = strawberry.field(description="Name of the caller's token.")
    note: str | None = strawberry.field(description="Note given with the change (reviews).")
    created_at: datetime = strawberry.field(description="When it happened.")

    @strawberry.field(
        description="The fields that changed; a creation lists every field given a value."
    )
    def changes(self, root: strawberry.Parent[AuditEvent]) -> list[FieldChange]:
        before, after = root.before or {}, root.after or {}
        return [
            FieldChange(field=camel(name), before=before.get(name), after=after.get(name))
            for name in dict.fromkeys([*before, *after])
        ]

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, AuditEvent))


@strawberry.type(description="The text of a practice as it was at one version.")
class PracticeRevision:
    version: int = strawberry.field(description="Version of the practice this text belongs to.")
    title: str = strawberry.field(description="Title at that version.")
    summary: str = strawberry.field(description="Summary at that version.")
    body: str = strawberry.field(description="Body at that version.")
    author_name: str | None = strawberry.field(
        description="Name of the token that wrote it; null for text that predates the hub."
    )
    created_at: datetime = strawberry.field(description="When this text was saved.")

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, PracticeRevisionRow))


def history_field(entity_type: str) -> Any:
    """An object's `history` field: its audit trail, for the secretariat only."""

    async def history(root: strawberry.Parent[Any], info: Info) -> list[AuditEntry] | None:
        return await info.context.loaders.history_of(entity_type).load(root.id)

    return strawberry.field(
        resolver=history,
        description="Every change made through the API, oldest first. Empty unless you are "
        "the secretariat.",
        extensions=private(ReadsAuditTrail()),
    )
