"""Cross-checks over the whole briefing: ids, references, quotes, citation markers, coverage."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator

from briefing.data.problems import Problem, Severity
from briefing.data.records import COLLECTIONS, SINGULAR, Collection, Loaded, Origin
from briefing.data.text import (
    Marker,
    markers,
    normalize,
    place_sources,
    plain,
    quote_sentences,
)
from briefing.model import (
    RESERVED_ACTOR_IDS,
    RESERVED_TARGET_IDS,
    Claim,
    ParagraphRole,
    Relation,
    SourceRole,
)

# Claim fields that hold ids, the kind they point to, and the verb used in messages.
CLAIM_REFERENCES = (
    ("theme", "themes", "belongs to unknown theme"),
    ("levers", "levers", "names unknown lever"),
    ("actors", "actors", "names unknown actor"),
    ("targets", "targets", "names unknown target"),
    ("sources", "sources", "cites unknown source"),
    ("attributed_to", "actors", "is attributed to unknown actor"),
)


def check_briefing(loaded: Loaded, *, complete: bool) -> list[Problem]:
    """Every cross-record rule, all of them run so that every problem is reported at once.

    Coverage is checked only when every file and record is `complete` (valid): a claim that failed
    validation would otherwise also be reported as its paragraph's missing claim.
    """
    checks = (
        _check_unique_ids,
        _check_reserved_ids,
        _check_paragraph_numbers,
        _check_claim_references,
        _check_argument,
        _check_claim_text,
        _check_sources,
        _check_markers_recorded,
        _check_relations,
    )
    problems = [problem for check in checks for problem in check(loaded)]
    if complete and not problems:
        problems.extend(_check_coverage(loaded))
    return problems


def _claims(loaded: Loaded) -> Collection[Claim]:
    return loaded.collections["claims"]


def _paragraphs(loaded: Loaded) -> dict[str, str]:
    assert loaded.article is not None
    return {paragraph.id: paragraph.text for paragraph in loaded.article.paragraphs}


def _check_unique_ids(loaded: Loaded) -> Iterator[Problem]:
    """Ids are anchors and URLs, so one id names one thing across every kind, aliases included.

    Every id is registered before any alias: an alias that takes an id is reported at the alias,
    where it was added, whichever file comes first."""
    # Who took each id or alias, put in words only for a clash: (kind, record id, as an alias).
    owners: dict[str, tuple[str, str, bool]] = {}
    for kind, collection in loaded.collections.items():
        for record_id in collection.records:
            if record_id in owners:
                owner, first = _owner(kind, record_id), _owner(*owners[record_id])
                message = f"id '{record_id}' of {owner} is already used by {first}"
                yield collection.origins[record_id].problem("id", message=message)
            else:
                owners[record_id] = (kind, record_id, False)
    for kind, collection in loaded.collections.items():
        if "aliases" not in COLLECTIONS[kind].model_fields:
            continue  # only claims have aliases; asking the others' records costs an exception each
        for record_id, record in collection.records.items():
            for number, alias in enumerate(record.aliases):
                if alias in owners:
                    owner, first = _owner(kind, record_id), _owner(*owners[alias])
                    message = f"alias '{alias}' of {owner} is already used by {first}"
                    yield collection.origins[record_id].problem("aliases", number, message=message)
                else:
                    owners[alias] = (kind, record_id, True)


def _owner(kind: str, record_id: str, as_alias: bool = False) -> str:
    """A record in words: "claim 'gas-deal'", or "claim 'gas-deal' (as an alias)"."""
    return f"{SINGULAR[kind]} '{record_id}'" + (" (as an alias)" if as_alias else "")


def _check_reserved_ids(loaded: Loaded) -> Iterator[Problem]:
    """Actor pages share actors/ with the index and the network page; the matrix has a column
    of its own for claims without a target."""
    actors = loaded.collections["actors"]
    for actor_id in RESERVED_ACTOR_IDS.intersection(actors.records):
        message = f"actor id '{actor_id}' is reserved: actors/{actor_id}/ is another page"
        yield actors.origins[actor_id].problem("id", message=message)
    targets = loaded.collections["targets"]
    for target_id in RESERVED_TARGET_IDS.intersection(targets.records):
        message = (
            f"target id '{target_id}' is reserved: the matrix's column for claims with no target"
        )
        yield targets.origins[target_id].problem("id", message=message)


def _check_paragraph_numbers(loaded: Loaded) -> Iterator[Problem]:
    assert loaded.article is not None and loaded.article_origin is not None
    for number, paragraph in enumerate(loaded.article.paragraphs):
        expected = f"p{number + 1:02d}"
        if paragraph.id != expected:
            message = f"paragraph '{paragraph.id}' should be '{expected}' (numbered in order)"
            yield loaded.article_origin.problem("paragraphs", number, "id", message=message)


def _check_claim_references(loaded: Loaded) -> Iterator[Problem]:
    paragraphs = _paragraphs(loaded)
    claims = _claims(loaded)
    for claim_id, claim in claims.records.items():
        for field, kind, verb in CLAIM_REFERENCES:
            value = getattr(claim, field)
            known = loaded.collections[kind].records
            refs = [value] if isinstance(value, str) else value or ()
            for number, ref in enumerate(refs):
                if ref in known:  # nearly every one: the message is built only for the others
                    continue
                sub = (field,) if isinstance(value, str) else (field, number)
                what = f"claim '{claim_id}' {verb}"
                yield from _reference(loaded, claims.origins[claim_id], sub, ref, kind, what)
        if claim.paragraph not in paragraphs:
            message = f"claim '{claim_id}' comes from unknown paragraph '{claim.paragraph}'"
            hint = loaded.hints.hint("paragraphs", claim.paragraph, paragraphs)
            yield claims.origins[claim_id].problem("paragraph", message=message + hint)


def _reference(
    loaded: Loaded, origin: Origin, sub: tuple[str | int, ...], ref: str, kind: str, what: str
) -> Iterator[Problem]:
    """One id reference: fine if it resolves; otherwise say what it is instead, or suggest one."""
    known = loaded.collections[kind].records
    if ref in known or ref in loaded.raw_ids or kind in loaded.unreadable:
        return
    other = next((k for k, c in loaded.collections.items() if ref in c.records), None)
    if other is not None:
        hint = f"; '{ref}' is {_article(SINGULAR[other])}, not {_article(SINGULAR[kind])}"
    else:
        hint = loaded.hints.hint(kind, ref, known)
    yield origin.problem(*sub, message=f"{what} '{ref}'{hint}")


def _article(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _check_argument(loaded: Loaded) -> Iterator[Problem]:
    """Each line of the argument rests on claims that exist."""
    assert loaded.article is not None and loaded.article_origin is not None
    origin = loaded.article_origin
    for line, argument in enumerate(loaded.article.argument):
        for number, claim_id in enumerate(argument.claims):
            what = f"argument line {line + 1} rests on unknown claim"
            yield from _reference(loaded, origin, ("argument", line, "claims", number), claim_id,
                                  "claims", what)  # fmt: skip


def _check_claim_text(loaded: Loaded) -> Iterator[Problem]:
    """Quotes and hedges are verbatim: they must occur in the claim's paragraph."""
    paragraphs = _paragraphs(loaded)
    sources = loaded.collections["sources"].records
    placed = place_sources(paragraphs, loaded.collections["sources"].records)
    for claim_id, claim in _claims(loaded).records.items():
        origin = _claims(loaded).origins[claim_id]
        text = paragraphs.get(claim.paragraph)
        if text is None:
            continue
        yield from _check_sentence_sources(claim, origin, text, placed)
        haystack = _haystack(text)
        if normalize(claim.quote) not in haystack:
            message = f"claim '{claim_id}': quote not found in {claim.paragraph}"
            yield origin.problem("quote", message=message + _mismatch(claim.quote, haystack))
        if claim.hedge is not None and normalize(claim.hedge) not in haystack:
            message = f"claim '{claim_id}': hedge '{claim.hedge}' not found in {claim.paragraph}"
            yield origin.problem("hedge", message=message)
        for number, source_id in enumerate(claim.sources):
            source = sources.get(source_id)
            if source is not None and source.role is SourceRole.CREDIT:
                message = f"claim '{claim_id}' cites '{source_id}', the publisher's credit"
                yield origin.problem("sources", number, message=message)
            elif source is not None and source.paragraph != claim.paragraph:
                message = (
                    f"claim '{claim_id}' comes from {claim.paragraph} but cites '{source_id}'"
                    f" from {source.paragraph}"
                )
                yield origin.problem("sources", number, message=message)


