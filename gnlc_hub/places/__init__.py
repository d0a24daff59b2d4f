"""The network on a map: where member cities and their learning places are, and how far apart."""
