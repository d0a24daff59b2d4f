"""Closed vocabularies of the cities domain."""

from __future__ import annotations

import enum


class ProfileFact(enum.StrEnum):
    """City-profile values that carry a source: open data until a city editor overrides them."""

    LOCATION = "LOCATION"
    POPULATION = "POPULATION"
    TIME_ZONE = "TIME_ZONE"
    LANGUAGES = "LANGUAGES"


EDITED = "edited by"  # sources of values a city editor or the secretariat set by hand


def edited_source(editor: str) -> str:
    return f"{EDITED} {editor}"


def is_edited(source: str | None) -> bool:
    return bool(source and source.startswith(EDITED))
