"""Outputs beside GraphQL for maps and calendars: GeoJSON feeds, SVG maps and an iCalendar feed."""
