"""The network itself: UNESCO regions, countries, clusters, events, awards and publications."""
