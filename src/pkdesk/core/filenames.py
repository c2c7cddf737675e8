"""A file name suggested from a title: the title as written, only what no file system takes
replaced.

"Plan A – variante « sud »" stays as it is; "/", "\\", ":", "*", "?", '"', "<", ">", "|",
control and direction-override characters become "_"; Windows' reserved names (CON, NUL,
COM1…) get a "_" in front; trailing dots and spaces go; the result fits in 200 UTF-8 bytes.
"""

from __future__ import annotations

import re

MAX_STEM_BYTES = 200
_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]')
_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.IGNORECASE)


def safe_file_stem(title: str, fallback: str) -> str:
    """``title`` as a file name without extension; ``fallback`` when nothing is left."""
    stem = " ".join(_ILLEGAL.sub("_", title).split())
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip(". ")
    if _RESERVED.fullmatch(stem):
        stem = "_" + stem
    return stem or fallback
