"""The work a rule pack may ask for, bounded: at most ``MAX_CONDITION_NODES`` nodes in one
rule's condition, and ``check_budget`` refuses a pack whose rules times the plan's parties and
strategies exceed ``MAX_CHECK_WORK`` condition nodes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pkdesk.core.errors import InputError

MAX_CONDITION_NODES = 200   # objects, values and list items in one rule's condition
# Condition nodes a check may evaluate, rules x items: the shipped pack on the largest plan
# the format allows (500 parties, 2,000 strategies) needs about 40,000; a 1,000-rule
# per-strategy pack on that plan would need 8,000,000 and two million findings.
MAX_CHECK_WORK = 1_000_000


_PARTY_QUANTIFIERS = ("any_party", "all_parties", "no_party")
_STRATEGY_QUANTIFIERS = ("any_strategy", "all_strategies", "no_strategy")


def condition_cost(cond: Any, where: str) -> tuple[int, int, int]:
    """Nodes of a condition evaluated once, per party and per strategy (quantifier bodies);
    a condition of more than MAX_CONDITION_NODES nodes is refused. Counted without recursion
    on the raw JSON, before it is compiled."""
    counts = [0, 0, 0]
    stack: list[tuple[Any, int]] = [(cond, 0)]
    while stack:
        node, slot = stack.pop()
        counts[slot] += 1
        if sum(counts) > MAX_CONDITION_NODES:
            raise InputError(f"{where}: more than {MAX_CONDITION_NODES} nodes (conditions, "
                             "values and list items); split it into several rules")
        if isinstance(node, dict):
            for key, value in node.items():
                inner = 1 if key in _PARTY_QUANTIFIERS else \
                    2 if key in _STRATEGY_QUANTIFIERS else slot
                stack.append((value, inner))
        elif isinstance(node, list):
            stack.extend((value, slot) for value in node)
    return counts[0], counts[1], counts[2]


def rule_work(cost: tuple[int, int, int], for_each: str | None, parties: int,
              strategies: int, objectives: int = 0, indicators: int = 0) -> int:
    """Condition nodes a rule of that ``cost`` evaluates on a plan of that size (with its
    findings): ``cost`` is its nodes evaluated once, per party and per strategy."""
    once, per_party, per_strategy = cost
    items = {"party": parties, "strategy": strategies, "objective": objectives,
             "indicator": indicators}.get(for_each or "", 1)
    return items * (1 + once + per_party * parties + per_strategy * strategies)


def check_budget(pack_name: str, works: Iterable[tuple[str, int]], parties: int,
                 strategies: int) -> None:
    """Refuse (one InputError line) to check a plan a pack would take too long on; ``works``:
    each rule's id and its ``rule_work`` on that plan."""
    by_rule = list(works)
    work = sum(w for _, w in by_rule)
    if work > MAX_CHECK_WORK:
        heaviest = max(by_rule, key=lambda item: item[1])[0]
        raise InputError(
            f"rule pack {pack_name or 'rules'!r:.60}: checking a plan of {parties} parties "
            f"and {strategies} strategies would evaluate about {work:,} conditions; at "
            f"most {MAX_CHECK_WORK:,} are allowed (heaviest rule: {heaviest}); use "
            "fewer per-party or per-strategy rules, or smaller conditions")
