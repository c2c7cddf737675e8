"""The plan exchange format: round trip, validation messages, hostile files, atomic writes."""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from pkdesk.core.errors import InputError
from pkdesk.core.plan.model import Acknowledgement, Lineage, Party, Plan, Strategy
from pkdesk.core.plan.file import (
    MAX_PLAN_BYTES, dumps_plan, parse_plan, plan_from_dict, plan_to_dict, read_plan_file,
    write_plan_file,
)
from tests.unprivileged import run_python
from tests.core.plan_samples import document, example_paths, sound_plan


def raw(doc: object) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def test_every_example_reads_and_round_trips_exactly(tmp_path: Path) -> None:
    assert len(example_paths()) >= 5
    for path in example_paths():
        plan = read_plan_file(path)
        out = tmp_path / path.name
        write_plan_file(plan, out)
        assert read_plan_file(out) == plan
        assert plan_from_dict(plan_to_dict(plan)) == plan


def test_full_plan_with_acknowledgements_lineage_and_extras_round_trips() -> None:
    plan = replace(sound_plan(),
                   acknowledgements=[Acknowledgement("CLIMATE-001", "Assessed separately",
                                                     "A. Diallo", "2026-11-20T10:00:00Z")],
                   lineage=Lineage("example-unoci-2004", "UNOCI", "host consent withdrawn"),
                   extra={"x-ops-annex": {"phases": [1, 2, {"name": "draw-down"}]}})
    again = parse_plan(dumps_plan(plan).encode("utf-8"))
    assert again == plan
    assert again.extra == {"x-ops-annex": {"phases": [1, 2, {"name": "draw-down"}]}}
    assert json.loads(dumps_plan(again))["plan"]["x-ops-annex"]["phases"][2] == {"name": "draw-down"}


def test_defaults_fill_what_a_minimal_file_leaves_out() -> None:
    plan = parse_plan(raw(document(parties=[{"name": "A"}], strategies=[{"kind": "mediation"}])))
    assert plan.host_consent == "pending" and plan.use_of_force == "self_defence"
    assert plan.parties == [Party("A", "state", "unknown", False)]
    assert plan.strategies == [Strategy("mediation")]
    assert len(plan.uid) == 32 and plan.lineage is None and plan.extra == {}


def test_a_file_without_uid_gets_a_fresh_one_each_time() -> None:
    assert parse_plan(raw(document())).uid != parse_plan(raw(document())).uid


