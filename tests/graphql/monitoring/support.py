"""Operations as a front end sends them."""

from __future__ import annotations

from tests.graphql.support import ERRORS, mutation

REPORT = (
    "id status version isPublic narrative reviewNote submittedAt acceptedAt chartUrl "
    "city { slug } cycle { slug } ratings { rating justification area { number } } "
    "indicatorValues { value year source indicator { slug } } "
    "roadmap { guidelineArea stage nextSteps } evidence { slug }"
)
CYCLE = "id slug name opensOn closesOn reopenedUntil state version coverageChartUrl exportUrl"
INDICATOR = "id slug name unit direction isRetired isExample version keyFeatureArea { number }"

OPEN_CYCLE = mutation("openReportingCycle", "OpenReportingCycleInput", f"cycle {{ {CYCLE} }}")
REOPEN_CYCLE = mutation("reopenReportingCycle", "ReopenReportingCycleInput", f"cycle {{ {CYCLE} }}")
DEFINE_INDICATOR = mutation(
    "defineIndicator", "DefineIndicatorInput", f"indicator {{ {INDICATOR} }}"
)
RETIRE_INDICATOR = mutation(
    "retireIndicator", "RetireIndicatorInput", f"indicator {{ {INDICATOR} }}"
)
CREATE_REPORT = mutation(
    "createProgressReport", "CreateProgressReportInput", f"report {{ {REPORT} }}"
)
UPDATE_REPORT = mutation(
    "updateProgressReport", "UpdateProgressReportInput", f"report {{ {REPORT} }}"
)
STEPS = {
    name: mutation(name, "ProgressReportStepInput", f"report {{ {REPORT} }}")
    for name in ("submitProgressReport", "returnProgressReport", "acceptProgressReport")
}
SET_PUBLIC = mutation(
    "setProgressReportPublic", "SetProgressReportPublicInput", f"report {{ {REPORT} }}"
)
AREAS = ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3")


def ratings_input(level: int = 3) -> list[dict]:
    return [
        {"area": area, "rating": level, "justification": f"Level {level} in {area}."}
        for area in AREAS
    ]


__all__ = ["ERRORS"]
