"""Who may do what: the one table of access rules, consulted by services and permission classes.

Reading rules that must run as SQL (which practices or alliances a viewer may list) live beside
their queries (`practices.service.visible_practices`, `alliances.service.visible_alliances`) and
follow the same audiences as this table.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from gnlc_hub.core.errors import DomainError, ErrorCode
from gnlc_hub.core.viewer import Role, Viewer


class Audience(enum.Enum):
    """The groups of callers a rule can admit."""

    # The city's own editors, the secretariat and admins.
    CITY_OR_STAFF = "city-or-staff"
    # The city's own editors only: commitments a city makes for itself (alliances).
    CITY = "city"
    # The secretariat and admins: curation of every city's content.
    STAFF = "staff"
    # Admins only: tokens and settings.
    ADMIN = "admin"


class Action(enum.StrEnum):
    """Everything that needs more than anonymous access; values complete "You may not …"."""

    SEE_CITY_PRIVATE = "see this city's private data"
    CREATE_CITY = "add member cities"
    UPDATE_CITY = "change a city's membership record"
    CREATE_PRACTICE = "add practices for this city"
    EDIT_PRACTICE = "edit this practice"
    SUBMIT_PRACTICE = "submit this practice for review"
    REVIEW_PRACTICE = "review practices"
    EDIT_REVIEWED_PRACTICE = "edit a practice that is under review or published"
    CREATE_PROGRAMME = "add programmes"
    UPDATE_PROGRAMME = "change programmes"
    READ_AUDIT = "read the audit trail"
    MANAGE_TOKENS = "manage API tokens"
    EDIT_CITY_PROFILE = "edit this city's profile"
    ENROL_CITY = "enrol this city in programmes or withdraw it"
    PROPOSE_ALLIANCE = "propose alliances on behalf of this city"
    RESPOND_TO_ALLIANCE = "answer alliance proposals on behalf of this city"
    CONCLUDE_ALLIANCE = "conclude this alliance"
    MANAGE_PLACES = "manage this city's learning places"
    MANAGE_NETWORK_RECORDS = "maintain awards, events, clusters and publications"
    MANAGE_CONTACTS = "manage focal-point contacts"
    LINK_ALLIANCE_PRACTICES = "record which practices an alliance transferred"
    MANAGE_INDICATORS = "define or retire indicators"
    MANAGE_REPORTING_CYCLES = "open or reopen reporting cycles"
    WRITE_PROGRESS_REPORT = "write this city's progress report"
    REVIEW_PROGRESS_REPORT = "accept or return progress reports"
    PUBLISH_PROGRESS_REPORT = "choose whether this city's progress report is public"
    SEE_REPORTING_STATUS = "see this city's reporting standing"
    EXPORT_PROGRESS_REPORTS = "export progress reports"


RULES: Mapping[Action, Audience] = {
    Action.SEE_CITY_PRIVATE: Audience.CITY_OR_STAFF,
    Action.CREATE_CITY: Audience.STAFF,
    Action.UPDATE_CITY: Audience.STAFF,
    Action.CREATE_PRACTICE: Audience.CITY_OR_STAFF,
    Action.EDIT_PRACTICE: Audience.CITY_OR_STAFF,
    Action.SUBMIT_PRACTICE: Audience.CITY_OR_STAFF,
    Action.REVIEW_PRACTICE: Audience.STAFF,
    Action.EDIT_REVIEWED_PRACTICE: Audience.STAFF,
    Action.CREATE_PROGRAMME: Audience.STAFF,
    Action.UPDATE_PROGRAMME: Audience.STAFF,
    Action.READ_AUDIT: Audience.STAFF,
    Action.MANAGE_TOKENS: Audience.ADMIN,
    Action.EDIT_CITY_PROFILE: Audience.CITY_OR_STAFF,
    Action.ENROL_CITY: Audience.CITY_OR_STAFF,
    Action.PROPOSE_ALLIANCE: Audience.CITY,
    Action.RESPOND_TO_ALLIANCE: Audience.CITY,
    Action.CONCLUDE_ALLIANCE: Audience.CITY_OR_STAFF,
    Action.MANAGE_PLACES: Audience.CITY_OR_STAFF,
    Action.MANAGE_NETWORK_RECORDS: Audience.STAFF,
    Action.MANAGE_CONTACTS: Audience.STAFF,
    Action.LINK_ALLIANCE_PRACTICES: Audience.STAFF,
    Action.MANAGE_INDICATORS: Audience.STAFF,
    Action.MANAGE_REPORTING_CYCLES: Audience.STAFF,
    Action.WRITE_PROGRESS_REPORT: Audience.CITY_OR_STAFF,
    Action.REVIEW_PROGRESS_REPORT: Audience.STAFF,
    # Whether its report is public is the city's own decision.
    Action.PUBLISH_PROGRESS_REPORT: Audience.CITY,
    Action.SEE_REPORTING_STATUS: Audience.CITY_OR_STAFF,
    Action.EXPORT_PROGRESS_REPORTS: Audience.STAFF,
}


def admits(audience: Audience, viewer: Viewer, city_id: int | None = None) -> bool:
    if audience is Audience.ADMIN:
        return viewer.role is Role.ADMIN
    if audience is Audience.STAFF:
        return viewer.is_staff
    if audience is Audience.CITY:
        return city_id is not None and viewer.edits_city(city_id)
    return viewer.is_staff or (city_id is not None and viewer.edits_city(city_id))


def allows(viewer: Viewer, action: Action, city_id: int | None = None) -> bool:
    """True when ``viewer`` may do ``action`` (on the city ``city_id`` where one is involved)."""
    return admits(RULES[action], viewer, city_id)


def require_signed_in(viewer: Viewer, action: Action) -> None:
    """Anonymous callers are told to authenticate before anything else is looked up."""
    if viewer.is_anonymous:
        raise DomainError.single(
            f"Send a bearer token to {action.value}.", ErrorCode.UNAUTHENTICATED
        )


def require(viewer: Viewer, action: Action, city_id: int | None = None) -> None:
    """Raise UNAUTHENTICATED for anonymous callers, FORBIDDEN for others the rule refuses."""
    require_signed_in(viewer, action)
    if not allows(viewer, action, city_id):
        raise DomainError.single(f"You may not {action.value}.", ErrorCode.FORBIDDEN)
