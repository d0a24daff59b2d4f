"""Practice case studies: their tags, their curation life cycle and their revisions."""
