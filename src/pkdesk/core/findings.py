"""What the checker says about a plan: findings, their citations, and the verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

from pkdesk.core.plan.model import Acknowledgement

Severity = Literal["blocker", "warning", "advice"]
SEVERITIES: tuple[str, ...] = get_args(Severity)
Verdict = Literal["blocked", "needs_attention", "sound"]

PRINCIPLES: tuple[str, ...] = (
    "consent", "impartiality", "non_use_of_force", "legitimacy", "mandate", "diplomacy",
    "inclusivity", "resources", "adaptability", "multidimensional", "climate",
)


@dataclass(frozen=True)
class Citation:
    node: str       # reference node id
    quote: str      # a sentence that appears verbatim in that node's text
    library: str = ""   # an imported library's "title, edition"; "" for the shipped handbook


@dataclass(frozen=True)
class Finding:
    rule: str
    principle: str
    severity: str
    message: str
    instead: str
    cites: tuple[Citation, ...] = ()
    acknowledged: str | None = None     # the planner's written reason, when acknowledged
    # Which party or strategy a per-item finding is about ("party:Forces Nouvelles",
    # "strategy:mediation#2"); None for a finding about the whole plan. With ``rule`` it
    # identifies the finding, and an acknowledgement must name both to apply.
    subject: str | None = None


@dataclass(frozen=True)
class CheckResult:
    plan_title: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    # Acknowledgements in the plan that cannot apply to any finding of the rule they name,
    # as written (see ``pkdesk.core.acknowledgements.stale_acknowledgements``): kept in the
    # plan, and reported so the planner can acknowledge the findings again one by one.
    stale_acknowledgements: tuple[Acknowledgement, ...] = ()

    @property
    def verdict(self) -> Verdict:
        """A blocker always blocks, acknowledged or not; an acknowledged warning or advice
        no longer asks for attention (it stays listed, with its reason)."""
        severities = {f.severity for f in self.findings
                      if f.severity == "blocker" or f.acknowledged is None}
        if "blocker" in severities:
            return "blocked"
        if severities:
            return "needs_attention"
        return "sound"
