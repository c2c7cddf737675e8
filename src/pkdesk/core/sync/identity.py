"""A revision's identity, the same in every store: a SHA-256 over its parents' ids and the
canonical form of its plan document (keys sorted, no spaces), like a git commit. Two stores
that reach the same document from the same parents name it alike; clocks play no part.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

ID_CHARS = 64
SHORT = 12


def canonical(document: str | dict[str, Any]) -> bytes:
    doc = json.loads(document) if isinstance(document, str) else document
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def ordered_parents(parents: Iterable[str]) -> tuple[str, ...]:
    """Parents as stored and hashed: sorted, without repeats (two stores that merge the same
    two revisions into the same document make the same merge revision)."""
    return tuple(sorted(set(parents)))


def revision_id(document: str | dict[str, Any], parents: Sequence[str]) -> str:
    h = hashlib.sha256(b"pkdesk.revision\n")
    h.update(" ".join(ordered_parents(parents)).encode("ascii"))
    h.update(b"\n")
    h.update(canonical(document))
    return h.hexdigest()


def is_revision_id(value: object) -> bool:
    return (isinstance(value, str) and len(value) == ID_CHARS
            and all(c in "0123456789abcdef" for c in value))


def short(rev_id: str) -> str:
    return rev_id[:SHORT]
