"""Each rule's citation carries its point: a test names, per rule, the reference sentence
that supports what the rule says, and that sentence must be one of the rule's citations
(quoted verbatim from the shipped reference, which the pack loader checks)."""

from __future__ import annotations

import pytest

from pkdesk.core.rule_citations import shipped_reference
from pkdesk.core.rules import default_rule_pack

CONSENT = "Without consent, peacekeeping missions risk being perceived as interventions"
INVASION = "Without the consent of the host nation or conflicting parties"
ENTITIES = "Consent of the parties refers to the agreement among conflicting entities"
NEGOTIATED = "The decision to permit such operations usually stems from negotiations"
CLEAR = "Clear communication of expectations and mandates."
FAVOUR = "Impartiality is equally critical, as it ensures that peacekeepers do not favor"
FRAMEWORK = "Ensuring the operational framework does not favor one party over another."
FAIRNESS = "treating all parties with fairness"
NEUTRAL = "where a neutral third party helps conflicting entities communicate"
SELF_DEFENCE = "except in self-defense or defense of the mandate"
DETER = "Maintaining a presence intended to deter violence rather than provoke it."
DETERRENT = "serves as a deterrent against potential aggression and conflict escalation"
NON_STATE = "making it difficult for peacekeepers to identify legitimate parties"
RWANDA = "due to a lack of clear mandate, resources, and decisive political will"
RESOURCES = "inadequate resources, whether in terms of personnel, equipment, or funding"
RECALIBRATE = "allows for the recalibration of peacekeeping objectives"
MONUSCO = "highlighting the necessity of adaptable diplomatic strategies"
MULTI = "combining military, policing, and civilian efforts"
DATA = "enhancing data collection, communication, and on-the-ground decision-making"
ADAPTIVE = "remain responsive and adaptive to evolving conditions on the ground"

# The sentence (a part of one of the rule's quotes) that carries each rule's point.
POINTS: dict[str, str] = {
    "CONSENT-001": CONSENT,         # withheld host consent: an intervention, not support
    "CONSENT-008": CONSENT,         # the same, for a mission already deployed
    "CONSENT-010": NEGOTIATED,      # a withdrawal without consent: negotiate its terms
    "CONSENT-002": NEGOTIATED,      # pending consent: win it through negotiation
    "CONSENT-005": CLEAR,           # conditional consent: write the conditions down
    "CONSENT-007": ENTITIES,        # no government: consent of the parties on the ground
    "CONSENT-003": INVASION,        # a party's consent matters as much as the host's
    "CONSENT-009": NEGOTIATED,      # a party in talks: its consent is for those talks
    "CONSENT-004": NEGOTIATED,      # unknown consent: find out through the channels
    "CONSENT-006": CLEAR,           # a party's conditions, written down
    "IMPARTIALITY-001": FAIRNESS,   # a party left without any channel
    "IMPARTIALITY-002": FRAMEWORK,  # engagement of one side only
    "IMPARTIALITY-003": NEUTRAL,    # a party leading mediation is not neutral
    "IMPARTIALITY-004": FRAMEWORK,  # forces outside mission command shape how it is seen
    "IMPARTIALITY-005": FAVOUR,     # a mandate directed against one party
    "FORCE-001": SELF_DEFENCE,      # offensive force
    "FORCE-002": SELF_DEFENCE,      # defence of a mandate nobody wrote down
    "FORCE-003": SELF_DEFENCE,      # protection at high threat needs force beyond self-defence
    "FORCE-004": NON_STATE,         # a listed group is not a legitimate party to engage
    "FORCE-005": DETERRENT,         # spoilers: deter them
    "LEGITIMACY-001": "often authorized by resolutions that empower peacekeeping operations",
    "LEGITIMACY-002": "often authorized by resolutions that empower peacekeeping operations",
    "MANDATE-001": RWANDA,
    "MANDATE-002": RWANDA,
    "MANDATE-003": SELF_DEFENCE,
    "MANDATE-004": RWANDA,          # no end state: no clear mandate
    "MANDATE-005": CLEAR,           # a mandate naming nobody in the plan
    "DIPLOMACY-001": "Diplomacy serves as a fundamental pillar of peacekeeping",
    "DIPLOMACY-002": "where direct communication may be fraught with tensions",
    "DIPLOMACY-003": "highlighting the necessity of dialogue among conflicting parties",
    "DIPLOMACY-004": "aimed at maintaining ceasefires and promoting dialogue",
    "DIPLOMACY-005": "collaboration with regional bodies, played a vital role",
    "DIPLOMACY-006": NON_STATE,     # talks with a listed group
    "INCLUSIVITY-001": "By ensuring that marginalized voices are heard",
    "INCLUSIVITY-002": "Establishing inclusive dialogue with local communities",
    "RESOURCES-001": RESOURCES,
    "RESOURCES-002": RESOURCES,
    "RESOURCES-003": "These limitations can prevent peacekeepers from carrying out essential",
    "RESOURCES-004": RESOURCES,
    "RESOURCES-005": "These limitations can prevent peacekeepers from carrying out essential",
    "RESOURCES-006": "These limitations can prevent peacekeepers from carrying out essential",
    "RESOURCES-007": RESOURCES,
    "RESOURCES-008": RWANDA,        # under half the strength: Rwanda's lesson
    "RESOURCES-009": RESOURCES,
    "RESOURCES-010": RESOURCES,     # voluntary funding: funding that may not come
    "RESOURCES-011": "These limitations can prevent peacekeepers from carrying out essential",
    "RESOURCES-012": RWANDA,        # people sheltering with no protection
    "RESOURCES-013": "deploying peacekeeping forces to monitor ceasefires, protect civilians",
    "ADAPTABILITY-001": RECALIBRATE,
    "ADAPTABILITY-002": MONUSCO,
    "ADAPTABILITY-003": RECALIBRATE,
    "ADAPTABILITY-004": RECALIBRATE,
    "MULTI-001": MULTI,
    "MULTI-002": MULTI,
    "MULTI-003": MULTI,
    "CLIMATE-001": "Environmental degradation is linked to resource scarcity and conflict",
    "LOOP-001": RECALIBRATE,        # no indicator: nothing to recalibrate the objective on
    "LOOP-002": DATA,               # no baseline or target: data that decides nothing
    "LOOP-003": ADAPTIVE,           # a review not held: not responsive to the ground
    "LOOP-004": RECALIBRATE,        # off track twice, nothing decided: recalibrate it
    "LOOP-005": DATA,               # stale data: decisions on old data
    "LOOP-006": DATA,               # no data at all
}


def test_every_rule_names_the_sentence_that_carries_its_point() -> None:
    assert sorted(POINTS) == sorted(r.id for r in default_rule_pack().rules)


@pytest.mark.parametrize("rule_id", sorted(POINTS))
def test_the_carrying_sentence_is_cited_verbatim(rule_id: str) -> None:
    rule = default_rule_pack().by_id()[rule_id]
    carrying = [c for c in rule.cites if POINTS[rule_id] in c.quote]
    assert carrying, f"{rule_id} does not cite the sentence that carries its point"
    for cite in carrying:
        assert cite.quote in shipped_reference()[cite.node]


def test_no_rule_about_a_listed_group_rests_on_winning_its_consent() -> None:
    """The advocacy sentence ("diplomats can secure the necessary consent") supports asking
    for consent; no rule about a listed group may cite it."""
    for rule in default_rule_pack().rules:
        if rule.id in ("FORCE-004", "DIPLOMACY-006"):
            assert all("secure the necessary consent" not in c.quote for c in rule.cites)
