"""French findings: rule-pack translations, values in the text's language, verbatim English
citations; French what-ifs and stress test."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from pkdesk.core.checker import check
from pkdesk.core.compare import compare_plans
from pkdesk.core.errors import InputError
from pkdesk.core.plan.model import Party, Plan, Strategy
from pkdesk.core.rules import default_rule_pack, default_rule_pack_path, rule_pack_from_dict
from pkdesk.core.stress import stress_test, stress_to_dict
from pkdesk.core.whatif import default_whatif_pack, whatif_pack_from_dict
from pkdesk.paths import resources_dir
from tests.core.plan_samples import example, example_paths, sound_plan
from tests.core.test_rules import minimal_rule

_PLACEHOLDER = re.compile(r"\{([a-z_.]+)\}")
# Words of English messages that must not be left in a French one (the rule fell back).
_ENGLISH = re.compile(r"\b(the|is|has|and|party|strategy|consent)\b")


def test_every_rule_has_french_text_with_the_same_placeholders() -> None:
    doc = json.loads(default_rule_pack_path().read_text(encoding="utf-8"))
    for rule in doc["rules"]:
        fr = rule.get("i18n", {}).get("fr")
        assert fr is not None, rule["id"]
        for key in ("message", "instead"):
            assert fr[key].strip() and fr[key] != rule[key], (rule["id"], key)
            assert sorted(_PLACEHOLDER.findall(fr[key])) == \
                sorted(_PLACEHOLDER.findall(rule[key])), (rule["id"], key)
            assert not any(mark in fr[key] for mark in (" :", " ;", "« ", " »")), \
                (rule["id"], key, "use no-break spaces")
            words = _PLACEHOLDER.sub("", fr[key])
            assert not _ENGLISH.search(words), (rule["id"], key, fr[key])


def test_default_language_is_english_and_unchanged() -> None:
    plan = example("no-consent")
    assert check(plan).findings == check(plan, lang="en").findings
    first = check(plan).findings[0]
    assert first.message.startswith('Host-state consent is "withdrawn"')


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_french_findings_match_the_english_ones_but_for_their_words(path: Any) -> None:
    plan = example(path.name.removesuffix(".pkplan.json"))
    en, fr = check(plan), check(plan, lang="fr")
    assert fr.verdict == en.verdict
    assert [(f.rule, f.severity, f.principle, f.cites) for f in fr.findings] == \
        [(f.rule, f.severity, f.principle, f.cites) for f in en.findings]
    for f_en, f_fr in zip(en.findings, fr.findings):
        assert f_fr.message != f_en.message and f_fr.instead != f_en.instead


def test_values_are_printed_in_french_and_names_literally() -> None:
    plan = sound_plan()
    plan.host_consent = "withheld"
    plan.parties.append(Party('<b>Front</b> & "{party.name}"', kind="non_state",
                              consent="withdrawn"))
    plan.strategies.append(Strategy("shuttle_diplomacy", lead=plan.parties[0].name))
    plan.strategies.append(Strategy("advocacy", parties=["Zeta", "Alpha"]))
    findings = {f.rule: f for f in check(plan, lang="fr").findings}
    assert findings["CONSENT-001"].message.startswith(
        "Le consentement de l’État hôte est «\u00a0refusé\u00a0»")
    assert findings["CONSENT-003"].message == ('La partie «\u00a0<b>Front</b> & "{party.name}"'
                                               '\u00a0» a retiré son consentement à la mission.')
    assert "(diplomatie de la navette)" in findings["IMPARTIALITY-003"].message
    assert findings["DIPLOMACY-003"].message.startswith(
        "La stratégie 6 (plaidoyer) nomme «\u00a0Alpha\u00a0», «\u00a0Zeta\u00a0»")


def test_citations_stay_verbatim_english() -> None:
    plan = example("no-consent")
    assert [f.cites for f in check(plan, lang="fr").findings] == \
        [f.cites for f in check(plan).findings]
    assert "Without consent" in check(plan, lang="fr").findings[0].cites[0].quote


def test_a_rule_without_the_language_falls_back_to_english_whole() -> None:
    pack = rule_pack_from_dict(minimal_rule())
    result = check(Plan(title="x", host_consent="pending"), pack, lang="fr")
    assert [f.message for f in result.findings] == ["Consent is pending."]   # not « en attente »


def test_a_pack_of_ones_own_may_carry_french() -> None:
    pack = rule_pack_from_dict(minimal_rule(i18n={"fr": {
        "message": "Le consentement est {host_consent}.", "instead": "Demander."}}))
    result = check(Plan(title="x", host_consent="pending"), pack, lang="fr")
    assert [(f.message, f.instead) for f in result.findings] == \
        [("Le consentement est en attente.", "Demander.")]
    assert check(Plan(title="x", host_consent="pending"), pack).findings[0].message == \
        "Consent is pending."


@pytest.mark.parametrize(("i18n", "message"), [
    ("fr", "rules[0] (TEST-001).i18n: expected"),
    ({"de": {"message": "x", "instead": "y"}}, "i18n: unknown language 'de' (expected fr)"),
    ({"en": {"message": "x", "instead": "y"}}, "i18n: unknown language 'en'"),
    ({"fr": {"message": "x"}}, "i18n.fr: expected {\"message\": text, \"instead\": text}"),
    ({"fr": {"message": "x", "instead": "y", "notes": "z"}}, "i18n.fr: expected"),
    ({"fr": {"message": " ", "instead": "y"}}, "i18n.fr.message: expected non-empty text"),
    ({"fr": {"message": "Consentement.", "instead": "y"}},
     "i18n.fr.message: placeholders none differ from the English text's {host_consent}"),
    ({"fr": {"message": "{host_consent} {party_count}", "instead": "y"}},
     "placeholders {host_consent}, {party_count} differ"),
    ({"fr": {"message": "{nope}", "instead": "y"}}, "i18n.fr.message: unknown field 'nope'"),
])
def test_translation_mistakes_are_one_line_errors(i18n: Any, message: str) -> None:
    with pytest.raises(InputError) as err:
        rule_pack_from_dict(minimal_rule(i18n=i18n))
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_default_pack_rules_carry_french() -> None:
    for rule in default_rule_pack().rules:
        message, instead, lang = rule.texts("fr")
        assert lang == "fr" and message != rule.message and instead != rule.instead


# what-ifs -------------------------------------------------------------------------------------

def test_every_shipped_whatif_has_french_words() -> None:
    for whatif in default_whatif_pack().whatifs:
        assert whatif.title_in("fr") != whatif.title, whatif.id
        assert whatif.description_in("fr") != whatif.description, whatif.id
        assert whatif.title_in("en") == whatif.title
        assert whatif.title_in("de") == whatif.title


def _whatif_pack(**extra: Any) -> dict[str, Any]:
    whatif = {"id": "cut", "title": "Cut", "changes": [{"set": "resources.funding", "to": "none"}]}
    whatif.update(extra)
    return {"format": "pkdesk.whatifs", "version": 1, "name": "t", "whatifs": [whatif]}


def test_whatif_translations_are_validated() -> None:
    pack = whatif_pack_from_dict(_whatif_pack(i18n={"fr": {"title": "Coupe"}}))
    assert (pack.whatifs[0].title_in("fr"), pack.whatifs[0].description_in("fr")) == ("Coupe", "")
    for i18n, message in [({"es": {"title": "x"}}, "i18n.es: unknown field (expected fr)"),
                          ({"fr": {"titre": "x"}}, "i18n.fr.titre: unknown field"),
                          ({"fr": {"description": "x"}}, "i18n.fr.title: missing"),
                          ({"fr": "Coupe"}, "i18n.fr: expected an object")]:
        with pytest.raises(InputError) as err:
            whatif_pack_from_dict(_whatif_pack(i18n=i18n))
        assert message in str(err.value) and "\n" not in str(err.value)


def test_stress_test_in_french() -> None:
    report = stress_test(example("rwanda-1993"), lang="fr")
    doc = stress_to_dict(report)
    titles = {w["id"]: w["title"] for w in doc["whatifs"]}
    assert titles["consent_withdrawn"] == "Consentement retiré"
    messages = [f["message"] for w in doc["whatifs"] for f in w["new_findings"]]
    assert messages and any(m.startswith("Le consentement de l’État hôte") for m in messages)
    english = stress_test(example("rwanda-1993"))
    assert [r.breaks for r in report.rows] == [r.breaks for r in english.rows]
    assert stress_to_dict(english)["whatifs"][0]["title"] == "Consent withdrawn"


def test_comparison_in_french() -> None:
    c = compare_plans([("a", example("rwanda-1993")), ("b", example("no-consent"))], lang="fr")
    assert c.scenarios[1].result.findings[0].message.startswith("Le consentement")


def test_whatif_pack_file_is_readable_json() -> None:
    doc = json.loads((resources_dir() / "whatifs" / "default.json").read_text(encoding="utf-8"))
    assert all("fr" in w["i18n"] for w in doc["whatifs"])
