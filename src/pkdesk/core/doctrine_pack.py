"""Doctrine packs (``.pkpack``): libraries and the rule packs that cite them, in one zip file
to pass from laptop to laptop. No Qt, no database.

The zip holds ``manifest.json``::

    {"format": "pkdesk.pack", "version": 1, "name": "Mission doctrine",
     "libraries": [{"file": "libraries/mandate.md", "title": "S/RES/2999 (2026)",
                    "edition": "2026", "language": "en"}],
     "rules": ["rules/mission.json"]}

and the files it names: documents of any kind pkdesk imports, and rule packs
(``pkdesk.rules``) whose citations name those libraries (or the handbook, or libraries
already in the reference). The zip is bounded like a DOCX: entry count, sizes and compression
ratio checked before anything is read; every document is read and every rule pack checked
before anything is added.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pkdesk.core.docimport import KINDS, parse_document
from pkdesk.core.docimport.bounds import MAX_FILE_BYTES, check_zip_entry, zip_entry
from pkdesk.core.docimport.model import ImportedDocument
from pkdesk.core.errors import InputError
from pkdesk.core.rule_citations import CitedLibrary, LibraryLookup
from pkdesk.core.rules import RulePack, parse_rule_pack

PACK_FORMAT = "pkdesk.pack"
PACK_VERSION = 1
MAX_PACK_LIBRARIES = 50
MAX_PACK_RULES = 20


@dataclass(frozen=True)
class PackLibrary:
    document: ImportedDocument
    edition: str


@dataclass(frozen=True)
class DoctrinePack:
    name: str
    libraries: list[PackLibrary]
    rules: list[tuple[str, bytes, RulePack]]     # (file name in the pack, its bytes, parsed)

    def summary(self) -> list[str]:
        """What importing it adds, one plain line each."""
        lines = [f"doctrine pack {self.name!r}: {len(self.libraries)} libraries, "
                 f"{len(self.rules)} rule packs"]
        for lib in self.libraries:
            d = lib.document
            lines.append(f"  library  {d.title}{', ' + lib.edition if lib.edition else ''} "
                         f"({len(d.nodes)} nodes, {d.language}, {d.file_name})")
        for file, _raw, pack in self.rules:
            lines.append(f"  rules    {PurePosixPath(file).name}: {pack.name or '(unnamed)'}, "
                         f"{len(pack.rules)} rules")
        return lines


def _str(item: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = item.get(key, default)
    if not isinstance(value, str):
        raise InputError(f"{where}.{key}: expected text")
    return value


def read_pack(raw: bytes, name: str, existing: LibraryLookup | None = None) -> DoctrinePack:
    """Read and check a whole pack: documents parsed, rule packs loaded with their citations
    resolved against the pack's libraries first, then ``existing``."""
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{name}: larger than {MAX_FILE_BYTES // 2**20} MiB")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            for info in zf.infolist():
                check_zip_entry(info, name)
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise InputError(f"{name}: not a doctrine pack (not a zip archive: {exc})") from None
    try:
        manifest = json.loads(zip_entry(raw, name, "manifest.json", "doctrine pack"))
    except (ValueError, RecursionError):
        raise InputError(f"{name}: manifest.json is not JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != PACK_FORMAT \
            or manifest.get("version") != PACK_VERSION:
        raise InputError(f"{name}: manifest.json: expected format {PACK_FORMAT!r}, "
                         f"version {PACK_VERSION}")
    libs_raw, rules_raw = manifest.get("libraries", []), manifest.get("rules", [])
    if not isinstance(libs_raw, list) or len(libs_raw) > MAX_PACK_LIBRARIES:
        raise InputError(f"{name}: libraries: expected a list of at most "
                         f"{MAX_PACK_LIBRARIES}")
    if not isinstance(rules_raw, list) or len(rules_raw) > MAX_PACK_RULES or \
            not all(isinstance(r, str) for r in rules_raw):
        raise InputError(f"{name}: rules: expected a list of at most {MAX_PACK_RULES} "
                         "file names")
    libraries: list[PackLibrary] = []
    for i, item in enumerate(libs_raw):
        where = f"{name}: libraries[{i}]"
        if not isinstance(item, dict):
            raise InputError(f"{where}: expected an object")
        file = _str(item, "file", where)
        kind = KINDS.get(PurePosixPath(file).suffix.lower())
        if kind is None:
            raise InputError(f"{where}.file: {file[:60]!r} is not a kind pkdesk imports")
        language = item.get("language")
        if language is not None and not isinstance(language, str):
            raise InputError(f"{where}.language: expected en or fr")
        title = item.get("title")
        if title is not None and not isinstance(title, str):
            raise InputError(f"{where}.title: expected text")
        doc = parse_document(zip_entry(raw, name, file, "doctrine pack"),
                             f"{name}:{PurePosixPath(file).name}", kind,
                             title=title, language=language)
        libraries.append(PackLibrary(doc, _str(item, "edition", where, "")))
    in_pack = {lib.document.title: lib for lib in libraries}

    def lookup(title: str) -> CitedLibrary | None:
        lib = in_pack.get(title)
        if lib is None:
            return existing(title) if existing is not None else None
        texts = {n.label: n.text for n in lib.document.nodes}
        # Placeholders: the real node ids exist once the library is added.
        return CitedLibrary(lib.document.title, lib.edition, texts, {k: k for k in texts})

    rules: list[tuple[str, bytes, RulePack]] = []
    for file in rules_raw:
        data = zip_entry(raw, name, file, "doctrine pack")
        rules.append((file, data, parse_rule_pack(data, f"{name}:{PurePosixPath(file).name}",
                                                  libraries=lookup)))
    return DoctrinePack(str(manifest.get("name", Path(name).stem)), libraries, rules)
