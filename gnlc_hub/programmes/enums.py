"""Closed vocabularies of the programmes domain."""

from __future__ import annotations

import enum


class Modality(enum.StrEnum):
    ONLINE = "ONLINE"
    IN_PERSON = "IN_PERSON"
    HYBRID = "HYBRID"


class EnrolmentStatus(enum.StrEnum):
    ENROLLED = "ENROLLED"
    WITHDRAWN = "WITHDRAWN"
