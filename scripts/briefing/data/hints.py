"""'Did you mean' hints for unknown ids, at a cost that stays linear in the briefing's size.

A hint compares the unknown value with every known id of its kind. Comparing each of thousands of
unknown references (a claims file removed from a large briefing) with each of thousands of ids
took minutes, for hints that misled: 'gas-deal-x50' is not a typo of 'gas-deal-x5'. So ids are
compared nearest length first, which finds a typo's id after a few comparisons, and only the
first few unknown values of each kind get a hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence

HINT_LIMIT = 5
"""Unknown values of one kind that get a hint; beyond that many, the cause is rarely a typo."""
CUTOFF = 0.6
"""How alike a value and an id must be for a hint: `difflib.get_close_matches`' default."""


def by_length(known: Iterable[str]) -> dict[int, list[str]]:
    """Ids grouped by length, the index `closest` searches."""
    groups: dict[int, list[str]] = {}
    for name in known:
        groups.setdefault(len(name), []).append(name)
    return groups


def closest(word: str, known: Mapping[int, Sequence[str]], cutoff: float = CUTOFF) -> str | None:
    """The id `difflib.get_close_matches(word, ids, n=1, cutoff)` returns, for the ids in `known`
    (see `by_length`), without comparing `word` with each of them. Two strings of lengths a and
    b share at most min(a, b) characters, so their ratio is at most 2 min(a, b) / (a + b): ids
    are taken by that bound, highest first, and the search stops where it falls below the best
    ratio found. Ties go, as there, to the greatest id."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)  # as get_close_matches: `word` is the second sequence
    groups = sorted(
        ((_length_bound(len(word), n), ids) for n, ids in known.items()),
        key=lambda group: group[0],
        reverse=True,
    )
    best: tuple[float, str] | None = None
    for bound, ids in groups:
        if bound < (best[0] if best else cutoff):
            break  # no id left can match as well
        for name in ids:
            matcher.set_seq1(name)
            if matcher.quick_ratio() < (best[0] if best else cutoff):
                continue  # a bound on ratio() too, cheaper to compute
            found = (matcher.ratio(), name)
            if found[0] >= cutoff and (best is None or found > best):
                best = found
    return best[1] if best else None


def _length_bound(a: int, b: int) -> float:
    """`SequenceMatcher.real_quick_ratio` of strings of these lengths, computed the same way."""
    return 2.0 * min(a, b) / (a + b) if a + b else 1.0


class Hints:
    """The hints of one load: each value's computed once, and at most `limit` values of each kind
    get one."""

    def __init__(self, limit: int = HINT_LIMIT) -> None:
        self._limit = limit
        self._given: dict[str, dict[str, str]] = {}
        self._known: dict[str, dict[int, list[str]]] = {}

    def hint(self, kind: str, value: str, known: Iterable[str]) -> str:
        """The hint for an unknown `kind` id, "; did you mean 'x'?" naming the id most like
        `value`, or nothing. `known` are the ids of that kind, the same at every call."""
        given = self._given.setdefault(kind, {})
        if value not in given:
            if len(given) >= self._limit:
                return ""
            if kind not in self._known:
                self._known[kind] = by_length(known)
            close = closest(value, self._known[kind])
            given[value] = f"; did you mean '{close}'?" if close else ""
        return given[value]