@pytest.mark.parametrize(("doc", "message"), [
    (document(parties=[{"name": "A"}, {"name": "B"}, {"name": "C", "consent": "maybe"}]),
     'plan.parties[2].consent: expected one of granted, conditional, pending, withheld, '
     'withdrawn, unknown (got "maybe")'),
    (document(host_consent="yes"), "plan.host_consent: expected one of granted, conditional"),
    (document(context=3), "plan.context: expected one of interstate"),
    (document(title=""), 'plan.title: expected non-empty text (got "")'),
    (document(title=None), "plan.title: missing; expected non-empty text"),
    ({"format": "pkdesk.plan", "version": 1, "plan": {}}, "plan.title: missing"),
    ({"format": "pkdesk.plan", "version": 1}, "plan: missing"),
    ({"format": "other", "version": 1, "plan": {}}, 'format: expected "pkdesk.plan" (got "other")'),
    ({"version": 1, "plan": {}}, "format: missing"),
    ({"format": "pkdesk.plan", "version": 4, "plan": {}}, "version: expected 1 or 2 or 3 (got 4); a newer"),
    ({"format": "pkdesk.plan", "version": True, "plan": {}}, "version: expected 1 or 2 or 3 (got true)"),
    ({"format": "pkdesk.plan", "version": 1, "plan": {}, "x": 1}, 'unknown top-level field "x"'),
    ([], 'expected a JSON object with "format"'),
    (document(parties=[{"name": "A", "colour": "red"}]), "plan.parties[0].colour: unknown field"),
    (document(parties=[{"kind": "state"}]), "plan.parties[0].name: missing"),
    (document(parties={"name": "A"}), "plan.parties: expected a list (got an object)"),
    (document(parties=["A"]), 'plan.parties[0]: expected an object (got "A")'),
    (document(strategies=[{"parties": []}]), "plan.strategies[0].kind: missing; expected one of"),
    (document(strategies=[{"kind": "war"}]), "plan.strategies[0].kind: expected one of "
     "ceasefire_negotiation, dialogue_channels"),
    (document(mandate={"objectives": ["peace"]}), "plan.mandate.objectives[0]: expected one of"),
    (document(mandate={"review_months": 0}), "plan.mandate.review_months: expected a whole "
     "number from 1 to 120 or null (got 0)"),
    (document(mandate={"review_months": 6.5}), "plan.mandate.review_months: expected a whole"),
    (document(resources={"personnel": -1}), "plan.resources.personnel: expected a whole number"),
    (document(resources={"personnel": True}), "plan.resources.personnel: expected a whole"),
    (document(parties=[{"name": "A", "direct_talks": "yes"}]),
     'plan.parties[0].direct_talks: expected true or false (got "yes")'),
    (document(uid="../../etc"), "plan.uid: expected an identifier"),
    (document(acknowledgements=[{"rule": "CONSENT-002", "reason": " "}]),
     "plan.acknowledgements[0].reason: expected non-empty text"),
    (document(lineage={"parent_title": "x"}), "plan.lineage.parent: expected an identifier"),
    (document(partners=["AU", ""]), "plan.partners[1]: expected non-empty text"),
    (document(title="x" * 301), "plan.title: text is 301 characters; at most 300"),
])
def test_bad_values_name_the_field_and_what_was_expected(doc: object, message: str) -> None:
    with pytest.raises(InputError) as err:
        parse_plan(raw(doc), "mission.pkplan.json")
    text = str(err.value)
    assert text.startswith("mission.pkplan.json: ")
    assert message in text
    assert "\n" not in text


@pytest.mark.parametrize(("data", "message"), [
    (b"", "the file is empty"),
    (b"   \n", "the file is empty"),
    (b"not json", "invalid JSON at line 1, column 1"),
    (b"\xff\xfe\x00garbage", "not UTF-8 text"),
    (b"%PDF-1.7\n...", "invalid JSON"),
    (b'{"format": "pkdesk.plan", "format": "x"}', 'duplicate key "format"'),
    (b'{"a": NaN}', "NaN is not a JSON number"),
    (b'{"a": Infinity}', "Infinity is not a JSON number"),
    (b'{"a": ' + b"9" * 5000 + b"}", "not a pkdesk plan file"),
])
def test_files_that_are_not_plans_are_refused_in_one_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match="^x.json: ") as err:
        parse_plan(data, "x.json")
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_byte_order_mark_is_accepted() -> None:
    assert parse_plan(b"\xef\xbb\xbf" + raw(document())).title == "Test plan"


def test_nesting_thousands_deep_is_refused_before_parsing_without_recursion_error() -> None:
    limit = sys.getrecursionlimit()
    for data in (b"[" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
                 raw(document(x=json.loads("[" * 70 + "]" * 70)))):
        with pytest.raises(InputError, match="nested more than 64 levels deep"):
            parse_plan(data)
    assert sys.getrecursionlimit() == limit


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    plan = parse_plan(raw(document(notes="[[[[{{{{" * 100 + '\\"]]', title="a [b] {c}")))
    assert plan.notes.startswith("[[[[{{{{") and plan.title == "a [b] {c}"


def test_extras_may_nest_up_to_the_limit() -> None:
    nested = json.loads("[" * 60 + "]" * 60)
    assert parse_plan(raw(document(x=nested))).extra["x"] == nested


