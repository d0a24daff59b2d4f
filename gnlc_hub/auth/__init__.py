"""Who is asking: bearer tokens, roles, the per-request viewer and the permission rules."""