@functools.lru_cache(maxsize=1024)  # every claim of a paragraph looks in the same text
def _haystack(text: str) -> str:
    return normalize(plain(text))


def _check_sentence_sources(
    claim: Claim, origin: Origin, text: str, placed: dict[str, Marker]
) -> Iterator[Problem]:
    """A marker is evidence only for what its own sentence says: a claim cites only markers
    that stand in the sentence (or sentences) its quote comes from."""
    if not claim.sources:
        return  # nothing cited, nothing to place
    quoted = quote_sentences(text, claim.quote)
    if not quoted:
        return  # the quote check reports it
    for number, source_id in enumerate(claim.sources):
        marker = placed.get(source_id)  # none: an unknown source, reported on its own
        if marker and marker.paragraph == claim.paragraph and marker.sentence not in quoted:
            message = (
                f"claim '{claim.id}' cites '{source_id}', whose marker is in another sentence"
                f" of {claim.paragraph}"
            )
            yield origin.problem("sources", number, message=message)


def _mismatch(quote: str, haystack: str) -> str:
    """Say how far the quote matches, so the editor sees where it departs from the text."""
    wanted = normalize(quote)
    matched = 0
    while matched < len(wanted) and wanted[: matched + 1] in haystack:
        matched += 1
    if matched < 3:
        return ""
    return f" (it matches up to '...{wanted[max(0, matched - 30) : matched]}')"


