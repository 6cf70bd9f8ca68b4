"""`briefing new`: a complete briefing project from a Markdown article, ready to build.

The data skeleton comes from the importer, with a schema line in every file; mkdocs.yml, the
about page, a README and a .gitignore come from templates filled with the article's metadata.
The published file starts present and empty: nothing is published before the first build, and
the file is there from the project's first commit on, saying what it is for.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from briefing.data.importer import import_article, skeleton_files
from briefing.data.load import load_briefing
from briefing.data.schema import write_schemas
from briefing.data.yamlio import dump_yaml
from briefing.pages.markup import md, yaml_string
from briefing.pages.render import GENERATED_ROOTS
from briefing.site import start_published

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("briefing", "new_project"),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    autoescape=False,  # Markdown, YAML and plain text: each value goes through its own filter
)
ENV.filters.update(md=md, yaml=yaml_string)


class ProjectError(Exception):
    """Why a project cannot be laid out, as `path: error: message`."""


def new_project(article_path: Path, folder: Path) -> list[Path]:
    """Lay out a briefing project for the article in `folder`; return the files written."""
    if folder.exists() and any(folder.iterdir()):
        raise ProjectError(f"{folder}: error: exists and is not empty; choose a new folder")
    try:
        markdown = article_path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ProjectError(f"{article_path}: error: cannot read the article: {error}") from None
    imported = import_article(markdown)
    data = folder / "data"
    written = []
    for name, document in skeleton_files(imported, article_path.name).items():
        written.append(_write(data / name, dump_yaml(document, name)))
    written.append(start_published(data))
    write_schemas(data)
    written += sorted((data / "schemas").iterdir())
    result = load_briefing(data)
    if result.briefing is None:  # the importer's skeleton always loads; say so if it does not
        problems = "\n".join(str(problem) for problem in result.problems)
        raise ProjectError(f"{data}: error: the imported skeleton does not load:\n{problems}")
    article = result.briefing.article
    context = {
        "article": article,
        "description": (
            f'An analytical briefing on "{article.title}" by {article.author}'
            f" ({article.publisher}): every claim, actor and cited source, linked to the text."
            + (f" {imported.subtitle}" if imported.subtitle else "")
        ),
        "generated": GENERATED_ROOTS,
    }
    for template, name in (
        ("mkdocs.yml.j2", "mkdocs.yml"),
        ("about.md.j2", "docs/about.md"),
        ("README.md.j2", "README.md"),
        ("gitignore.j2", ".gitignore"),
    ):
        written.append(_write(folder / name, ENV.get_template(template).render(context)))
    return written


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8", newline="\n")
    return path
