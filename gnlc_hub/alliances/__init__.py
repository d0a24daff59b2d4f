"""Alliances between member cities (networks, MoUs, twinnings) and their life cycle."""
