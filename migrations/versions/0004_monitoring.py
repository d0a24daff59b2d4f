"""monitoring: key features, guideline areas, indicators, cycles, progress reports

Revision ID: 0004_monitoring
Revises: 0003_places
Create Date: 2026-12-01 20:30:21.523611
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_monitoring"
down_revision: str | None = "0003_places"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "guideline_areas",
        sa.Column(
            "code",
            sa.Enum(
                "PLANNING",
                "INVOLVEMENT",
                "CELEBRATION",
                "ACCESSIBILITY",
                "MONITORING_AND_EVALUATION",
                "FUNDING",
                name="guidelinearea",
                native_enum=False,
                length=48,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guideline_areas")),
        sa.UniqueConstraint("code", name=op.f("uq_guideline_areas_code")),
    )
    op.create_table(
        "key_feature_areas",
        sa.Column("number", sa.String(length=8), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column(
            "tier",
            sa.Enum(
                "WIDER_BENEFITS",
                "MAJOR_BUILDING_BLOCKS",
                "FUNDAMENTAL_CONDITIONS",
                name="keyfeaturetier",
                native_enum=False,
                length=48,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "building_block",
            sa.Enum(
                "INCLUSIVE_LEARNING_IN_THE_EDUCATION_SYSTEM",
                "REVITALIZED_LEARNING_IN_FAMILIES_AND_COMMUNITIES",
                "EFFECTIVE_LEARNING_FOR_AND_IN_THE_WORKPLACE",
                "EXTENDED_USE_OF_MODERN_LEARNING_TECHNOLOGIES",
                "ENHANCED_QUALITY_IN_LEARNING",
                "VIBRANT_CULTURE_OF_LEARNING_THROUGHOUT_LIFE",
                name="buildingblock",
                native_enum=False,
            ),
            nullable=True,
        ),
        sa.Column("source_url", sa.String(length=500), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_feature_areas")),
        sa.UniqueConstraint("building_block", name=op.f("uq_key_feature_areas_building_block")),
        sa.UniqueConstraint("number", name=op.f("uq_key_feature_areas_number")),
        sa.UniqueConstraint("slug", name=op.f("uq_key_feature_areas_slug")),
    )
    op.create_table(
        "reporting_cycles",
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("reopened_until", sa.Date(), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "closes_on > opens_on", name=op.f("ck_reporting_cycles_closes_after_opening")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_cycles")),
        sa.UniqueConstraint("slug", name=op.f("uq_reporting_cycles_slug")),
    )
    with op.batch_alter_table("reporting_cycles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reporting_cycles_opens_on"), ["opens_on"], unique=False
        )

    op.create_table(
        "indicators",
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column(
            "direction",
            sa.Enum(
                "HIGHER_IS_BETTER",
                "LOWER_IS_BETTER",
                name="indicatordirection",
                native_enum=False,
                length=48,
            ),
            nullable=False,
        ),
        sa.Column("key_feature_area_id", sa.Integer(), nullable=False),
        sa.Column(
            "guideline_area",
            sa.Enum(
                "PLANNING",
                "INVOLVEMENT",
                "CELEBRATION",
                "ACCESSIBILITY",
                "MONITORING_AND_EVALUATION",
                "FUNDING",
                name="guidelinearea",
                native_enum=False,
                length=48,
            ),
            nullable=True,
        ),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_feature_area_id"],
            ["key_feature_areas.id"],
            name=op.f("fk_indicators_key_feature_area_id_key_feature_areas"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
        sa.UniqueConstraint("slug", name=op.f("uq_indicators_slug")),
    )
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicators_key_feature_area_id"), ["key_feature_area_id"], unique=False
        )

    op.create_table(
        "progress_reports",
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "DRAFT",
                "SUBMITTED",
                "RETURNED",
                "ACCEPTED",
                name="reportstatus",
                native_enum=False,
                length=48,
            ),
            nullable=False,
        ),
        sa.Column("narrative", sa.Text(), nullable=True),
        sa.Column("is_public", sa.Boolean(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["cities.id"],
            name=op.f("fk_progress_reports_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["reporting_cycles.id"],
            name=op.f("fk_progress_reports_cycle_id_reporting_cycles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_reports")),
        sa.UniqueConstraint(
            "city_id", "cycle_id", name=op.f("uq_progress_reports_city_id_cycle_id")
        ),
    )
    with op.batch_alter_table("progress_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progress_reports_city_id"), ["city_id"], unique=False)
        batch_op.create_index(
            "ix_progress_reports_cycle_status", ["cycle_id", "status"], unique=False
        )

    op.create_table(
        "reporting_overrides",
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["cities.id"],
            name=op.f("fk_reporting_overrides_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["reporting_cycles.id"],
            name=op.f("fk_reporting_overrides_cycle_id_reporting_cycles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cycle_id", "city_id", name=op.f("pk_reporting_overrides")),
    )
    with op.batch_alter_table("reporting_overrides", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reporting_overrides_city_id"), ["city_id"], unique=False
        )

    op.create_table(
        "area_ratings",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_area_ratings_rating_1_to_5")),
        sa.ForeignKeyConstraint(
            ["area_id"],
            ["key_feature_areas.id"],
            name=op.f("fk_area_ratings_area_id_key_feature_areas"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["progress_reports.id"],
            name=op.f("fk_area_ratings_report_id_progress_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "area_id", name=op.f("pk_area_ratings")),
    )
    with op.batch_alter_table("area_ratings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_area_ratings_report_area_rating", ["report_id", "area_id", "rating"], unique=False
        )

    op.create_table(
        "indicator_values",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_values_indicator_id_indicators"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["progress_reports.id"],
            name=op.f("fk_indicator_values_report_id_progress_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "indicator_id", name=op.f("pk_indicator_values")),
    )
    with op.batch_alter_table("indicator_values", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_values_indicator_id"), ["indicator_id"], unique=False
        )

    op.create_table(
        "report_evidence",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["practices.id"],
            name=op.f("fk_report_evidence_practice_id_practices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["progress_reports.id"],
            name=op.f("fk_report_evidence_report_id_progress_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "practice_id", name=op.f("pk_report_evidence")),
    )
    with op.batch_alter_table("report_evidence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_evidence_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "roadmap_entries",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column(
            "guideline_area",
            sa.Enum(
                "PLANNING",
                "INVOLVEMENT",
                "CELEBRATION",
                "ACCESSIBILITY",
                "MONITORING_AND_EVALUATION",
                "FUNDING",
                name="guidelinearea",
                native_enum=False,
                length=48,
            ),
            nullable=False,
        ),
        sa.Column(
            "stage",
            sa.Enum(
                "NOT_STARTED",
                "PLANNING",
                "IMPLEMENTING",
                "ESTABLISHED",
                name="roadmapstage",
                native_enum=False,
                length=48,
            ),
            nullable=False,
        ),
        sa.Column("next_steps", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["progress_reports.id"],
            name=op.f("fk_roadmap_entries_report_id_progress_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "guideline_area", name=op.f("pk_roadmap_entries")),
    )


def downgrade() -> None:
    op.drop_table("roadmap_entries")
    with op.batch_alter_table("report_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_evidence_practice_id"))

    op.drop_table("report_evidence")
    with op.batch_alter_table("indicator_values", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_values_indicator_id"))

    op.drop_table("indicator_values")
    with op.batch_alter_table("area_ratings", schema=None) as batch_op:
        batch_op.drop_index("ix_area_ratings_report_area_rating")

    op.drop_table("area_ratings")
    with op.batch_alter_table("reporting_overrides", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reporting_overrides_city_id"))

    op.drop_table("reporting_overrides")
    with op.batch_alter_table("progress_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_reports_cycle_status")
        batch_op.drop_index(batch_op.f("ix_progress_reports_city_id"))

    op.drop_table("progress_reports")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicators_key_feature_area_id"))

    op.drop_table("indicators")
    with op.batch_alter_table("reporting_cycles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reporting_cycles_opens_on"))

    op.drop_table("reporting_cycles")
    op.drop_table("key_feature_areas")
    op.drop_table("guideline_areas")
