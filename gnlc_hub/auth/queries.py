"""Reading API tokens: who may see them at all."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, true

from gnlc_hub.auth.rules import Action, allows
from gnlc_hub.core.viewer import Viewer


def visible_tokens(viewer: Viewer) -> ColumnElement[bool]:
    """Tokens are for admins' eyes only, including through `node`."""
    return true() if allows(viewer, Action.MANAGE_TOKENS) else false()
