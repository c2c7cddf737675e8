"""Versioned JSON documents: plan files, rule packs, what-if packs, message catalogs.

Each is ``{"format": "pkdesk.<kind>", "version": N, ...}``, read from a file that may come
from anywhere. A ``DocumentKind`` names one format with its bounds; reading a file
(``read``), checking size and depth and parsing (``parse``, through ``jsonload``) and
checking the header (``header``) are the same for every kind, and so are their messages.
What a document holds beyond its header is the kind's own ``*_from_dict`` function.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pkdesk.core.errors import InputError
from pkdesk.core.inputfile import open_regular
from pkdesk.core.jsonload import load_bounded_json, read_capped

T = TypeVar("T")


def shown(value: Any) -> str:
    """A value from a file as a message quotes it: JSON, at most 60 characters."""
    text = json.dumps(value, ensure_ascii=False) if value is not None else "nothing"
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class DocumentKind:
    format: str                     # "pkdesk.plan"
    version: int
    what: str                       # "plan file": "cannot read plan file …", "not a pkdesk plan file"
    max_bytes: int
    max_depth: int
    fields: tuple[str, ...] = ()    # the top-level fields allowed; () when not checked
    oldest_version: int | None = None   # the oldest version still read; None: only `version`

    def read(self, path: Path) -> tuple[bytes, int | None]:
        """The file's bytes, at most ``max_bytes + 1`` of them, and its real size when larger
        (see ``jsonload.read_capped``). Unreadable, or not a regular file (a FIFO is refused,
        not waited on: ``inputfile.open_regular``): an InputError naming the file."""
        try:
            with open_regular(path, self.what) as fh:
                return read_capped(fh, self.max_bytes)
        except IsADirectoryError:
            raise InputError(f"{path} is a folder, not a {self.what}") from None
        except OSError as exc:
            raise InputError(f"cannot read {self.what} {path}: {exc.strerror}") from None

    def parse(self, raw: bytes, name: str, build: Callable[[Any], T],
              file_size: int | None = None) -> T:
        """``build`` applied to the parsed document; every problem is one InputError line
        starting with ``name`` (usually the file name)."""
        doc = load_bounded_json(raw, name, max_bytes=self.max_bytes, max_depth=self.max_depth,
                                what=f"pkdesk {self.what}", file_size=file_size)
        try:
            return build(doc)
        except InputError as exc:
            raise InputError(f"{name}: {exc}") from None

    def load(self, path: Path, build: Callable[[Any], T]) -> T:
        """``read`` then ``parse``: the value of the document in the file at ``path``."""
        path = Path(path)
        raw, size = self.read(path)
        return self.parse(raw, path.name, build, size)

    def header(self, doc: Any) -> dict[str, Any]:
        """``doc`` when it is an object of this format and version (and, when ``fields`` are
        named, no other top-level field); else an InputError saying what is wrong."""
        if not isinstance(doc, dict):
            raise InputError(f"expected a JSON object with \"format\": \"{self.format}\"")
        got = doc.get("format")
        if got != self.format:
            raise InputError(f"format: expected \"{self.format}\" (got {shown(got)})"
                             if got is not None else f"format: missing; expected \"{self.format}\"")
        version = doc.get("version")
        oldest = self.version if self.oldest_version is None else self.oldest_version
        if type(version) is not int or not oldest <= version <= self.version:
            newer = type(version) is int and version > self.version
            expected = " or ".join(str(v) for v in range(oldest, self.version + 1))
            raise InputError(f"version: expected {expected} (got {shown(version)})"
                             + ("; a newer pkdesk wrote it" if newer else ""))
        unknown = sorted(set(doc) - set(self.fields)) if self.fields else []
        if unknown:
            raise InputError(f"unknown top-level field {shown(unknown[0])} (expected "
                             f"{', '.join(self.fields)})")
        return doc
