"""GraphQL types of practices and their theme vocabulary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.graphql.audit.types import PracticeRevision, history_field
from gnlc_hub.graphql.core.nodes import ModelNode
from gnlc_hub.graphql.core.permissions import ReadsAuditTrail, SeesCityPrivate, private
from gnlc_hub.graphql.core.relations import relation
from gnlc_hub.graphql.practices.enums import (
    BuildingBlock,
    GuidelineArea,
    PracticeStatus,
    TargetGroup,
)
from gnlc_hub.graphql.practices.loaders import enum_tags_sql, sdgs_sql, themes_sql
from gnlc_hub.practices import models
from gnlc_hub.practices.enums import TagFacet
from gnlc_hub.practices.tags import PracticeTags

if TYPE_CHECKING:
    from gnlc_hub.graphql.cities.types import City

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.graphql.cities.types")]


def tags_facet(facet: str) -> Callable[[PracticeTags], list[Any]]:
    """One facet of a practice's tags, as the list GraphQL returns."""
    return lambda tags: list(getattr(tags, facet))


@strawberry.type(description="An entry of the controlled theme vocabulary of practices.")
class Theme(ModelNode):
    model = models.Theme
    loader = "theme"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Identifier used in filters, e.g. `literacy`.")
    name: str = strawberry.field(description="Display name.")
    description: str | None = strawberry.field(description="What the theme covers.")
    synonyms: list[str] = strawberry.field(description="Words that search treats as the theme.")


@strawberry.type(description="A practice case study of a member city, tagged for discovery.")
class Practice(ModelNode):
    model = models.Practice
    loader = "practice"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Human-readable identifier for URLs.")
    title: str = strawberry.field(description="Short title.")
    summary: str = strawberry.field(description="One or two sentences.")
    body: str = strawberry.field(description="The case study in a few paragraphs (plain text).")
    period: str | None = strawberry.field(description="When it ran, as the source gives it.")
    year_start: int | None = strawberry.field(description="First year, when known.")
    year_end: int | None = strawberry.field(description="Last year, when known.")
    language: str = strawberry.field(description="Language of the text (ISO 639-1).")
    keywords: list[str] = strawberry.field(description="Free keywords beyond the themes.")
    source_url: str | None = strawberry.field(description="Public page the facts come from.")
    source_citation: str | None = strawberry.field(
        description="Citation of a source that has no public address."
    )
    status: PracticeStatus = strawberry.field(description="Curation state.")
    published_at: datetime | None = strawberry.field(description="When it was published.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    is_example: bool = strawberry.field(description="True for illustrative, not real, data.")
    version: int = strawberry.field(description="Current version, for optimistic locking.")
    submitted_at: datetime | None = strawberry.field(
        description="When it was last submitted for review. Null unless you are secretariat "
        "or an editor of its city.",
        extensions=private(SeesCityPrivate()),
    )
    review_note: str | None = strawberry.field(
        description="The secretariat's latest note on it (e.g. the changes requested). Null "
        "unless you are secretariat or an editor of its city.",
        extensions=private(SeesCityPrivate()),
    )
    history = history_field("practice")

    @strawberry.field(
        description="Its text at every version that changed it, oldest first. Empty unless "
        "you are the secretariat.",
        extensions=private(ReadsAuditTrail()),
    )
    async def revisions(
        self, root: strawberry.Parent[models.Practice], info: Info
    ) -> list[PracticeRevision] | None:
        return await info.context.loaders.revisions_of_practice.load(root.id)

    city = relation(
        "city", "city_id", graphql_type=CityRef, description="The city whose practice this is."
    )
    themes = relation(
        "themes_of_practice",
        sql=themes_sql,
        graphql_type=list[Theme],
        description="Themes from the controlled vocabulary.",
    )
    sdgs = relation(
        "tags_of_practice",
        shape=tags_facet("sdgs"),
        sql=sdgs_sql,
        graphql_type=list[int],
        description="UN Sustainable Development Goals (1–17) it contributes to.",
    )
    building_blocks = relation(
        "tags_of_practice",
        shape=tags_facet("building_blocks"),
        sql=enum_tags_sql(TagFacet.BUILDING_BLOCK, BuildingBlock),
        graphql_type=list[BuildingBlock],
        description="Key Features building blocks it strengthens.",
    )
    guideline_areas = relation(
        "tags_of_practice",
        shape=tags_facet("guideline_areas"),
        sql=enum_tags_sql(TagFacet.GUIDELINE_AREA, GuidelineArea),
        graphql_type=list[GuidelineArea],
        description="Guideline areas it illustrates.",
    )
    target_groups = relation(
        "tags_of_practice",
        shape=tags_facet("target_groups"),
        sql=enum_tags_sql(TagFacet.TARGET_GROUP, TargetGroup),
        graphql_type=list[TargetGroup],
        description="People it is meant to reach.",
    )
