"""Build a new briefing's data skeleton from a Markdown article: `import_article.py ARTICLE.md --out DIR`."""

from briefing.import_cli import main

raise SystemExit(main())
