"""Regenerate data/schemas/*.schema.json and each data file's schema line: `briefing schemas`."""

import sys

from briefing.cli import main

raise SystemExit(main(["schemas", *sys.argv[1:]]))
