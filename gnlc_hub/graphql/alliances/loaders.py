"""Alliances (as far as the viewer may see them) and their member cities."""

from __future__ import annotations

from gnlc_hub.alliances import models
from gnlc_hub.alliances.queries import visible_alliances
from gnlc_hub.graphql.core.loaders import LoaderGroup, many, one


class AllianceLoaders(LoaderGroup):
    alliance = one(models.Alliance.id, visible=visible_alliances)
    alliance_by_slug = one(models.Alliance.slug, visible=visible_alliances)
    alliances_of_city = many(
        models.AllianceMember.city_id,
        item=models.Alliance,
        on=models.Alliance.id == models.AllianceMember.alliance_id,
        order=[models.Alliance.name, models.Alliance.id],
        visible=visible_alliances,
    )
    members_of_alliance = many(models.AllianceMember.alliance_id, order=[models.AllianceMember.id])
