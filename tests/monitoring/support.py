"""What monitoring tests share: a fixed today, a cycle, and reports in any state."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core import clock
from gnlc_hub.core.clock import Clock
from gnlc_hub.core.viewer import Role, Viewer
from gnlc_hub.monitoring import actions
from gnlc_hub.monitoring import validation as limits
from gnlc_hub.monitoring.enums import ReportStatus, RoadmapStage
from gnlc_hub.monitoring.models import ProgressReport, ReportingCycle
from gnlc_hub.practices.enums import GuidelineArea
from tests.helpers import city_pk

STAFF = Viewer(role=Role.SECRETARIAT, name="test secretariat")
TODAY = date(2025, 6, 1)
# The one clock of these tests: the API's (tests/graphql/monitoring/conftest.py) and the rules'
# called directly, pinned to noon on TODAY.
CLOCK = Clock(datetime.combine(TODAY, time(12), UTC))


@contextmanager
def on(day: date) -> Iterator[None]:
    """Rules and API see ``day`` (noon UTC) for the block."""
    with CLOCK.pinned(datetime.combine(day, time(12), UTC)):
        yield


def use_test_clock() -> None:
    """Make the rules called from this test read ``CLOCK``."""
    clock.use(CLOCK)


OPENS, CLOSES = date(2024, 4, 1), date(2025, 12, 31)
AREAS = ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3")


def ratings(level: int = 3) -> list[limits.Rating]:
    return [limits.Rating(area, level, f"Level {level} in {area}.") for area in AREAS]


def complete(level: int = 3) -> dict[str, Any]:
    """Everything a report needs to be submitted, as the domain takes it."""
    return {
        "narrative": "The city widened its learning festival and opened two learning centres.",
        "ratings": ratings(level),
        "roadmap": [
            limits.Roadmap(GuidelineArea.PLANNING, RoadmapStage.IMPLEMENTING, "Adopt the plan."),
        ],
    }


async def open_cycle(
    session: AsyncSession,
    *,
    name: str = "2024–2025",
    opens_on: date = OPENS,
    closes_on: date = CLOSES,
    **overrides: Any,
) -> ReportingCycle:
    use_test_clock()
    cycle = await actions.open_cycle(
        session,
        viewer=STAFF,
        name=name,
        slug=None,
        opens_on=opens_on,
        closes_on=closes_on,
        **overrides,
    )
    await session.commit()
    return cycle


ROADS: dict[ReportStatus, tuple[actions.Transition, ...]] = {
    ReportStatus.DRAFT: (),
    ReportStatus.SUBMITTED: (actions.Transition.SUBMIT,),
    ReportStatus.RETURNED: (actions.Transition.SUBMIT, actions.Transition.RETURN),
    ReportStatus.ACCEPTED: (actions.Transition.SUBMIT, actions.Transition.ACCEPT),
}


async def report_in(
    session: AsyncSession,
    status: ReportStatus,
    cycle: ReportingCycle,
    *,
    city: str = "larissa",
    level: int = 3,
    public: bool = False,
) -> ProgressReport:
    """A report of ``city`` brought to ``status`` by the secretariat, committed."""
    use_test_clock()
    report = await actions.create_report(
        session,
        viewer=STAFF,
        cycle_id=cycle.id,
        city_id=await city_pk(session, city),
        changes=complete(level),
        is_public=public,
    )
    for transition in ROADS[status]:
        report = await actions.transition_report(
            session,
            viewer=STAFF,
            report_id=report.id,
            version=report.version,
            transition=transition,
            note="Please add figures." if transition is actions.Transition.RETURN else None,
        )
    await session.commit()
    return report
