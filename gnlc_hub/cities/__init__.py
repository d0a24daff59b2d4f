"""Member cities, their profiles and their private focal-point contacts."""
