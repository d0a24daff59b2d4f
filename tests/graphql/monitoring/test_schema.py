"""Monitoring's GraphQL enums describe every value (the hub-wide test covers types and fields)."""

from __future__ import annotations

from graphql import GraphQLEnumType

from gnlc_hub.graphql.schema import schema

MINE = (
    "KeyFeatureTier",
    "IndicatorDirection",
    "ProgressReportStatus",
    "RoadmapStage",
    "ReportingStanding",
    "ReportingCycleState",
    "BenchmarkGroup",
    "ReportingExpectation",
)


def test_every_value_of_a_monitoring_enum_is_described() -> None:
    for name in MINE:
        enum_type = schema._schema.type_map[name]
        assert isinstance(enum_type, GraphQLEnumType)
        missing = [value for value, spec in enum_type.values.items() if not spec.description]
        assert missing == [], name
