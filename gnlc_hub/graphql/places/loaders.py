"""Learning places, their practices and programmes, and the places of a city."""

from __future__ import annotations

from gnlc_hub.graphql.core.loaders import LoaderGroup, many, one
from gnlc_hub.places import models
from gnlc_hub.places.queries import PLACE_SORT_KEY
from gnlc_hub.practices import models as practice_models
from gnlc_hub.practices.queries import visible_practices
from gnlc_hub.programmes import models as programme_models


class PlaceLoaders(LoaderGroup):
    place = one(models.LearningPlace.id)
    place_by_slug = one(models.LearningPlace.slug)
    places_of_city = many(models.LearningPlace.city_id, order=PLACE_SORT_KEY)
    practices_of_place = many(
        models.PlacePractice.place_id,
        item=practice_models.Practice,
        on=practice_models.Practice.id == models.PlacePractice.practice_id,
        order=[practice_models.Practice.sort_title, practice_models.Practice.id],
        visible=visible_practices,
    )
    programmes_of_place = many(
        models.PlaceProgramme.place_id,
        item=programme_models.Programme,
        on=programme_models.Programme.id == models.PlaceProgramme.programme_id,
        order=[programme_models.Programme.sort_title, programme_models.Programme.id],
    )
