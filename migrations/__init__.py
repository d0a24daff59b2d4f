"""Alembic migrations, shipped inside the wheel as ``gnlc_hub.migrations`` (see setup.py)."""
