"""The seed data, shipped inside the wheel as ``gnlc_hub.seeds`` (see setup.py)."""
