"""Cities, their profiles and their (private) focal-point contacts."""

from __future__ import annotations

from gnlc_hub.cities import models
from gnlc_hub.graphql.core.loaders import LoaderGroup, many, one


class CityLoaders(LoaderGroup):
    city = one(models.City.id)
    city_by_slug = one(models.City.slug)
    profile = one(models.CityProfile.city_id)
    contacts_of_city = many(models.CityContact.city_id, order=[models.CityContact.id])