def _check_sources(loaded: Loaded) -> Iterator[Problem]:
    assert loaded.article is not None
    roles = {paragraph.id: paragraph.role for paragraph in loaded.article.paragraphs}
    paragraphs = _paragraphs(loaded)
    collection = loaded.collections["sources"]
    found_in: dict[str, tuple[list[str], set[str]]] = {}  # markers as written, and normalised
    for source_id, source in collection.records.items():
        origin = collection.origins[source_id]
        if source.paragraph not in paragraphs:
            message = f"source '{source_id}' sits in unknown paragraph '{source.paragraph}'"
            hint = loaded.hints.hint("paragraphs", source.paragraph, paragraphs)
            yield origin.problem("paragraph", message=message + hint)
            continue
        if source.paragraph not in found_in:  # once per paragraph, not once per source
            written = markers(paragraphs[source.paragraph])
            found_in[source.paragraph] = (written, {normalize(marker) for marker in written})
        found, normalized = found_in[source.paragraph]
        if normalize(source.cited_as) not in normalized:
            listed = ", ".join(f"[{marker}]" for marker in found) or "none"
            message = (
                f"source '{source_id}': '{source.cited_as}' is not a citation marker of "
                f"{source.paragraph} (its markers: {listed})"
            )
            yield origin.problem("cited_as", message=message)
        is_credit_paragraph = roles[source.paragraph] is ParagraphRole.CREDIT
        if (source.role is SourceRole.CREDIT) != is_credit_paragraph:
            role = roles[source.paragraph]
            message = f"source '{source_id}' has role '{source.role}' in a {role} paragraph"
            yield origin.problem("role", message=message)


