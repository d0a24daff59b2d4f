"""The API under a fixed today, so deadlines and "overdue" do not depend on the calendar."""

from __future__ import annotations

from typing import Any

import pytest

from gnlc_hub.app import create_app
from tests.monitoring.support import CLOCK


@pytest.fixture
def app(settings: Any, database: Any, seeded_search: Any) -> Any:
    app = create_app(settings, database=database, search=seeded_search)
    app.state.services.clock = CLOCK
    return app
