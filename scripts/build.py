"""Validate data/ and render the pages into docs/: `briefing build [--check]`."""

import sys

from briefing.cli import main

raise SystemExit(main(["build", *sys.argv[1:]]))
