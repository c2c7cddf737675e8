"""Build src/pkdesk/resources/reference/peacekeeping-and-diplomacy.json from the seed document.

The corpus is finer than the document's headings: every principle, strategy, tactic,
challenge, trend and case study is its own node. Each node's paragraphs are taken from
the seed *verbatim* (whole lines or whole sentences of a line), never retyped, so the
rule pack can quote them. Run: python tools/build_corpus.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "src" / "pkdesk" / "resources" / "reference"  # package data (in the wheel)
SEED = REFERENCE / "peacekeeping-and-diplomacy.txt"
OUT = REFERENCE / "peacekeeping-and-diplomacy.json"

SOURCE = {
    "id": "peacekeeping-and-diplomacy",
    "title": "Peacekeeping and Diplomacy",
    "file": SEED.name,
}

LINES = SEED.read_text(encoding="utf-8").split("\n")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def line(n: int) -> str:
    return LINES[n]


def sentences(n: int, *which: int) -> str:
    parts = SENTENCE_END.split(LINES[n])
    return " ".join(parts[i] for i in which)


def node(id: str, title: str, kind: str, parent: str | None, paragraphs: list[str],
         facts: dict[str, object] | None = None, see_also: list[str] | None = None) -> dict[str, object]:
    out: dict[str, object] = {"id": id, "title": title, "kind": kind, "parent": parent,
                              "paragraphs": paragraphs}
    if facts:
        out["facts"] = facts
    if see_also:
        out["see_also"] = see_also
    return out


NODES = [
    node("introduction", "Introduction", "section", None, [line(0), line(1)]),
    node("intersection", line(2), "section", None, [line(3), line(4), line(5)],
         see_also=["principles.consent", "diplomacy"]),
    node("history", line(6), "section", None, [line(7), line(8), line(9), line(10)],
         see_also=["case-studies.untso-1948", "case-studies.rwanda-1994"]),
    node("organizations", line(11), "section", None, [line(12), line(13), line(14), line(15)],
         see_also=["strategies.regional-cooperation", "strategies.mediation"]),
    node("principles", line(16), "section", None, [line(17), line(18), line(19)]),
    node("principles.consent", line(20), "principle", "principles",
         [line(21), line(22), line(23), line(24), line(25), line(26), line(27), sentences(17, 2, 3)],
         see_also=["strategies.mediation", "strategies.shuttle-diplomacy"]),
    node("principles.impartiality-and-non-use-of-force", line(28), "section", "principles",
         [line(31), line(32), line(33), line(34), line(35)]),
    node("principles.impartiality", "Impartiality", "principle", "principles",
         [line(29), sentences(18, 0, 1), line(32), line(33)],
         see_also=["negotiation.third-party-mediation", "negotiation.inclusive-dialogue"]),
    node("principles.non-use-of-force", "Non-Use of Force", "principle", "principles",
         [line(30), sentences(18, 2), line(34)]),
    node("diplomacy", line(36), "section", None,
         [line(37), line(38), line(39), line(40), line(41), line(42), line(43)],
         see_also=["strategies", "negotiation"]),
    node("strategies", line(44), "section", None, [line(45), sentences(48, 2)]),
    node("strategies.ceasefire-negotiation", "Ceasefire Negotiation", "strategy", "strategies",
         [line(39).removeprefix("- "), sentences(13, 0), sentences(8, 1)],
         see_also=["case-studies.untso-1948"]),
    node("strategies.dialogue-channels", "Dialogue Channels", "strategy", "strategies",
         [line(40).removeprefix("- "), sentences(3, 1), sentences(22, 1)],
         see_also=["negotiation.communication-channels"]),
    node("strategies.regional-cooperation", "Regional Cooperation", "strategy", "strategies",
         [line(41).removeprefix("- "), sentences(13, 1), sentences(61, 1)],
         see_also=["case-studies.unoci-2004", "organizations"]),
    node("strategies.mediation", "Mediation", "strategy", "strategies",
         [line(46), sentences(14, 1), sentences(75, 0)],
         see_also=["negotiation.third-party-mediation"]),
    node("strategies.shuttle-diplomacy", "Shuttle Diplomacy", "strategy", "strategies", [line(47)]),
    node("strategies.multi-track-diplomacy", "Multi-Track Diplomacy", "strategy", "strategies",
         [sentences(48, 0, 1)], see_also=["negotiation.inclusive-dialogue"]),
    node("strategies.advocacy", "Advocacy", "strategy", "strategies", [sentences(75, 0, 1, 2)]),
    node("negotiation", line(49), "section", None, [line(50), sentences(42, 0, 1, 2)]),
    node("negotiation.communication-channels", "Establishing Communication Channels", "tactic",
         "negotiation", [line(51)], see_also=["strategies.dialogue-channels"]),
    node("negotiation.third-party-mediation", "Third-Party Mediation", "tactic", "negotiation",
         [line(52)], see_also=["strategies.mediation", "principles.impartiality"]),
    node("negotiation.inclusive-dialogue", "Inclusive Dialogue", "tactic", "negotiation",
         [line(53), sentences(70, 1, 2)], see_also=["trends.local-engagement"]),
    node("challenges", line(54), "section", None, [sentences(55, 0)]),
    node("challenges.local-support", "Lack of Local Support", "challenge", "challenges",
         [sentences(55, 1, 2)], see_also=["trends.local-engagement"]),
    node("challenges.complex-conflicts", "Complex Conflicts and Non-State Actors", "challenge",
         "challenges", [line(56)], see_also=["strategies.multi-track-diplomacy"]),
    node("challenges.logistics", "Inadequate Resources", "challenge", "challenges", [line(57)],
         see_also=["case-studies.rwanda-1994"]),
    node("challenges.international-law", "International Law and Sovereignty", "challenge",
         "challenges", [line(58)], see_also=["principles.consent"]),
    node("case-studies", line(59), "section", None, [line(63)]),
    node("case-studies.untso-1948", "UNTSO (1948)", "case_study", "case-studies", [sentences(8, 0, 1)],
         facts={"mission": "United Nations Truce Supervision Organization (UNTSO)",
                "country": "Middle East (Arab-Israeli conflict)", "start_year": 1948,
                "organisation": "United Nations"}),
    node("case-studies.rwanda-1994", "Rwanda (1994)", "case_study", "case-studies", [line(60)],
         facts={"mission": "United Nations Assistance Mission for Rwanda (UNAMIR)",
                "country": "Rwanda", "start_year": 1993, "organisation": "United Nations"},
         see_also=["challenges.logistics"]),
    node("case-studies.unoci-2004", "UNOCI, Côte d’Ivoire (2004)", "case_study", "case-studies",
         [line(61)],
         facts={"mission": "United Nations Operation in Côte d’Ivoire (UNOCI)",
                "country": "Côte d’Ivoire", "start_year": 2004, "organisation": "United Nations"},
         see_also=["strategies.regional-cooperation"]),
    node("case-studies.monusco", "MONUSCO, Democratic Republic of the Congo", "case_study",
         "case-studies", [line(62)],
         facts={"mission": "United Nations Organization Stabilization Mission in the Democratic "
                           "Republic of the Congo (MONUSCO)",
                "country": "Democratic Republic of the Congo", "start_year": 2010,
                "organisation": "United Nations"}),
    node("impact", line(64), "section", None, [line(65), line(66), line(67)]),
    node("trends", line(68), "section", None, [sentences(69, 0)]),
    node("trends.technology", "Technology", "trend", "trends", [sentences(69, 1, 2)]),
    node("trends.local-engagement", "Local Engagement", "trend", "trends", [line(70)],
         see_also=["negotiation.inclusive-dialogue"]),
    node("trends.climate-change", "Climate Change", "trend", "trends", [line(71)]),
    node("trends.multidimensional", "Multidimensional Peacekeeping", "trend", "trends", [line(72)]),
    node("strengthening", line(73), "section", None, [line(74), line(75), line(76), line(77)]),
    node("conclusion", "Conclusion", "section", None, [line(78), line(79)]),
]


def render() -> str:
    """The corpus file's text, exactly as main() writes it (tests compare it with the file)."""
    ids = {n["id"] for n in NODES}
    for n in NODES:
        assert n["parent"] is None or n["parent"] in ids, n["id"]
        for target in n.get("see_also", []):  # type: ignore[attr-defined]
            assert target in ids, (n["id"], target)
    doc = {"format": "pkdesk.corpus", "version": 1, "source": SOURCE, "nodes": NODES}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    OUT.write_text(render(), encoding="utf-8", newline="\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(NODES)} nodes")


if __name__ == "__main__":
    main()
