"""network core

Revision ID: 0001
Revises:
Create Date: 2026-11-23 06:59:54.866060
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "clusters",
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clusters")),
        sa.UniqueConstraint("slug", name=op.f("uq_clusters_slug")),
    )
    op.create_table(
        "programmes",
        sa.Column("slug", sa.String(length=160), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("sort_title", sa.String(length=300), nullable=False),
        sa.Column("organizer", sa.String(length=300), nullable=True),
        sa.Column(
            "modality",
            sa.Enum("ONLINE", "IN_PERSON", "HYBRID", name="modality", native_enum=False, length=48),
            nullable=False,
        ),
        sa.Column("starts_on", sa.String(length=10), nullable=True),
        sa.Column("ends_on", sa.String(length=10), nullable=True),
        sa.Column("audience", sa.Text(), nullable=True),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("seats", sa.Integer(), nullable=True),
        sa.Column("enrolment_deadline", sa.Date(), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
        sa.UniqueConstraint("slug", name=op.f("uq_programmes_slug")),
    )
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programmes_sort_title"), ["sort_title"], unique=False)
        batch_op.create_index(batch_op.f("ix_programmes_starts_on"), ["starts_on"], unique=False)

    op.create_table(
        "publications",
        sa.Column("slug", sa.String(length=160), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("publisher", sa.String(length=200), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
        sa.UniqueConstraint("slug", name=op.f("uq_publications_slug")),
    )
    op.create_table(
        "regions",
        sa.Column(
            "code",
            sa.Enum(
                "AFRICA",
                "ARAB_STATES",
                "ASIA_AND_THE_PACIFIC",
                "EUROPE_AND_NORTH_AMERICA",
                "LATIN_AMERICA_AND_THE_CARIBBEAN",
                name="regioncode",
                native_enum=False,
                length=48,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regions")),
        sa.UniqueConstraint("code", name=op.f("uq_regions_code")),
    )
    op.create_table(
        "themes",
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("synonyms", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themes")),
        sa.UniqueConstraint("slug", name=op.f("uq_themes_slug")),
    )
    op.create_table(
        "countries",
        sa.Column("iso2", sa.String(length=2), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("sort_name", sa.String(length=120), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_countries_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_countries")),
        sa.UniqueConstraint("iso2", name=op.f("uq_countries_iso2")),
    )
    with op.batch_alter_table("countries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_countries_region_id"), ["region_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_countries_sort_name"), ["sort_name"], unique=False)

    op.create_table(
        "cities",
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("sort_name", sa.String(length=200), nullable=False),
        sa.Column("country_id", sa.Integer(), nullable=False),
        sa.Column("admitted_year", sa.Integer(), nullable=True),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_id"], ["countries.id"], name=op.f("fk_cities_country_id_countries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cities")),
        sa.UniqueConstraint("slug", name=op.f("uq_cities_slug")),
    )
    with op.batch_alter_table("cities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cities_admitted_year"), ["admitted_year"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cities_country_id"), ["country_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cities_sort_name"), ["sort_name"], unique=False)

    op.create_table(
        "alliances",
        sa.Column("slug", sa.String(length=160), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "NETWORK",
                "MOU",
                "TWINNING",
                "LEARNING_PARTNERSHIP",
                name="alliancekind",
                native_enum=False,
                length=48,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "PROPOSED",
                "ACTIVE",
                "DECLINED",
                "CONCLUDED",
                name="alliancestatus",
                native_enum=False,
                length=48,
            ),
            nullable=False,
        ),
        sa.Column("status_confirmed", sa.Boolean(), nullable=False),
        sa.Column("started_on", sa.String(length=10), nullable=True),
        sa.Column("ended_on", sa.String(length=10), nullable=True),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("proposed_by_city_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposed_by_city_id"],
            ["cities.id"],
            name=op.f("fk_alliances_proposed_by_city_id_cities"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliances")),
        sa.UniqueConstraint("slug", name=op.f("uq_alliances_slug")),
    )
    with op.batch_alter_table("alliances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alliances_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_alliances_status"), ["status"], unique=False)

    op.create_table(
        "awards",
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"], ["cities.id"], name=op.f("fk_awards_city_id_cities"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_awards")),
        sa.UniqueConstraint("city_id", "year", name=op.f("uq_awards_city_id_year")),
    )
    with op.batch_alter_table("awards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_awards_city_id"), ["city_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_awards_year"), ["year"], unique=False)

    op.create_table(
        "city_contacts",
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["cities.id"],
            name=op.f("fk_city_contacts_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city_contacts")),
    )
    with op.batch_alter_table("city_contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_city_contacts_city_id"), ["city_id"], unique=False)

    op.create_table(
        "city_profiles",
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("priorities", sa.JSON(), nullable=False),
        sa.Column("challenges", sa.Text(), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["cities.id"],
            name=op.f("fk_city_profiles_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("city_id", name=op.f("pk_city_profiles")),
    )
    op.create_table(
        "cluster_memberships",
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum("COORDINATOR", "MEMBER", name="clusterrole", native_enum=False, length=48),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["cities.id"],
            name=op.f("fk_cluster_memberships_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["clusters.id"],
            name=op.f("fk_cluster_memberships_cluster_id_clusters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster_memberships")),
        sa.UniqueConstraint(
            "cluster_id", "city_id", name=op.f("uq_cluster_memberships_cluster_id_city_id")
        ),
    )
    with op.batch_alter_table("cluster_memberships", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cluster_memberships_city_id"), ["city_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cluster_memberships_cluster_id"), ["cluster_id"], unique=False
        )

    op.create_table(
        "enrolments",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("ENROLLED", "WITHDRAWN", name="enrolmentstatus", native_enum=False, length=48),
            nullable=False,
        ),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["cities.id"],
            name=op.f("fk_enrolments_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_enrolments_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolments")),
        sa.UniqueConstraint(
            "programme_id", "city_id", name=op.f("uq_enrolments_programme_id_city_id")
        ),
    )
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrolments_city_id"), ["city_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_enrolments_programme_id"), ["programme_id"], unique=False
        )

    op.create_table(
        "events",
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("CONFERENCE", "FESTIVAL", name="eventkind", native_enum=False, length=48),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("edition", sa.Integer(), nullable=True),
        sa.Column("city_id", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.String(length=10), nullable=True),
        sa.Column("ends_on", sa.String(length=10), nullable=True),
        sa.Column("theme", sa.Text(), nullable=True),
        sa.Column(
            "frequency",
            sa.Enum(
                "ANNUAL",
                "RECURRING",
                "ONE_OFF",
                "UNKNOWN",
                name="eventfrequency",
                native_enum=False,
                length=48,
            ),
            nullable=True,
        ),
        sa.Column("typical_months", sa.String(length=120), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"], ["cities.id"], name=op.f("fk_events_city_id_cities"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("slug", name=op.f("uq_events_slug")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_city_id"), ["city_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_starts_on"), ["starts_on"], unique=False)

    op.create_table(
        "practices",
        sa.Column("slug", sa.String(length=160), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("sort_title", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("period", sa.String(length=60), nullable=True),
        sa.Column("year_start", sa.Integer(), nullable=True),
        sa.Column("year_end", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("source_citation", sa.String(length=500), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "DRAFT",
                "SUBMITTED",
                "CHANGES_REQUESTED",
                "PUBLISHED",
                "ARCHIVED",
                name="practicestatus",
                native_enum=False,
                length=48,
            ),
            nullable=False,
        ),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"], ["cities.id"], name=op.f("fk_practices_city_id_cities"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practices")),
        sa.UniqueConstraint("slug", name=op.f("uq_practices_slug")),
    )
    with op.batch_alter_table("practices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_practices_city_id"), ["city_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_practices_sort_title"), ["sort_title"], unique=False)
        batch_op.create_index(batch_op.f("ix_practices_status"), ["status"], unique=False)
        batch_op.create_index(
            "ix_practices_status_published_at", ["status", "published_at"], unique=False
        )

    op.create_table(
        "programme_hosts",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["cities.id"],
            name=op.f("fk_programme_hosts_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_programme_hosts_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("programme_id", "city_id", name=op.f("pk_programme_hosts")),
    )
    with op.batch_alter_table("programme_hosts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programme_hosts_city_id"), ["city_id"], unique=False)

    op.create_table(
        "publication_features",
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["cities.id"],
            name=op.f("fk_publication_features_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_publication_features_publication_id_publications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication_features")),
        sa.UniqueConstraint(
            "publication_id", "city_id", name=op.f("uq_publication_features_publication_id_city_id")
        ),
    )
    with op.batch_alter_table("publication_features", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_publication_features_city_id"), ["city_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_publication_features_publication_id"), ["publication_id"], unique=False
        )

    op.create_table(
        "alliance_members",
        sa.Column("alliance_id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column(
            "response",
            sa.Enum(
                "PROPOSER",
                "PENDING",
                "ACCEPTED",
                "DECLINED",
                name="memberresponse",
                native_enum=False,
                length=48,
            ),
            nullable=False,
        ),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alliance_id"],
            ["alliances.id"],
            name=op.f("fk_alliance_members_alliance_id_alliances"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["cities.id"],
            name=op.f("fk_alliance_members_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliance_members")),
        sa.UniqueConstraint(
            "alliance_id", "city_id", name=op.f("uq_alliance_members_alliance_id_city_id")
        ),
    )
    with op.batch_alter_table("alliance_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alliance_members_alliance_id"), ["alliance_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_alliance_members_city_id"), ["city_id"], unique=False)

    op.create_table(
        "practice_tags",
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column(
            "facet",
            sa.Enum(
                "THEME",
                "SDG",
                "BUILDING_BLOCK",
                "GUIDELINE_AREA",
                "TARGET_GROUP",
                name="tagfacet",
                native_enum=False,
                length=48,
            ),
            nullable=False,
        ),
        sa.Column("value", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["practices.id"],
            name=op.f("fk_practice_tags_practice_id_practices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("practice_id", "facet", "value", name=op.f("pk_practice_tags")),
    )
    with op.batch_alter_table("practice_tags", schema=None) as batch_op:
        batch_op.create_index("ix_practice_tags_facet_value", ["facet", "value"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("practice_tags", schema=None) as batch_op:
        batch_op.drop_index("ix_practice_tags_facet_value")

    op.drop_table("practice_tags")
    with op.batch_alter_table("alliance_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alliance_members_city_id"))
        batch_op.drop_index(batch_op.f("ix_alliance_members_alliance_id"))

    op.drop_table("alliance_members")
    with op.batch_alter_table("publication_features", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publication_features_publication_id"))
        batch_op.drop_index(batch_op.f("ix_publication_features_city_id"))

    op.drop_table("publication_features")
    with op.batch_alter_table("programme_hosts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_hosts_city_id"))

    op.drop_table("programme_hosts")
    with op.batch_alter_table("practices", schema=None) as batch_op:
        batch_op.drop_index("ix_practices_status_published_at")
        batch_op.drop_index(batch_op.f("ix_practices_status"))
        batch_op.drop_index(batch_op.f("ix_practices_sort_title"))
        batch_op.drop_index(batch_op.f("ix_practices_city_id"))

    op.drop_table("practices")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_starts_on"))
        batch_op.drop_index(batch_op.f("ix_events_kind"))
        batch_op.drop_index(batch_op.f("ix_events_city_id"))

    op.drop_table("events")
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrolments_programme_id"))
        batch_op.drop_index(batch_op.f("ix_enrolments_city_id"))

    op.drop_table("enrolments")
    with op.batch_alter_table("cluster_memberships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cluster_memberships_cluster_id"))
        batch_op.drop_index(batch_op.f("ix_cluster_memberships_city_id"))

    op.drop_table("cluster_memberships")
    op.drop_table("city_profiles")
    with op.batch_alter_table("city_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_city_contacts_city_id"))

    op.drop_table("city_contacts")
    with op.batch_alter_table("awards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_awards_year"))
        batch_op.drop_index(batch_op.f("ix_awards_city_id"))

    op.drop_table("awards")
    with op.batch_alter_table("alliances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alliances_status"))
        batch_op.drop_index(batch_op.f("ix_alliances_kind"))

    op.drop_table("alliances")
    with op.batch_alter_table("cities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cities_sort_name"))
        batch_op.drop_index(batch_op.f("ix_cities_country_id"))
        batch_op.drop_index(batch_op.f("ix_cities_admitted_year"))

    op.drop_table("cities")
    with op.batch_alter_table("countries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_countries_sort_name"))
        batch_op.drop_index(batch_op.f("ix_countries_region_id"))

    op.drop_table("countries")
    op.drop_table("themes")
    op.drop_table("regions")
    op.drop_table("publications")
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programmes_starts_on"))
        batch_op.drop_index(batch_op.f("ix_programmes_sort_title"))

    op.drop_table("programmes")
    op.drop_table("clusters")
