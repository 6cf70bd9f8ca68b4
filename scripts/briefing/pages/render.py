"""Model -> pages: `render_site(briefing)` maps each docs-relative path to its text. Pure."""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import jinja2

from briefing.data.records import Briefing
from briefing.model import Actor, Claim
from briefing.pages import labels
from briefing.pages.annotate import Quote, annotate_paragraph
from briefing.pages.context import build_context
from briefing.pages.explorer import explorer_context
from briefing.pages.export import export_makers
from briefing.pages.markup import html_text, md, md_url, meta, yaml_string
from briefing.pages.network import drawn_actors, render_network_svg
from briefing.pages.network_ego import render_ego_svg
from briefing.pages.network_layout import central_actor
from briefing.pages.relation_families import FAMILIES, relation_family
from briefing.pages.timeline import ORDER_NOTE, render_timeline_svg, timeline_order, when_label
from briefing.perf import paused_gc

T = TypeVar("T")


def separated(items: Iterable[T], separator: str) -> Iterator[tuple[str, T]]:
    """Each item with what goes before it: nothing before the first, `separator` before the
    rest. Templates join lists with it rather than with `loop.last`, which makes Jinja build a
    loop object that looks one item ahead, a cost paid for every link of every claim."""
    return zip(itertools.chain(("",), itertools.repeat(separator)), items, strict=False)


ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("briefing", "pages/templates"),
    undefined=jinja2.StrictUndefined,
    auto_reload=False,  # templates are package files: no stat() per page
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    autoescape=False,  # the output is Markdown; data goes through the `md` filter
)
ENV.filters.update(
    md=md,
    meta=meta,
    url=md_url,
    html=html_text,
    yaml=yaml_string,
    kind_label=labels.kind_label,
    paragraph_number=labels.paragraph_number,
    date_label=labels.date_label,
    precision=labels.precision,
    figure_value=labels.figure_value,
    figure_label=labels.figure_label,
    singular=labels.singular,
    relation=labels.relation_label,
    shorten=labels.shorten,
    separated=separated,
)


GENERATED_ROOTS = (
    *("index.md", "article/", "actors/", "themes/", "levers/", "timeline/", "figures/"),
    *("sources/", "data/", "claims/"),
)
"""Where generated pages go under docs/: what a project's .gitignore lists."""


class Pages(Mapping[str, str]):
    """Every generated page and export by its path under docs/, rendered when read: a build
    writes one page at a time instead of holding the whole site in memory. Reading a page
    twice renders it twice, with the same text."""

    def __init__(self, makers: dict[str, Callable[[], str]]) -> None:
        self._makers = {path: makers[path] for path in sorted(makers)}

    def __getitem__(self, path: str) -> str:
        return self._makers[path]()

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def render_site(briefing: Briefing) -> Pages:
    """Every generated page and export, by path under docs/. Same input, same bytes."""
    with paused_gc():
        context = {**ENV.globals, **build_context(briefing)}
    page = functools.partial
    makers: dict[str, Callable[[], str]] = {
        "index.md": page(_render, "home.md.j2", context, claims_by_id=briefing.claims),
        "article/index.md": page(_render_article, briefing, context),
        "actors/index.md": page(_render, "actors_index.md.j2", context),
        "actors/network.md": page(_render_network, briefing, context),
        "sources/index.md": page(_render, "sources.md.j2", context),
        "levers/index.md": page(_render_levers, briefing, context),
        "timeline/index.md": page(_render_timeline, briefing, context),
        "figures/index.md": page(_render, "figures.md.j2", context),
        "data/index.md": page(_render, "data.md.j2", context, example_url=_example_url(context)),
        "claims/index.md": page(_render, "claims.md.j2", context, **explorer_context(briefing)),
    }
    for theme in briefing.themes.values():
        claims = context["claims_by_theme"][theme.id]
        paragraphs = sorted({claim.paragraph for claim in claims})
        makers[f"themes/{theme.id}.md"] = page(
            _render, "theme.md.j2", context, theme=theme, claims=claims, paragraphs=paragraphs
        )
    actor_page = _macro("actor.md.j2", "actor_page", context)
    for actor in briefing.actors.values():
        makers[f"actors/{actor.id}.md"] = page(render_actor, actor, briefing, context, actor_page)
    if briefing.article.draft:
        makers = {path: _drafted(maker) for path, maker in makers.items()}
    makers.update(export_makers(briefing, context["claim_url"]))
    return Pages(makers)


