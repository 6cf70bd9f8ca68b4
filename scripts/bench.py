"""Benchmark the build: `python scripts/bench.py [--scales 1 10 100] [--no-mkdocs]`."""

from briefing.bench import main

raise SystemExit(main())
