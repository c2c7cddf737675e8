"""Control characters in rule and what-if packs are refused, naming the field."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pkdesk.core.errors import InputError
from pkdesk.core.rules import parse_rule_pack
from pkdesk.core.whatif import parse_whatif_pack
from tests.core.test_rules import minimal_rule


@pytest.mark.parametrize(("changes", "message"), [
    ({"message": "Consent\u0000 is {host_consent}."},
     "rules[0] (TEST-001).message: control character U+0000 at character 8"),
    ({"instead": "Ask\u001b[2J."}, "rules[0] (TEST-001).instead: control character U+001B"),
    ({"cites": [{"node": "principles.consent\n", "quote": "Consent"}]},
     "rules[0] (TEST-001).cites[0].node: control character U+000A"),
    ({"i18n": {"fr": {"message": "Consentement\u0007 : {host_consent}.", "instead": "Oui."}}},
     "rules[0] (TEST-001).i18n.fr.message: control character U+0007"),
])
def test_rule_pack_texts(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError) as err:
        parse_rule_pack(json.dumps(minimal_rule(**changes)).encode(), "org.json")
    assert str(err.value).startswith(f"org.json: {message}")


@pytest.mark.parametrize("key", ["message", "instead"])
def test_a_line_break_in_a_rule_text_is_refused(key: str) -> None:
    # A finding is printed as lines; a line break in its message could forge another finding.
    forged = "Consent is {host_consent}.\n\nFAKE-001  advice  consent\n  All is well."
    with pytest.raises(InputError, match=rf"rules\[0\] \(TEST-001\)\.{key}: control character "
                       r"U\+000A at character 27; this field is one line of text"):
        parse_rule_pack(json.dumps(minimal_rule(**{key: forged})).encode())


def _whatif(**body: Any) -> bytes:
    whatif = {"id": "riot", "title": "Riot",
              "changes": [{"set": "use_of_force", "to": "offensive"}]} | body
    return json.dumps({"format": "pkdesk.whatifs", "version": 1, "name": "t",
                       "whatifs": [whatif]}).encode()


@pytest.mark.parametrize(("body", "message"), [
    ({"title": "Ri\u0000ot"}, "whatifs[0] (riot).title: control character U+0000"),
    ({"description": "a\u0008b"}, "whatifs[0] (riot).description: control character U+0008"),
    ({"changes": [{"add_party": {"name": "Mili\ttia"}}]},
     "whatifs[0] (riot).changes[0].add_party.name: control character U+0009"),
    ({"changes": [{"add": "partners", "value": "AU\u0000"}]}, "control character U+0000"),
    ({"changes": [{"set": "notes", "to": "x\u0001"}]}, "control character U+0001"),
])
def test_whatif_pack_texts(body: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError) as err:
        parse_whatif_pack(_whatif(**body), "ours.json")
    assert message in str(err.value) and str(err.value).startswith("ours.json: ")


# Generated packs (issue 9, item 13): any text in any place of a rule either loads or is one
# InputError line; a pack that loads never prints a control character raw.
_hostile_text = st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=3)
                         | st.sampled_from(["\x1b", "\n", "\r", "\x07", "\x9b", "\u202e",
                                            "\u2066", "Consent", "{host_consent}", " "]),
                         max_size=10).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(["message", "instead", "quote", "node", "key", "name", "value"]),
       text=_hostile_text)
def test_generated_pack_texts_load_or_are_one_line_errors(place: str, text: str) -> None:
    from pkdesk.cli.plans import format_result
    from pkdesk.core.checker import check
    from pkdesk.core.plan.model import Plan

    doc = minimal_rule()
    rule = doc["rules"][0]
    if place in ("message", "instead"):
        rule[place] = text
    elif place in ("quote", "node"):
        rule["cites"] = [{"node": "principles.consent", "quote": "Consent"} | {place: text}]
    elif place == "key":
        rule["condition"] = {"field": "host_consent", text: "pending"}
    elif place == "name":
        doc["name"] = text
    else:
        rule["condition"] = {"field": "host_consent", "eq": text}
    try:
        pack = parse_rule_pack(json.dumps(doc).encode(), "gen.json")
    except InputError as exc:
        assert "\n" not in str(exc) and "\x1b" not in str(exc) and "\r" not in str(exc)
        return
    shown = format_result(check(Plan(title="t", host_consent="pending"), pack), {})
    assert not any(ord(c) < 32 and c != "\n" for c in shown)
    assert not any(0x7f <= ord(c) <= 0x9f or 0x202a <= ord(c) <= 0x202e for c in shown)
    assert shown.count("\n") == 5       # rule, message, instead, rests on, blank, verdict
