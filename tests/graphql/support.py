"""What the curation tests share: operations as a front end sends them, and rows in any state."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.core.viewer import Role, Viewer
from gnlc_hub.practices import actions as curation
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice
from tests.helpers import city_pk, global_id

STAFF = Viewer(role=Role.SECRETARIAT, name="test secretariat")
ERRORS = "userErrors { field message code }"
PRACTICE = (
    "id slug status version title summary body period yearStart yearEnd language keywords "
    "sourceUrl sourceCitation sdgs buildingBlocks guidelineAreas targetGroups themes { slug } "
    "reviewNote submittedAt publishedAt city { slug }"
)


def mutation(name: str, input_type: str, payload: str) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {payload} {ERRORS} }} }}"


CREATE_PRACTICE = mutation("createPractice", "CreatePracticeInput", f"practice {{ {PRACTICE} }}")
UPDATE_PRACTICE = mutation("updatePractice", "UpdatePracticeInput", f"practice {{ {PRACTICE} }}")
STEPS = {
    step: mutation(name, "PracticeStepInput", f"practice {{ {PRACTICE} }}")
    for step, name in (
        (curation.Transition.SUBMIT, "submitPractice"),
        (curation.Transition.REQUEST_CHANGES, "requestPracticeChanges"),
        (curation.Transition.PUBLISH, "publishPractice"),
        (curation.Transition.ARCHIVE, "archivePractice"),
    )
}
CITY = "id slug name admittedYear sourceUrl version country { iso2 }"
CREATE_CITY = mutation("createCity", "CreateCityInput", f"city {{ {CITY} }}")
UPDATE_CITY = mutation("updateCity", "UpdateCityInput", f"city {{ {CITY} }}")
PROGRAMME = (
    "id slug title organizer modality startsOn endsOn audience themes summary sourceUrl seats "
    "enrolmentDeadline version hosts { slug }"
)
CREATE_PROGRAMME = mutation(
    "createProgramme", "CreateProgrammeInput", f"programme {{ {PROGRAMME} }}"
)
UPDATE_PROGRAMME = mutation(
    "updateProgramme", "UpdateProgrammeInput", f"programme {{ {PROGRAMME} }}"
)
TOKEN = "id name role isActive revokedAt city { slug }"
CREATE_TOKEN = mutation("createApiToken", "CreateApiTokenInput", f"secret token {{ {TOKEN} }}")
REVOKE_TOKEN = mutation("revokeApiToken", "RevokeApiTokenInput", f"token {{ {TOKEN} }}")

# Enough for a practice to be submitted for review.
COMPLETE_PRACTICE: dict[str, Any] = {
    "title": "Neighbourhood learning walks",
    "summary": "Residents guide each other through the places where the city learns.",
    "body": "Volunteers lead monthly walks to libraries, workshops and gardens.",
    "themes": ["community-learning-centres"],
    "sdgs": [4, 11],
    "sourceUrl": "https://example.org/learning-walks",
}

# The road from a new draft to each state, as the secretariat would walk it.
ROADS: dict[PracticeStatus, tuple[curation.Transition, ...]] = {
    PracticeStatus.DRAFT: (),
    PracticeStatus.SUBMITTED: (curation.Transition.SUBMIT,),
    PracticeStatus.CHANGES_REQUESTED: (
        curation.Transition.SUBMIT,
        curation.Transition.REQUEST_CHANGES,
    ),
    PracticeStatus.PUBLISHED: (curation.Transition.SUBMIT, curation.Transition.PUBLISH),
    PracticeStatus.ARCHIVED: (
        curation.Transition.SUBMIT,
        curation.Transition.PUBLISH,
        curation.Transition.ARCHIVE,
    ),
}


REVIEW_NOTES = {
    curation.Transition.REQUEST_CHANGES: "Please name the partners.",
    curation.Transition.PUBLISH: "Published with light copy edits.",
}


def service_changes(fields: dict[str, Any]) -> dict[str, Any]:
    """API input field names → the service's names."""
    names = {
        "sourceUrl": "source_url",
        "sourceCitation": "source_citation",
        "yearStart": "year_start",
        "yearEnd": "year_end",
    }
    return {names.get(key, key): value for key, value in fields.items()}


async def practice_in(
    session: AsyncSession,
    status: PracticeStatus,
    *,
    city: str = "larissa",
    title: str = COMPLETE_PRACTICE["title"],
) -> Practice:
    """A practice of ``city`` brought to ``status`` through the life cycle, committed."""
    practice = await curation.create_practice(
        session,
        viewer=STAFF,
        city_id=await city_pk(session, city),
        slug=None,
        changes=service_changes({**COMPLETE_PRACTICE, "title": title}),
    )
    for transition in ROADS[status]:
        practice = await curation.transition_practice(
            session,
            viewer=STAFF,
            practice_id=practice.id,
            version=practice.version,
            transition=transition,
            note=REVIEW_NOTES.get(transition),
        )
    await session.commit()
    return practice


def gid(row: Any) -> str:
    return global_id(type(row).__name__, row.id)


async def audit_count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count(AuditEvent.id))) or 0


async def fresh(session: AsyncSession, row: Any) -> Any:
    """``row`` as the database has it now (requests write through their own sessions)."""
    return await session.get(type(row), row.id, populate_existing=True)
