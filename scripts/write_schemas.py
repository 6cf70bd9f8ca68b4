"""Regenerate data/schemas/*.schema.json from the model and the schema line atop each data file."""

from briefing.schema_cli import main

raise SystemExit(main())
