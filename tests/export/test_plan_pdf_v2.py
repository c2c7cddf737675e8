"""A format 2 plan's PDF prints its new fields (read back with pypdf); a version 1 plan's
PDF has none of them."""

from __future__ import annotations

from pathlib import Path

from pkdesk.core.checker import check
from pkdesk.core.plan.model import Caveat
from pkdesk.core.plan.report import PlanMeta, plan_report
from pkdesk.export import write_pdf
from tests.core.plan_samples import example
from tests.export.samples import nodes_for, page_texts, squash

META = PlanMeta("1", "2026-11-30", "Amina Diallo")


def _text(tmp_path: Path, name: str, lang: str = "en", markup: bool = False) -> str:
    plan = example(name)
    if markup:
        plan.command.caveats.append(Caveat("<b>Contributor</b>", "No <i>night</i> moves"))
    result = check(plan, lang=lang)
    out = tmp_path / f"{name}-{lang}.pdf"
    write_pdf(plan_report(plan, result, nodes_for(result), META, lang=lang), out)
    return squash("".join(page_texts(out)))


def test_the_pdf_prints_every_format_2_field(tmp_path: Path) -> None:
    text = _text(tmp_path, "monusco-fib-2013", markup=True)
    for expected in ("Phase", "Deployed", "Host authority", "Contested", "End state",
                     "Armed groups in the east no longer threaten civilians",
                     "Benchmark", "2013-12", "Directed against", "M23",
                     "Role", "Listed under sanctions", "External backer",
                     "Conditions parties attach to their consent",
                     "Rwanda: Support the Framework as long as the FDLR is dealt with.",
                     "Threat to civilians", "High", "Civilians at risk", "2,600,000",
                     "Protection site", "Pinga", "12,000", "Per 1,000 people",
                     "Command arrangement", "Force beside the mission",
                     "FARDC operations against armed groups", "National caveat",
                     "No offensive operations outside the Force Intervention Brigade",
                     "<b>Contributor</b>", "No <i>night</i> moves",
                     "Funding source", "Assessed contributions"):
        assert squash(expected) in text, expected


def test_the_french_pdf_prints_them_in_french(tmp_path: Path) -> None:
    text = _text(tmp_path, "minusma-2023", lang="fr")
    for expected in ("Retrait", "État final", "Menace contre les civils", "Critique",
                     "Site de protection", "Ber", "Inscrit sur une liste de sanctions",
                     "Force aux côtés de la mission", "Source du financement"):
        assert squash(expected) in text, expected


def test_a_version_1_plan_pdf_has_no_format_2_fields(tmp_path: Path) -> None:
    text = _text(tmp_path, "rwanda-1993")
    for absent in ("Host authority", "End state", "Threat to civilians", "Funding source",
                   "Command arrangement"):
        assert squash(absent) not in text, absent
