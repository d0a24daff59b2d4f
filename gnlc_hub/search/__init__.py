"""The practice clearing house: search engines, index documents and the sync outbox."""
