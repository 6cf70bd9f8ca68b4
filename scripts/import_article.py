"""A new briefing's data skeleton from a Markdown article: `import_article.py ART.md --out DIR`."""

from briefing.import_cli import main

raise SystemExit(main())