def test_files_over_the_size_limit_are_refused(tmp_path: Path) -> None:
    big = raw(document(notes="n" * 10)) + b" " * MAX_PLAN_BYTES
    with pytest.raises(InputError, match="larger than the 5 MiB"):
        parse_plan(big)
    path = tmp_path / "big.pkplan.json"
    path.write_bytes(big)
    with pytest.raises(InputError, match="^big.pkplan.json: file is 5,2"):
        read_plan_file(path)    # just over 5 MiB: "5.0 MiB, larger than 5 MiB" would be absurd


def test_an_oversize_file_is_named_with_its_real_size(tmp_path: Path) -> None:
    """The reader loads only the first 5 MiB + 1 byte; the message still gives the real size."""
    path = tmp_path / "huge.pkplan.json"
    with path.open("wb") as fh:
        fh.truncate(30 * 2**20)         # sparse: no 30 MiB written to the test disk
    with pytest.raises(InputError) as err:
        read_plan_file(path)
    assert str(err.value) == ("huge.pkplan.json: file is 30.0 MiB, larger than the 5 MiB a "
                              "pkdesk plan file may be")


def test_markup_and_format_characters_are_kept_literally() -> None:
    hostile = '<script>alert("x")</script><b>Front</b> &amp; \u200f%s{0}'
    # A bidi override is refused in one-line fields (below) and kept in multi-line ones.
    notes = hostile + "\u202e\tcolumn\r\nsecond line\n"
    plan = parse_plan(raw(document(title=hostile, parties=[{"name": hostile}], notes=notes)))
    assert plan.title == hostile and plan.parties[0].name == hostile and plan.notes == notes
    assert parse_plan(dumps_plan(plan).encode()).title == hostile


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": "Mission\u0000 Alpha"},
     "plan.title: control character U+0000 at character 8; this field is one line of text"),
    ({"title": "Two\nlines"}, "plan.title: control character U+000A at character 4"),
    ({"title": "Invoice \u202egnp.exe"},
     "plan.title: bidi control character U+202E at character 9; this field is one line"),
    ({"parties": [{"name": "\u2067Rebels"}]}, "plan.parties[0].name: bidi control character U+2067"),
    ({"acknowledgements": [{"rule": "X-001", "reason": "ok", "by": "Ann\u202a"}]},
     "plan.acknowledgements[0].by: bidi control character U+202A"),
    ({"host_country": "\u001b[31mred"}, "plan.host_country: control character U+001B"),
    ({"parties": [{"name": "A"}, {"name": "B\tC"}]}, "plan.parties[1].name: control character U+0009"),
    ({"partners": ["AU", "EU\u007f"]}, "plan.partners[1]: control character U+007F"),
    ({"strategies": [{"kind": "mediation", "parties": ["A\u0085"]}]},
     "plan.strategies[0].parties[0]: control character U+0085"),
    ({"notes": "ok\nok\u0007"},
     "plan.notes: control character U+0007 at character 6; tabs and line breaks are allowed"),
    ({"acknowledgements": [{"rule": "CLIMATE-001", "reason": "x\u0000"}]},
     "plan.acknowledgements[0].reason: control character U+0000"),
])
def test_control_characters_are_refused_naming_the_field(fields: dict[str, Any],
                                                         message: str) -> None:
    with pytest.raises(InputError) as err:
        parse_plan(raw(document(**fields)), "m.pkplan.json")
    assert str(err.value).startswith(f"m.pkplan.json: {message}")
    assert "\n" not in str(err.value) and "\x00" not in str(err.value)


def test_a_stored_plan_with_control_characters_still_opens_with_them_as_spaces() -> None:
    """Plans stored before control characters were refused are read, repaired."""
    doc = json.loads(raw(document(title="Alpha\u0000Beta", notes="a\nb\u0007c",
                                  parties=[{"name": "X\ty"}])))
    with pytest.raises(InputError):
        plan_from_dict(doc)
    plan = plan_from_dict(doc, repair_text=True)
    assert (plan.title, plan.notes, plan.parties[0].name) == ("Alpha Beta", "a\nb c", "X y")
    assert plan_from_dict(plan_to_dict(plan)) == plan      # and saves cleanly


