"""Closed vocabularies of the places domain."""

from __future__ import annotations

import enum


class PlaceKind(enum.StrEnum):
    """What kind of learning place: the provision the GNLC guidelines ask cities to map."""

    COMMUNITY_LEARNING_CENTRE = "COMMUNITY_LEARNING_CENTRE"  # CLCs, kominkan
    LIBRARY = "LIBRARY"
    MUSEUM = "MUSEUM"
    SCHOOL = "SCHOOL"
    UNIVERSITY = "UNIVERSITY"
    WORKPLACE = "WORKPLACE"
    ONLINE_SERVICE = "ONLINE_SERVICE"
    FESTIVAL_VENUE = "FESTIVAL_VENUE"
    PARK_OR_OUTDOOR = "PARK_OR_OUTDOOR"
    OTHER = "OTHER"