def _check_markers_recorded(loaded: Loaded) -> Iterator[Problem]:
    """Every marker in the text is recorded by exactly one source of its paragraph."""
    assert loaded.article is not None and loaded.article_origin is not None
    if "sources" in loaded.incomplete:
        return
    recorded: Counter[tuple[str, str]] = Counter()
    for source in loaded.collections["sources"].records.values():
        recorded[(source.paragraph, normalize(source.cited_as))] += 1
    for number, paragraph in enumerate(loaded.article.paragraphs):
        counts = Counter(normalize(marker) for marker in markers(paragraph.text))
        for marker, count in counts.items():
            have = recorded[(paragraph.id, marker)]
            if have < count:
                message = f"{paragraph.id}: citation marker [{marker}] is not recorded in sources"
                yield loaded.article_origin.problem("paragraphs", number, "text", message=message)
            elif have > count:
                message = (
                    f"{paragraph.id}: citation marker [{marker}] is recorded by {have} sources"
                )
                yield loaded.article_origin.problem("paragraphs", number, "text", message=message)


def _check_relations(loaded: Loaded) -> Iterator[Problem]:
    actors = loaded.collections["actors"]
    claims = _claims(loaded).records
    for actor_id, actor in actors.records.items():
        for number, relation in enumerate(actor.relations):
            claim = claims.get(relation.claim)
            if claim is not None and relation.to in actors.records:
                named = {*claim.actors, claim.attributed_to}
                if actor_id in named and relation.to in named:
                    continue  # nearly every relation: messages are built only for the others
            yield from _relation_problems(loaded, actor_id, number, relation)


def _relation_problems(
    loaded: Loaded, actor_id: str, number: int, relation: Relation
) -> Iterator[Problem]:
    """What is wrong with one of an actor's relations: an end or its claim unknown, or an end
    the claim does not name."""
    origin = loaded.collections["actors"].origins[actor_id]
    what = f"actor '{actor_id}' relation {number + 1} ({relation.kind})"
    yield from _reference(
        loaded,
        origin,
        ("relations", number, "to"),
        relation.to,
        "actors",
        f"{what} points to unknown actor",
    )
    yield from _reference(
        loaded,
        origin,
        ("relations", number, "claim"),
        relation.claim,
        "claims",
        f"{what} is evidenced by unknown claim",
    )
    claim = _claims(loaded).records.get(relation.claim)
    if claim is None or relation.to not in loaded.collections["actors"].records:
        return
    named = {*claim.actors, claim.attributed_to}
    for end in (actor_id, relation.to):
        if end not in named:
            message = (
                f"{what} is evidenced by claim '{relation.claim}',"
                f" which does not name actor '{end}'"
            )
            yield origin.problem("relations", number, "claim", message=message)


def _check_coverage(loaded: Loaded) -> Iterator[Problem]:
    """Nothing of the article may be left out: every paragraph, source and theme carries claims."""
    assert loaded.article is not None and loaded.article_origin is not None
    severity = Severity.WARNING if loaded.article.draft else Severity.ERROR
    claims = list(_claims(loaded).records.values())
    used_paragraphs = {claim.paragraph for claim in claims}
    for number, paragraph in enumerate(loaded.article.paragraphs):
        if paragraph.role is ParagraphRole.BODY and paragraph.id not in used_paragraphs:
            message = f"paragraph {paragraph.id} yields no claim"
            yield loaded.article_origin.problem(
                "paragraphs", number, "id", message=message, severity=severity
            )
    cited = {source_id for claim in claims for source_id in claim.sources}
    sources = loaded.collections["sources"]
    for source_id, source in sources.records.items():
        if source.role is SourceRole.CITATION and source_id not in cited:
            message = f"source '{source_id}' backs no claim"
            yield sources.origins[source_id].problem("id", message=message, severity=severity)
    used_themes = {claim.theme for claim in claims}
    themes = loaded.collections["themes"]
    for theme_id in themes.records:
        if theme_id not in used_themes:
            message = f"theme '{theme_id}' has no claims"
            yield themes.origins[theme_id].problem("id", message=message, severity=severity)
