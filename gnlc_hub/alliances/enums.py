"""Closed vocabularies of the alliances domain."""

from __future__ import annotations

import enum


class AllianceKind(enum.StrEnum):
    NETWORK = "NETWORK"
    MOU = "MOU"
    TWINNING = "TWINNING"
    LEARNING_PARTNERSHIP = "LEARNING_PARTNERSHIP"


class AllianceStatus(enum.StrEnum):
    PROPOSED = "PROPOSED"
    ACTIVE = "ACTIVE"
    DECLINED = "DECLINED"
    CONCLUDED = "CONCLUDED"


# What anonymous readers may see: agreements that exist, not negotiations in progress.
PUBLIC_ALLIANCE_STATUSES = frozenset({AllianceStatus.ACTIVE, AllianceStatus.CONCLUDED})


class MemberResponse(enum.StrEnum):
    PROPOSER = "PROPOSER"
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"


# Members who take part in an alliance: those who declined or have not answered do not.
PARTICIPATING = frozenset({MemberResponse.PROPOSER, MemberResponse.ACCEPTED})
