"""Capacity-building programmes and the cities that enrol in them."""
