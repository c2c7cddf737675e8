"""Plans, check results and reference passages for the export tests and benchmark."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader

from pkdesk import __version__
from pkdesk.core.checker import check
from pkdesk.core.findings import CheckResult, Citation, Finding
from pkdesk.core.plan.model import (
    Acknowledgement, Authorization, Mandate, Party, Plan, Resources, Strategy,
)
from pkdesk.core.plan.report import CitedNode, cited_node_ids
from pkdesk.core.reference import load_corpus
from pkdesk.paths import resources_dir

MARKUP_TITLE = "Plan <b>bold</b> <img src=x> & co"
FRENCH = "Mission de stabilisation : protéger les civils à Bouaké, Daloa et Korhogo"
ARABIC = "مرحبا بالسلام"
CONSENT_QUOTE = ("Without consent, peacekeeping missions risk being perceived as interventions "
                 "rather than supportive efforts aimed at maintaining peace.")


def corpus_nodes(ids: list[str] | None = None) -> dict[str, CitedNode]:
    corpus = load_corpus(resources_dir() / "reference" / "peacekeeping-and-diplomacy.json")
    return {n.id: CitedNode(n.id, n.title, corpus.source.title, n.paragraphs)
            for n in corpus.nodes if ids is None or n.id in ids}


def small_plan() -> Plan:
    return Plan(
        title=MARKUP_TITLE, host_country="Côte d’Ivoire", context="civil_war",
        authorization=Authorization("UN Security Council", "S/RES/1528 (2004)"),
        mandate=Mandate(FRENCH + ".\nSecond line <i>not italic</i>.",
                        ["protect_civilians", "political_process"], 6),
        host_consent="conditional",
        parties=[Party("Gouvernement de Côte d’Ivoire", "state", "granted", True),
                 Party(f"Forces nouvelles ({ARABIC})", "non_state", "withheld")],
        strategies=[Strategy("mediation", ["Gouvernement de Côte d’Ivoire"], "CEDEAO",
                             "Médiation régionale <script>x</script>")],
        components=["military", "civilian"], resources=Resources(6240, "limited", "partial"),
        partners=["CEDEAO", "Union africaine"], community_engagement="Réunions publiques",
        notes="Notes with 100% & <tags>.",
        acknowledgements=[Acknowledgement("INCL-002", "Women's groups consulted <separately>",
                                          "D. Mensah", "2025-03-14T10:00")])


def small_result(plan: Plan) -> CheckResult:
    return CheckResult(plan.title, (
        Finding("CONSENT-001", "consent", "blocker", "Host-state consent is “conditional”.",
                "Open negotiations through mediation <b>first</b>.",
                (Citation("principles.consent", CONSENT_QUOTE),)),
        Finding("IMPARTIALITY-001", "impartiality", "warning", "Only one party is engaged.",
                "Engage every party.", (Citation("principles.consent", CONSENT_QUOTE),)),
        Finding("INCL-002", "inclusivity", "advice", "No women's groups are named.",
                "Name them.", (), "Women's groups consulted <separately>"),
    ))


def big_plan(party_count: int = 60) -> Plan:
    """A plan long enough to fill more than 20 pages, checked by the real checker (more
    parties, more pages: 240 make ~4x the pages, for benchmarks/bench_export.py)."""
    words = ("Le dialogue inclusif avec les communautés locales reste la condition d’une paix "
             "durable; the mission keeps channels open with every party. ")
    parties = [Party(f"Party {i:02d} — groupe armé de la région {i} {ARABIC if i % 7 == 0 else ''}",
                     "non_state" if i % 2 else "state",
                     ("granted", "conditional", "pending", "withheld", "unknown")[i % 5],
                     i % 3 == 0) for i in range(party_count)]
    strategies = [Strategy(kind, [p.name for p in parties[i % party_count:i % party_count + 3]],
                           f"Envoy {i}",
                           words * (1 + i % 4))
                  for i, kind in enumerate(["mediation", "shuttle_diplomacy", "dialogue_channels",
                                            "regional_cooperation", "advocacy"]
                                           * (8 * party_count // 60))]
    return Plan(
        title="Large stabilisation plan (benchmark)", host_country="Côte d’Ivoire",
        context="civil_war", authorization=Authorization("UN Security Council", "S/RES/1528 (2004)"),
        mandate=Mandate(words * 12, ["protect_civilians", "political_process", "elections"], 12),
        host_consent="conditional", parties=parties, use_of_force="defence_of_mandate",
        strategies=strategies, components=["military", "police", "civilian"],
        resources=Resources(12000, "limited", "partial"),
        partners=[f"Partner organisation {i}" for i in range(30)],
        community_engagement=words * 8, climate_risks=words * 6, notes=words * 10)


def big_result(plan: Plan) -> CheckResult:
    """The real checker's findings plus one finding per party citing real passages."""
    nodes = corpus_nodes()
    cite_ids = ["principles.consent", "principles.impartiality", "negotiation.inclusive-dialogue",
                "strategies.mediation", "challenges.local-support"]
    extra = []
    for i, party in enumerate(plan.parties):
        node = nodes[cite_ids[i % len(cite_ids)]]
        sentence = re.split(r"(?<=\.)\s", node.paragraphs[0])[0]
        extra.append(Finding(f"SAMPLE-{i:03d}", ("consent", "impartiality", "inclusivity",
                                                 "diplomacy", "adaptability")[i % 5],
                             ("blocker", "warning", "advice")[i % 3],
                             f"{party.name} has no agreed channel of communication.",
                             "Name an envoy and a meeting rhythm for this party.",
                             (Citation(node.id, sentence),)))
    real = check(plan)
    return CheckResult(plan.title, real.findings + tuple(extra))


def nodes_for(result: CheckResult) -> dict[str, CitedNode]:
    return corpus_nodes(cited_node_ids(result))


# Reading PDFs back -----------------------------------------------------------------------

def squash(text: str) -> str:
    """Text without whitespace, ligatures folded (NFKC: "ﬃ" -> "ffi"): line wrapping, tab or
    space choices and the font's ligatures do not matter."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def body_text(path: Path | list[str], running_title: str, note: str = "") -> str:
    """Every page's text with its header and footer removed, joined, squashed."""
    out = []
    pages = page_texts(path) if isinstance(path, Path) else path
    for i, text in enumerate(pages, 1):
        s = squash(text)
        for chrome in (running_title, note, f"pkdesk {__version__}", f"Page {i} of {len(pages)}"):
            if chrome:
                s = s.replace(squash(chrome), "", 1)
        out.append(s)
    return "".join(out)


def contains_arabic(text: str, arabic: str) -> bool:
    """Arabic comes out shaped and in visual (right-to-left) order, a lam-alef ligature kept
    in logical order: so each word is compared as the letters it is made of."""
    tokens = {"".join(sorted(t)) for t in unicodedata.normalize("NFKC", text).split()}
    return all("".join(sorted(word)) in tokens for word in arabic.split())


def without_arabic(text: str) -> str:
    """Squashed text with Arabic and punctuation left out, to compare mixed-script lines:
    punctuation beside a right-to-left run may be extracted on its other side."""
    return _NOT_LATIN.sub("", squash(text))


_NOT_LATIN = re.compile(r"[\u0600-\u06ff]|[^\w]")
