"""The audit trail (readable by the secretariat only: see `graphql.core.permissions`)."""

from __future__ import annotations

from collections.abc import Hashable

from strawberry.dataloader import DataLoader

from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.audit.queries import events_of
from gnlc_hub.graphql.core.loaders import LoaderGroup, load_many


class AuditLoaders(LoaderGroup):
    def history_of(self, entity_type: str) -> DataLoader[Hashable, list[AuditEvent]]:
        """Audit events per object of one type (`practice`, `city`…), oldest first."""
        return self.cached(
            ("history", entity_type),
            lambda: load_many(self.db, lambda ids: events_of(entity_type, ids)),
        )
