"""The data the hub ships with its code: migrations, seeds, the printed SDL.

They live in the top-level folders ``migrations/``, ``seeds/`` and ``schema/`` and are installed
as the subpackages ``gnlc_hub.migrations``, ``gnlc_hub.seeds`` and ``gnlc_hub.schema`` (setup.py),
so a wheel, an editable install and a checkout all find them the same way: here, through
``importlib.resources``, never by walking up from a source file.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder(package: str) -> Path:
    """The files of ``package`` on disk: alembic and the seed loader read real folders.

    Every pip install (wheel or editable) unpacks to disk; a zipped install is refused here,
    in one line, rather than deep inside alembic.
    """
    folder = files(package)
    if not isinstance(folder, Path):
        raise RuntimeError(f"{package} is not installed as files on disk ({folder!r})")
    return folder


def migrations_dir() -> Path:
    """Alembic's script location (``env.py``, ``versions/``)."""
    return _folder("gnlc_hub.migrations")


def seeds_dir() -> Path:
    """The seed data (``seeds/README.md`` lists the files)."""
    return _folder("gnlc_hub.seeds")


def schema_file() -> Path:
    """The printed SDL front-end teams code against; a test keeps it equal to the code's."""
    return _folder("gnlc_hub.schema") / "schema.graphql"


def matching_evaluation_set() -> Path:
    """Needs labelled with the cities that answer them, drawn from the seeded practices."""
    return seeds_dir() / "evaluation" / "matching.toml"
