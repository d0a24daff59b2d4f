"""The API under a pinned today, so deadlines and "overdue" do not depend on the calendar."""

from __future__ import annotations

import pytest

from gnlc_hub.core.clock import Clock
from tests.monitoring.support import CLOCK


@pytest.fixture
def clock() -> Clock:
    """The API's clock is the monitoring tests' own, pinned (see ``tests.monitoring.support``)."""
    return CLOCK
