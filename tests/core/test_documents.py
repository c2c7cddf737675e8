"""Plan files, rule packs, what-if packs and message catalogs are read by one loader
(`core.documents.DocumentKind`): the same header checks and the same messages for each."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pkdesk.core.errors import InputError
from pkdesk.core.i18n import parse_catalog
from pkdesk.core.plan.file import parse_plan, read_plan_file
from pkdesk.core.rules import load_rule_pack, parse_rule_pack
from pkdesk.core.whatif import load_whatif_pack, parse_whatif_pack

KINDS: list[tuple[str, str, Callable[[bytes, str], Any], Callable[[Path], Any]]] = [
    ("pkdesk.plan", "plan file", parse_plan, read_plan_file),
    ("pkdesk.rules", "rule pack", parse_rule_pack, load_rule_pack),
    ("pkdesk.whatifs", "what-if pack", parse_whatif_pack, load_whatif_pack),
    ("pkdesk.i18n", "message catalog", parse_catalog, lambda p: parse_catalog(p.read_bytes(), p.name)),
]
IDS = [k[1] for k in KINDS]


def _raw(doc: Any) -> bytes:
    return json.dumps(doc).encode()


@pytest.mark.parametrize(("fmt", "what", "parse", "load"), KINDS, ids=IDS)
def test_a_document_from_a_newer_pkdesk_says_so(fmt: str, what: str, parse: Any, load: Any) -> None:
    with pytest.raises(InputError) as err:
        parse(_raw({"format": fmt, "version": 7}), "x.json")
    versions = "1 or 2 or 3" if fmt == "pkdesk.plan" else "1"    # plan files: format 3 (issue 14)
    assert str(err.value) == f"x.json: version: expected {versions} (got 7); a newer pkdesk wrote it"


@pytest.mark.parametrize(("fmt", "what", "parse", "load"), KINDS, ids=IDS)
def test_another_format_is_named_with_what_it_is(fmt: str, what: str, parse: Any, load: Any) -> None:
    with pytest.raises(InputError) as err:
        parse(_raw({"format": "pkdesk.other", "version": 1}), "x.json")
    assert str(err.value) == f'x.json: format: expected "{fmt}" (got "pkdesk.other")'
    with pytest.raises(InputError) as err:
        parse(_raw([1, 2]), "x.json")
    assert str(err.value) == f'x.json: expected a JSON object with "format": "{fmt}"'


@pytest.mark.parametrize(("fmt", "what", "parse", "load"), KINDS[:3], ids=IDS[:3])
def test_a_folder_or_a_missing_file_is_one_line(tmp_path: Path, fmt: str, what: str, parse: Any,
                                                load: Any) -> None:
    with pytest.raises(InputError) as err:
        load(tmp_path)
    assert str(err.value) == f"{tmp_path} is a folder, not a {what}"
    with pytest.raises(InputError) as err:
        load(tmp_path / "gone.json")
    assert str(err.value).startswith(f"cannot read {what} {tmp_path / 'gone.json'}: ")


@pytest.mark.parametrize(("fmt", "what", "parse", "load"), KINDS, ids=IDS)
def test_junk_is_not_a_pkdesk_document_of_that_kind(fmt: str, what: str, parse: Any, load: Any) -> None:
    with pytest.raises(InputError) as err:
        parse(b"\xff\xfe junk", "x.json")
    assert str(err.value) == f"x.json: not a pkdesk {what} (not UTF-8 text at byte 0)"
