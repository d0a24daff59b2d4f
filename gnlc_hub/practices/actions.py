"""Writing practices: cities contribute drafts, the secretariat reviews and publishes them.

Every write checks who may do it, validates everything before writing, keeps revisions of the
text, records an audit event and tells the search index, all in the caller's transaction.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit import actions as audit
from gnlc_hub.auth.rules import Action, require, require_signed_in
from gnlc_hub.cities.models import City
from gnlc_hub.core import clock, validation
from gnlc_hub.core.changes import PRACTICE, announce
from gnlc_hub.core.errors import DomainError, ErrorCode, not_found
from gnlc_hub.core.lifecycle import LifeCycle, Step
from gnlc_hub.core.locking import check_version, flush, locked
from gnlc_hub.core.slugs import fold, free_slug, slugify
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice, PracticeRevision, PracticeTag
from gnlc_hub.practices.queries import visible_practices
from gnlc_hub.practices.tags import PracticeTags, add_tags, as_json, replace_tags, with_changes
from gnlc_hub.practices.validation import (
    COLUMN_FIELDS,
    DEFAULTS,
    TEXT_FIELDS,
    normalised,
    practice_problems,
    review_problems,
)

SLUG_MAX = 160
NOTE_MAX = 2000
Status = PracticeStatus


class Transition(enum.StrEnum):
    """The steps of the curation life cycle; values name them in audit events."""

    SUBMIT = "submit"
    REQUEST_CHANGES = "request_changes"
    PUBLISH = "publish"
    ARCHIVE = "archive"


# DRAFT → SUBMITTED → (CHANGES_REQUESTED → SUBMITTED)* → PUBLISHED → ARCHIVED
LIFE_CYCLE: LifeCycle[Transition, PracticeStatus] = LifeCycle(
    "practice",
    {
        Transition.SUBMIT: Step(
            frozenset({Status.DRAFT, Status.CHANGES_REQUESTED}),
            Status.SUBMITTED,
            Action.SUBMIT_PRACTICE,
        ),
        Transition.REQUEST_CHANGES: Step(
            frozenset({Status.SUBMITTED}),
            Status.CHANGES_REQUESTED,
            Action.REVIEW_PRACTICE,
            note_required=True,
        ),
        Transition.PUBLISH: Step(
            frozenset({Status.SUBMITTED}), Status.PUBLISHED, Action.REVIEW_PRACTICE
        ),
        Transition.ARCHIVE: Step(
            frozenset({Status.PUBLISHED}), Status.ARCHIVED, Action.REVIEW_PRACTICE
        ),
    },
)

# The city edits its own words while they are in its hands; under review and once published
# only the secretariat edits (corrections); an archived practice is a closed record.
EDITABLE_BY_CITY = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})
CLOSED = frozenset({Status.ARCHIVED})


async def create_practice(
    session: AsyncSession,
    *,
    viewer: Viewer,
    city_id: int,
    slug: str | None,
    changes: Mapping[str, Any],
) -> Practice:
    """A new DRAFT practice of ``city_id``."""
    require_signed_in(viewer, Action.CREATE_PRACTICE)
    city = await session.get(City, city_id)
    if city is None:
        raise not_found("The city", validation.path("cityId"))
    require(viewer, Action.CREATE_PRACTICE, city.id)
    values = {**DEFAULTS, **normalised(changes)}
    problems = await practice_problems(session, values, current=None)
    base = "-".join(part for part in (city.slug, slugify(values.get("title") or "")) if part)
    problems += await validation.new_slug(
        session,
        Practice.slug,
        slug,
        derived=base,
        source="title",
        earlier=problems,
        visible=visible_practices(viewer),
    )
    validation.ensure(problems)
    columns = {name: values.get(name) for name in COLUMN_FIELDS}
    columns["keywords"] = list(values.get("keywords") or ())
    practice = Practice(
        slug=await free_slug(session, Practice.slug, slug or base, max_length=SLUG_MAX),
        city_id=city.id,
        sort_title=fold(values["title"]),
        status=Status.DRAFT,
        is_example=False,
        **columns,
    )
    session.add(practice)
    await flush(session)
    tags = with_changes(PracticeTags(), values)
    add_tags(session, practice.id, tags)
    state = _snapshot(practice, tags)
    session.add(_revision(practice.id, practice.version, state, viewer))
    await audit.record(session, viewer, "practice.create", practice, None, state)
    announce(session, PRACTICE, [practice.id])
    await flush(session)
    return practice


async def update_practice(
    session: AsyncSession,
    *,
    viewer: Viewer,
    practice_id: int,
    version: int,
    changes: Mapping[str, Any],
) -> Practice:
    """Apply the given fields (absent fields stay as they are) to a practice."""
    practice = await _practice_to_write(session, viewer, Action.EDIT_PRACTICE, practice_id, version)
    if practice.status in CLOSED:
        raise DomainError.single("An archived practice can no longer be edited.", ErrorCode.CLOSED)
    if practice.status not in EDITABLE_BY_CITY:
        require(viewer, Action.EDIT_REVIEWED_PRACTICE)
    values = normalised(changes)
    validation.ensure(await practice_problems(session, values, current=practice))

    tags = await _tags_of(session, practice.id)
    new_tags = with_changes(tags, values)
    before = _snapshot(practice, tags)
    columns = {name: values[name] for name in COLUMN_FIELDS if name in values}
    after = {**before, **audit.jsonable(columns), **as_json(new_tags)}
    if before == after:
        return practice  # nothing changed: no new version, no audit event

    text_changed = any(before[name] != after[name] for name in TEXT_FIELDS)
    if text_changed and not await _has_revisions(session, practice.id):
        # Practices loaded from seeds have no revision yet: keep their original text first.
        session.add(_revision(practice.id, version, before, author=None))
    # Every query above ran before the first change, so the row is written once, one version up.
    for name, value in columns.items():
        setattr(practice, name, value)
    practice.sort_title = fold(practice.title)
    practice.updated_at = clock.now()  # also bumps the version when only tags changed
    if new_tags != tags:
        await replace_tags(session, practice.id, new_tags)
    await flush(session)
    if text_changed:
        session.add(_revision(practice.id, practice.version, after, viewer))
    await audit.record(session, viewer, "practice.update", practice, before, after)
    announce(session, PRACTICE, [practice.id])
    await flush(session)
    return practice


async def transition_practice(
    session: AsyncSession,
    *,
    viewer: Viewer,
    practice_id: int,
    version: int,
    transition: Transition,
    note: str | None = None,
) -> Practice:
    """Move a practice one step along its life cycle, with an optional (or required) note."""
    step = LIFE_CYCLE[transition]
    practice = await _practice_to_write(session, viewer, step.action, practice_id, version)
    LIFE_CYCLE.ensure_possible(practice.status, transition)
    if note is not None:
        note = note.strip() or None
    problems = validation.text(note, "note", required=step.note_required, max_length=NOTE_MAX)
    tags = await _tags_of(session, practice.id)
    if transition in (Transition.SUBMIT, Transition.PUBLISH):
        problems += review_problems(practice, tags)
    validation.ensure(problems)

    before = _snapshot(practice, tags)
    now = clock.now()
    practice.status = step.target
    if transition is Transition.SUBMIT:
        practice.submitted_at = now
    else:
        practice.review_note = note
    if transition is Transition.PUBLISH:
        practice.published_at = now
    practice.updated_at = now
    await flush(session)
    await audit.record(
        session,
        viewer,
        f"practice.{transition.value}",
        practice,
        before,
        _snapshot(practice, tags),
        note,
    )
    announce(session, PRACTICE, [practice.id])
    await flush(session)
    return practice


async def _practice_to_write(
    session: AsyncSession, viewer: Viewer, action: Action, practice_id: int, version: int
) -> Practice:
    """The practice, locked, once ``viewer`` may do ``action`` to the version they read.

    NOT_FOUND (before FORBIDDEN) when the viewer cannot see it, so that a refused write does
    not reveal that a draft exists.
    """
    require_signed_in(viewer, action)
    practice = await locked(
        session, Practice, practice_id, "The practice", visible_practices(viewer)
    )
    require(viewer, action, practice.city_id)
    check_version(practice, version, "The practice")
    return practice


async def _tags_of(session: AsyncSession, practice_id: int) -> PracticeTags:
    rows = await session.scalars(select(PracticeTag).where(PracticeTag.practice_id == practice_id))
    return PracticeTags.from_rows(rows)


async def _has_revisions(session: AsyncSession, practice_id: int) -> bool:
    return bool(
        await session.scalar(select(exists().where(PracticeRevision.practice_id == practice_id)))
    )


def _snapshot(practice: Practice, tags: PracticeTags) -> audit.Snapshot:
    return audit.snapshot(practice, **as_json(tags))


def _revision(
    practice_id: int, version: int, text: audit.Snapshot, author: Viewer | None
) -> PracticeRevision:
    """The text of a practice at ``version``; ``author`` is None for text that predates the hub."""
    return PracticeRevision(
        practice_id=practice_id,
        version=version,
        title=text["title"],
        summary=text["summary"],
        body=text["body"],
        author_token_id=author.token_id if author else None,
        author_name=author.name if author else None,
    )
