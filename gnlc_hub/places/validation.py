"""Field limits of learning places (coordinates follow the rules in gnlc_hub/core/geo.py)."""

from __future__ import annotations

NAME_MAX = 200
ADDRESS_MAX = 400
OPENING_MAX = 1000
SUMMARY_MAX = 2000
MAX_LINKS = 50
