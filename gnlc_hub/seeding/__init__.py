"""Loads the hub's own seed files (``seeds/``) into the database, idempotently."""
