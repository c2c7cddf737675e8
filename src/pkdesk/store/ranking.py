"""Which index rows a search keeps, the same way on every engine (FTS5 in ``queries``,
tsvector in ``pg_search``): ranked in full when few enough match; past that, the title
matches ranked (or, if even those are too many, the first of them unranked), then the first
body matches, unranked, until ``limit``. The engines differ only in how they score and list.

No imports at load: ``pkdesk search`` answers through ``queries`` before typing is loaded.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeAlias

    # (rowid, score) pairs, best first.
    Rows: TypeAlias = list[tuple[int, float]]


def kept_rows(scored: Callable[[str], Rows | None], first: Callable[[str, int], Rows],
              query: str, titles: Callable[[], str], limit: int) -> Rows:
    """The best ``limit`` rows for ``query``: ``scored(q)`` ranks every match of ``q``, or
    gives None when more match than the engine may rank; ``first(q, n)`` lists ``n`` matches
    unranked; ``titles()`` is ``query`` restricted to titles (built only when needed)."""
    ranked = scored(query)
    if ranked is not None:
        return ranked[:limit]
    in_titles = titles()
    title_ranked = scored(in_titles)
    kept = title_ranked[:limit] if title_ranked is not None else first(in_titles, limit)
    if len(kept) < limit:
        seen = {rowid for rowid, _ in kept}
        kept += [r for r in first(query, limit + len(kept))
                 if r[0] not in seen][:limit - len(kept)]
    return kept
