"""Parse untrusted JSON bytes with bounds checked before the parser runs.

A plan or rule file comes from a USB stick or an e-mail: it may be megabytes of junk or
nested thousands deep. Size is checked on the raw bytes and nesting depth by a linear scan
that skips string literals, so ``json.loads`` only ever sees documents of sane shape and
never hits the interpreter's recursion limit.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from typing import Any, BinaryIO, NoReturn

from pkdesk.core.errors import InputError

# A JSON string literal, matched without backtracking (possessive quantifiers, Python 3.11+).
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")


def max_nesting(text: str, limit: int) -> int:
    """The deepest nesting of arrays/objects in ``text``, counting no further than limit+1."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    depth = deepest = 0
    for ch in brackets:
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        else:
            depth -= 1
    return deepest


def _reject_constant(value: str) -> NoReturn:
    raise ValueError(f"{value} is not a JSON number")


def finite_float(text: str) -> float:
    """``parse_float`` for json.loads: ``1e400`` would be infinity, which JSON cannot hold
    (it would be written back as ``Infinity``, which no JSON reader, pkdesk's included, takes)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:40]} is not a finite number")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f'duplicate key "{key[:60]}"')
        result[key] = value
    return result


def read_capped(fh: BinaryIO, max_bytes: int) -> tuple[bytes, int | None]:
    """At most ``max_bytes + 1`` bytes of an open file, and its real size when that is more
    than what was read (0 when the size cannot be known, e.g. from a pipe), else None: the
    reader never loads a 2 GB file, yet the message can still say how big it is."""
    raw = fh.read(max_bytes + 1)
    if len(raw) <= max_bytes:
        return raw, None
    try:
        size = os.fstat(fh.fileno()).st_size
    except (OSError, ValueError, AttributeError):
        size = 0
    return raw, size if size > max_bytes else 0


def _size_text(size: int, max_bytes: int) -> str:
    mib = f"{size / 2**20:.1f}"
    return f"{mib} MiB" if float(mib) > max_bytes / 2**20 else f"{size:,} bytes"


def load_bounded_json(raw: bytes, name: str, *, max_bytes: int, max_depth: int,
                      what: str = "JSON file", file_size: int | None = None) -> Any:
    """Decode and parse ``raw``; every failure is an InputError naming ``name``.

    ``file_size`` is the real size when ``raw`` holds only the first bytes of a larger file
    (see ``read_capped``; 0: larger, by an unknown amount); None when ``raw`` is all of it."""
    if file_size is not None or len(raw) > max_bytes:
        size = len(raw) if file_size is None else file_size
        shown = f"file is {_size_text(size, max_bytes)}," if size > max_bytes else "file is"
        raise InputError(f"{name}: {shown} larger than the {max_bytes / 2**20:g} MiB a "
                         f"{what} may be")
    try:
        text = raw.decode("utf-8-sig")  # Notepad writes a byte-order mark
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not a {what} (not UTF-8 text at byte {exc.start})") from None
    if not text.strip():
        raise InputError(f"{name}: not a {what} (the file is empty)")
    if max_nesting(text, max_depth) > max_depth:
        raise InputError(f"{name}: nested more than {max_depth} levels deep; not a {what}")
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_reject_constant,
                          parse_float=finite_float)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not a {what} (invalid JSON at line {exc.lineno}, "
                         f"column {exc.colno}: {exc.msg})") from None
    except (ValueError, RecursionError) as exc:
        # ValueError: duplicate keys, NaN/Infinity, integers too long to convert.
        reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        if "integer string conversion" in reason:   # Python's advice is not for the user
            reason = f"a number longer than {sys.get_int_max_str_digits()} digits"
        raise InputError(f"{name}: not a {what} ({reason[:120]})") from None
