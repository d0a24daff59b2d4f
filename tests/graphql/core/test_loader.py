"""The request loader (gnlc_hub/graphql/core/loaders.py): prefetched values are not queried
again, whether read with ``get`` or with DataLoader's own ``load``."""

from gnlc_hub.graphql.core.loaders import Loader


async def test_prefetched_keys_are_not_loaded_again() -> None:
    batches: list[list[int]] = []

    async def load(keys: list[int]) -> list[str]:
        batches.append(list(keys))
        return [f"row {key}" for key in keys]

    loader: Loader[int, str] = Loader(load)
    await loader.prefetch([1, 2, 2])
    assert loader.get(1) == "row 1"  # a plain value, no future
    assert await loader.load(2) == "row 2"
    assert await loader.load_many([1, 3]) == ["row 1", "row 3"]
    await loader.prefetch([1, 3])
    assert batches == [[1, 2], [3]]
