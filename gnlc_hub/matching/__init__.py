"""Peer-learning matching: which member cities have already answered a city's need, and why."""
