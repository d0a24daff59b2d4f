"""``python -m gnlc_hub``: the same commands as ``gnlc-hub``."""

from gnlc_hub.cli import main

main()
