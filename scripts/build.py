"""Validate data/ and render the pages into docs/: `python scripts/build.py [--check]`."""

from briefing.cli import main

raise SystemExit(main())
