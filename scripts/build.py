"""Validate data/ and render the briefing's pages into docs/: `python scripts/build.py [--check]`."""

from briefing.cli import main

raise SystemExit(main())
