"""The rule table: every action has an audience, and audiences admit the right callers."""

from __future__ import annotations

import pytest

from gnlc_hub.auth.rules import RULES, Action, Audience, allows, require
from gnlc_hub.core.errors import DomainError, ErrorCode
from gnlc_hub.core.viewer import Role, Viewer

OWN, OTHER = 1, 2
VIEWERS = {
    "anonymous": Viewer(),
    "own editor": Viewer(role=Role.CITY_EDITOR, city_id=OWN),
    "other editor": Viewer(role=Role.CITY_EDITOR, city_id=OTHER),
    "secretariat": Viewer(role=Role.SECRETARIAT),
    "admin": Viewer(role=Role.ADMIN),
}
ADMITTED = {
    Audience.CITY_OR_STAFF: {"own editor", "secretariat", "admin"},
    Audience.CITY: {"own editor"},
    Audience.STAFF: {"secretariat", "admin"},
    Audience.ADMIN: {"admin"},
}


def test_every_action_has_a_rule() -> None:
    assert set(RULES) == set(Action)


@pytest.mark.parametrize("action", list(Action))
def test_audiences(action: Action) -> None:
    admitted = {name for name, viewer in VIEWERS.items() if allows(viewer, action, OWN)}
    assert admitted == ADMITTED[RULES[action]]


@pytest.mark.parametrize("action", list(Action))
def test_refusals_say_why(action: Action) -> None:
    with pytest.raises(DomainError) as anonymous:
        require(VIEWERS["anonymous"], action, OWN)
    assert [p.code for p in anonymous.value.problems] == [ErrorCode.UNAUTHENTICATED]
    with pytest.raises(DomainError) as other:
        require(VIEWERS["other editor"], action, OWN)
    assert [p.code for p in other.value.problems] == [ErrorCode.FORBIDDEN]
    assert other.value.problems[0].message == f"You may not {action.value}."


def test_a_city_rule_without_a_city_admits_staff_only() -> None:
    assert not allows(VIEWERS["own editor"], Action.EDIT_CITY_PROFILE, None)
    assert allows(VIEWERS["secretariat"], Action.EDIT_CITY_PROFILE, None)