@pytest.mark.parametrize("key", ["x\ny", "<b>x</b>", "q" * 500])
def test_unknown_field_names_from_the_file_are_shown_quoted_on_one_line(key: str) -> None:
    doc = {"format": "pkdesk.plan", "version": 1,
           "plan": {"title": "x", "parties": [{"name": "a", key: 1}]}}
    with pytest.raises(InputError) as err:
        parse_plan(json.dumps(doc).encode())
    message = str(err.value)
    assert "\n" not in message and len(message) < 200
    assert 'plan.parties[0]."' in message and "unknown field" in message


def test_lone_surrogates_are_refused_not_crashed_on() -> None:
    with pytest.raises(InputError, match=r"plan.title: text contains an invalid character"):
        parse_plan(b'{"format": "pkdesk.plan", "version": 1, "plan": {"title": "a\\ud800"}}')
    with pytest.raises(InputError, match=r"plan.x"):
        parse_plan(b'{"format": "pkdesk.plan", "version": 1, "plan": {"title": "t", '
                   b'"x": ["\\udc00"]}}')


def test_reading_missing_files_and_folders_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read plan file .*nope.json"):
        read_plan_file(tmp_path / "nope.json")
    with pytest.raises(InputError, match="is a folder, not a plan file"):
        read_plan_file(tmp_path)


def test_write_replaces_atomically_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.pkplan.json"
    path.write_text("old contents")
    write_plan_file(Plan(title="New"), path)
    assert read_plan_file(path).title == "New"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pkplan.json"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_writing_into_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run_python(
            "import pathlib\n"
            "from pkdesk.core.errors import InputError\n"
            "from pkdesk.core.plan.model import Plan\n"
            "from pkdesk.core.plan.file import write_plan_file\n"
            "try:\n"
            f"    write_plan_file(Plan(title='x'), pathlib.Path({str(folder / 'plan.json')!r}))\n"
            "except InputError as exc:\n"
            "    print(exc)\n")
        assert result.returncode == 0, result.stderr
        assert re.search(r"cannot write plan file .*plan.json: Permission denied", result.stdout)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_writing_into_a_missing_folder_or_onto_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot write plan file"):
        write_plan_file(Plan(title="x"), tmp_path / "missing" / "plan.json")
    with pytest.raises(InputError, match="it is a folder"):
        write_plan_file(Plan(title="x"), tmp_path)
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(InputError, match="cannot write plan file .*a-file/plan.json"):
        write_plan_file(Plan(title="x"), tmp_path / "a-file" / "plan.json")


def test_personnel_required_is_optional_round_trips_and_is_written_only_when_set() -> None:
    plan = parse_plan(raw(document(resources={"personnel": 2548, "personnel_required": 5000})))
    assert plan.resources.personnel_required == 5000
    assert plan_to_dict(plan)["plan"]["resources"]["personnel_required"] == 5000
    assert plan_from_dict(plan_to_dict(plan)) == plan
    unset = parse_plan(raw(document(resources={"personnel": 10, "personnel_required": None})))
    assert unset.resources.personnel_required is None
    assert "personnel_required" not in plan_to_dict(unset)["plan"]["resources"]


@pytest.mark.parametrize("value", [0, -1, 10_000_001, "5000", 1.5, True])
def test_personnel_required_out_of_range_names_the_field(value: object) -> None:
    with pytest.raises(InputError, match=r"^plan: plan.resources.personnel_required: expected a whole "
                                         r"number from 1 to 10000000 or null"):
        parse_plan(raw(document(resources={"personnel_required": value})))
