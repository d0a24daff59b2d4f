"""The framework seeds: the sourced facts, loaded idempotently, and no invented indicator."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.monitoring.models import GuidelineAreaEntry, Indicator, KeyFeatureArea
from gnlc_hub.practices.enums import BuildingBlock
from gnlc_hub.seeding.files import SEEDS_DIR, read_csv
from gnlc_hub.seeding.loader import load_seeds

SHARED_CSV = Path("/work/shared/data/gnlc/key_features.csv")


def test_the_seed_copy_matches_the_shared_facts() -> None:
    if not SHARED_CSV.exists():
        pytest.skip("the shared data folder is not on this machine")
    facts = {row["area_number"]: (row["area"], row["source_url"]) for row in read_csv(SHARED_CSV)}
    ours = read_csv(SEEDS_DIR / "monitoring/key_features.csv")
    assert {row["number"]: (row["name"], row["source_url"]) for row in ours} == facts
    # No feature text: the shared file has none, and neither do we.
    assert {row["feature"] for row in read_csv(SHARED_CSV)} == {""}


def test_the_column_areas_map_one_to_one_onto_the_building_blocks() -> None:
    rows = read_csv(SEEDS_DIR / "monitoring/key_features.csv")
    blocks = {row["building_block"] for row in rows if row["tier"] == "MAJOR_BUILDING_BLOCKS"}
    assert blocks == {block.value for block in BuildingBlock}
    assert {row["building_block"] for row in rows if row["tier"] != "MAJOR_BUILDING_BLOCKS"} == {""}


async def test_seeding_twice_changes_nothing(session: AsyncSession) -> None:
    async def counts() -> tuple[int, int, int]:
        return tuple(
            [
                await session.scalar(select(func.count()).select_from(model))
                for model in (KeyFeatureArea, GuidelineAreaEntry, Indicator)
            ]
        )

    before = await counts()
    await load_seeds(session)
    await session.flush()
    assert await counts() == before == (12, 6, 3)
    examples = await session.scalars(select(Indicator.is_example))
    assert set(examples) == {True}
