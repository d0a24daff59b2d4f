"""The printed SDL, shipped inside the wheel as ``gnlc_hub.schema`` (see setup.py)."""