DRAFT_NOTE = (
    '!!! warning "Draft"\n'
    "    This briefing's data is marked as a draft: not every paragraph or citation is covered by\n"
    "    claims yet, so this page may show less than the article says.\n\n"
)


def _drafted(maker: Callable[[], str]) -> Callable[[], str]:
    """A page maker whose page opens, below its front matter and title, with the draft note."""

    def make() -> str:
        text = maker()
        end = text.index("\n# ") if "\n# " in text else 0
        line_end = text.index("\n", end + 1) + 1 if end else 0
        return text[:line_end] + "\n" + DRAFT_NOTE + text[line_end:]

    return make


def _example_url(context: dict[str, Any]) -> str:
    claims = context["claims"]
    return context["claim_url"][claims[0].id] if claims else "themes/<theme>/#<claim-id>"


def site_nav(briefing: Briefing) -> list[Any]:
    """MkDocs `nav`: the briefing, then the themes in their order, then the reference pages."""
    # Nav titles are printed unescaped by the theme, like page titles.
    themes = [{html_text(t.title): f"themes/{t.id}.md"} for t in briefing.themes.values()]
    return [
        {"Briefing": "index.md"},
        {"Themes": themes},
        {"Leverage matrix": "levers/index.md"},
        {"Actors": "actors/index.md"},
        {"Actor network": "actors/network.md"},
        {"Timeline": "timeline/index.md"},
        {"Claim explorer": "claims/index.md"},
        {"Figures": "figures/index.md"},
        {"Sources": "sources/index.md"},
        {"The article": "article/index.md"},
        {"Downloads": "data/index.md"},
    ]


def _render(template: str, context: dict[str, Any], **extra: Any) -> str:
    """`Template.render`, less its copy of the whole context for every page: the context (which
    already holds the environment's globals) is shared, and only `extra` is added."""
    compiled = _template(template)
    state = compiled.new_context({**context, **extra}, shared=True)
    return ENV.concat(compiled.root_render_func(state))


@functools.cache
def _template(name: str) -> jinja2.Template:
    return ENV.get_template(name)


def _macro(template: str, name: str, context: dict[str, Any]) -> Callable[..., str]:
    """A page macro of `template`, seeing `context`: for a kind of page rendered by the
    thousand, a macro call per page costs less than a template render (a new context) per page."""
    macro: Callable[..., str] = getattr(_template(template).make_module(context), name)
    return macro


def render_actor(
    actor: Actor, briefing: Briefing, context: dict[str, Any], actor_page: Callable[..., str]
) -> str:
    """An actor's page: role, relations both ways with their evidence, every claim about it
    grouped by kind (reported, assessment, forecast, allegation; empty kinds left out), and the
    actors it leads, whose own pages hold what it does through them."""
    groups: dict[str, list[Claim]] = {kind: [] for kind in labels.CLAIM_KIND_LABELS}
    for claim in context["claims_by_actor"][actor.id]:
        groups[claim.kind].append(claim)
    by_kind = [(kind, claims) for kind, claims in groups.items() if claims]
    led = [
        (relation.kind, briefing.actors[relation.to])
        for relation in actor.relations
        if relation.kind in LEADS and relation.to != actor.id
    ]
    relations = context["relations_by_actor"][actor.id]
    diagram = render_ego_svg(actor, relations, briefing.actors)
    return actor_page(actor, relations, by_kind, led, diagram)


LEADS = frozenset({"leads", "heads", "runs"})
"""Relation kinds by which one actor acts through another: its page points to the other's."""


