"""Hand-made index documents for contract tests that need exact control over the text."""

from __future__ import annotations

from typing import Any

from gnlc_hub.search.engine import IndexSettings, PracticeDocument
from gnlc_hub.search.indexing.documents import FIXED_SYNONYM_GROUPS

BASE_TIME = 1_700_000_000  # 2023-11-14: published_at of document 0; each next id a day later
FIXED_SYNONYMS = IndexSettings(synonym_groups=FIXED_SYNONYM_GROUPS)


def document(id: int, title: str = "", **fields: Any) -> PracticeDocument:
    values: dict[str, Any] = {
        "slug": f"practice-{id}",
        "title": title or f"Practice number {id}",
        "summary": "",
        "body": "",
        "keywords": (),
        "city": "testville",
        "city_name": "Testville",
        "country": "TV",
        "country_name": "Testland",
        "region": "AFRICA",
        "themes": (),
        "theme_names": (),
        "sdgs": (),
        "building_blocks": (),
        "guideline_areas": (),
        "target_groups": (),
        "year": None,
        "language": "en",
        "published_at": BASE_TIME + id * 86_400,
    }
    values.update(fields)
    return PracticeDocument(id=id, **values)
