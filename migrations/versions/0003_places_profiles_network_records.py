"""Learning places, sourced city profiles, festival editions, alliance practices, versions of
network records.

Columns added to existing tables get server defaults so that rows already there stay valid.

Revision ID: 0003_places
Revises: 0002
Create Date: 2026-12-01 20:36:37.498096
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_places"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "learning_places",
        sa.Column("slug", sa.String(length=160), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "COMMUNITY_LEARNING_CENTRE",
                "LIBRARY",
                "MUSEUM",
                "SCHOOL",
                "UNIVERSITY",
                "WORKPLACE",
                "ONLINE_SERVICE",
                "FESTIVAL_VENUE",
                "PARK_OR_OUTDOOR",
                "OTHER",
                name="placekind",
                native_enum=False,
                length=48,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=400), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("target_groups", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("opening", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["cities.id"],
            name=op.f("fk_learning_places_city_id_cities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_places")),
        sa.UniqueConstraint("slug", name=op.f("uq_learning_places_slug")),
    )
    with op.batch_alter_table("learning_places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_learning_places_city_id"), ["city_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_learning_places_kind"), ["kind"], unique=False)
        batch_op.create_index(
            "ix_learning_places_latitude_longitude", ["latitude", "longitude"], unique=False
        )

    op.create_table(
        "alliance_practices",
        sa.Column("alliance_id", sa.Integer(), nullable=False),
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alliance_id"],
            ["alliances.id"],
            name=op.f("fk_alliance_practices_alliance_id_alliances"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["practices.id"],
            name=op.f("fk_alliance_practices_practice_id_practices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliance_practices")),
        sa.UniqueConstraint(
            "alliance_id", "practice_id", name=op.f("uq_alliance_practices_alliance_id_practice_id")
        ),
    )
    with op.batch_alter_table("alliance_practices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alliance_practices_alliance_id"), ["alliance_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_alliance_practices_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "event_editions",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.String(length=10), nullable=True),
        sa.Column("ends_on", sa.String(length=10), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_editions_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_editions")),
        sa.UniqueConstraint("event_id", "year", name=op.f("uq_event_editions_event_id_year")),
    )
    with op.batch_alter_table("event_editions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_editions_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_editions_year"), ["year"], unique=False)

    op.create_table(
        "learning_place_practices",
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["learning_places.id"],
            name=op.f("fk_learning_place_practices_place_id_learning_places"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["practices.id"],
            name=op.f("fk_learning_place_practices_practice_id_practices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_place_practices")),
        sa.UniqueConstraint(
            "place_id", "practice_id", name=op.f("uq_learning_place_practices_place_id_practice_id")
        ),
    )
    with op.batch_alter_table("learning_place_practices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_learning_place_practices_place_id"), ["place_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_learning_place_practices_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "learning_place_programmes",
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["learning_places.id"],
            name=op.f("fk_learning_place_programmes_place_id_learning_places"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_learning_place_programmes_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_place_programmes")),
        sa.UniqueConstraint(
            "place_id",
            "programme_id",
            name=op.f("uq_learning_place_programmes_place_id_programme_id"),
        ),
    )
    with op.batch_alter_table("learning_place_programmes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_learning_place_programmes_place_id"), ["place_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_learning_place_programmes_programme_id"), ["programme_id"], unique=False
        )

    with op.batch_alter_table("city_contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))

    with op.batch_alter_table("city_profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("time_zone", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("population_year", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("sources", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.create_index(
            "ix_city_profiles_latitude_longitude", ["latitude", "longitude"], unique=False
        )

    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))

    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("city_profiles", schema=None) as batch_op:
        batch_op.drop_index("ix_city_profiles_latitude_longitude")
        batch_op.drop_column("sources")
        batch_op.drop_column("population_year")
        batch_op.drop_column("time_zone")

    with op.batch_alter_table("city_contacts", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("learning_place_programmes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learning_place_programmes_programme_id"))
        batch_op.drop_index(batch_op.f("ix_learning_place_programmes_place_id"))

    op.drop_table("learning_place_programmes")
    with op.batch_alter_table("learning_place_practices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learning_place_practices_practice_id"))
        batch_op.drop_index(batch_op.f("ix_learning_place_practices_place_id"))

    op.drop_table("learning_place_practices")
    with op.batch_alter_table("event_editions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_editions_year"))
        batch_op.drop_index(batch_op.f("ix_event_editions_event_id"))

    op.drop_table("event_editions")
    with op.batch_alter_table("alliance_practices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alliance_practices_practice_id"))
        batch_op.drop_index(batch_op.f("ix_alliance_practices_alliance_id"))

    op.drop_table("alliance_practices")
    with op.batch_alter_table("learning_places", schema=None) as batch_op:
        batch_op.drop_index("ix_learning_places_latitude_longitude")
        batch_op.drop_index(batch_op.f("ix_learning_places_kind"))
        batch_op.drop_index(batch_op.f("ix_learning_places_city_id"))

    op.drop_table("learning_places")