def _render_network(briefing: Briefing, context: dict[str, Any]) -> str:
    """The actor network: the legend in words, the actors with no relation, the diagram, then
    every relation as a table row."""
    actors = briefing.actors
    centre = central_actor(actors)
    drawn = drawn_actors(actors)
    kinds: dict[str, dict[str, int]] = {family.id: {} for family in FAMILIES}
    connected: set[str] = set()
    for actor in actors.values():
        for relation in actor.relations:
            found = kinds[relation_family(relation.kind)]
            found[relation.kind] = found.get(relation.kind, 0) + 1
            connected.update((actor.id, relation.to))
    return _render(
        "network.md.j2",
        context,
        svg=render_network_svg(drawn),
        drawn_count=len(drawn),
        centre=actors[centre] if centre else None,
        relation_count=sum(len(actor.relations) for actor in actors.values()),
        families=[
            (family, sum(kinds[family.id].values()), sorted(kinds[family.id]))
            for family in FAMILIES
            if kinds[family.id]
        ],
        unconnected=[actor for actor in actors.values() if actor.id not in connected],
    )


def _render_article(briefing: Briefing, context: dict[str, Any]) -> str:
    """The text with each marker a link to the register (anchored `#m-<source>`) and each
    claim's quoted words marked (anchored `#q-<claim>`); see `annotate`."""
    markers: dict[str, dict[int, str]] = defaultdict(dict)
    for source_id, place in context["places"].items():
        markers[place.paragraph][place.number] = source_id
    paragraph_md = {}
    for paragraph in briefing.article.paragraphs:
        quotes = [
            Quote(claim.id, claim.quote, labels.shorten(claim.text, 120))
            for claim in context["claims_by_paragraph"][paragraph.id]
        ]
        paragraph_md[paragraph.id] = annotate_paragraph(
            paragraph.text, quotes, markers[paragraph.id], "../sources/index.md"
        )
    return _render("article.md.j2", context, paragraph_html=paragraph_md)


REPORTED_KINDS = frozenset({"fact", "allegation"})
"""What the article reports being done; the other kinds are what it judges or forecasts."""


def _render_levers(briefing: Briefing, context: dict[str, Any]) -> str:
    """The leverage matrix, twice: what the article reports (facts and allegations) and what
    it judges or forecasts. A claim with several targets counts in each of their cells and once
    in its lever's total; a claim with no target counts under "no single target"."""
    splits = ("reported", "judged")
    columns = [*briefing.targets, NO_TARGET]
    cells: dict[str, dict[str, dict[str, list[Claim]]]] = {
        split: {lever: {column: [] for column in columns} for lever in briefing.levers}
        for split in splits
    }
    totals: dict[str, dict[str, int]] = {
        split: dict.fromkeys(briefing.levers, 0) for split in splits
    }
    for claim in context["claims"]:
        split = "reported" if claim.kind in REPORTED_KINDS else "judged"
        for lever_id in claim.levers:
            totals[split][lever_id] += 1
            for column in claim.targets or (NO_TARGET,):
                cells[split][lever_id][column].append(claim)
    return _render(
        "levers.md.j2", context, cells=cells, totals=totals, columns=columns, no_target=NO_TARGET
    )


NO_TARGET = "none"
"""The matrix column (and anchor suffix) of claims that name a lever but no target."""


def _render_timeline(briefing: Briefing, context: dict[str, Any]) -> str:
    dated = timeline_order(context["claims"])
    years: dict[str, list[Claim]] = defaultdict(list)
    for claim in dated:
        years[(claim.when or "")[:4]].append(claim)
    first = next(iter(years), "—")
    # The latest date given, as the article gives it: "2022-12-15" comes after "2022" as text.
    last = labels.date_label(max(claim.when or "" for claim in dated)) if dated else "—"
    urls = {claim.id: "../" + context["claim_url"][claim.id] for claim in dated}
    return _render(
        "timeline.md.j2",
        context,
        years=list(years.items()),
        first_year=first,
        last_label=last,
        svg=render_timeline_svg(dated, urls) if dated else "",
        when_label=when_label,
        order_note=ORDER_NOTE,
    )
