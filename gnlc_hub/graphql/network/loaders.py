"""Regions, countries, awards, clusters, events and publications."""

from __future__ import annotations

from gnlc_hub.graphql.core.loaders import LoaderGroup, many, one
from gnlc_hub.network import models


class NetworkLoaders(LoaderGroup):
    region = one(models.Region.id)
    country = one(models.Country.id)
    award = one(models.Award.id)
    awards_of_city = many(models.Award.city_id, order=[models.Award.year])
    cluster = one(models.Cluster.id)
    cluster_by_slug = one(models.Cluster.slug)
    memberships_of_city = many(
        models.ClusterMembership.city_id, order=[models.ClusterMembership.id]
    )
    memberships_of_cluster = many(
        models.ClusterMembership.cluster_id,
        order=[models.ClusterMembership.role, models.ClusterMembership.id],
    )
    event = one(models.Event.id)
    events_of_city = many(models.Event.city_id, order=[models.Event.starts_on, models.Event.id])
    publication = one(models.Publication.id)
    features_of_city = many(models.PublicationFeature.city_id, order=[models.PublicationFeature.id])
    features_of_publication = many(
        models.PublicationFeature.publication_id, order=[models.PublicationFeature.id]
    )
