"""Edits of a plan's performance part, as new `Plan` values (no Qt; the plan is never
mutated: every function copies the path down to what it changes)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from pkdesk.core.plan.model import (DataPoint, Indicator, MissionObjective, Performance, Plan,
                                    Review)


def with_performance(plan: Plan, performance: Performance) -> Plan:
    return dataclasses.replace(plan, performance=performance)


def _objectives(plan: Plan, objectives: list[MissionObjective]) -> Plan:
    return with_performance(plan, dataclasses.replace(plan.performance,
                                                      objectives=objectives))


def with_start(plan: Plan, start: str) -> Plan:
    return with_performance(plan, dataclasses.replace(plan.performance, start=start))


def with_next_review(plan: Plan, next_review: str) -> Plan:
    return with_performance(plan, dataclasses.replace(plan.performance, next_review=next_review))


def find_objective(plan: Plan, uid: str) -> MissionObjective | None:
    return next((o for o in plan.performance.objectives if o.uid == uid), None)


def find_indicator(plan: Plan, uid: str) -> tuple[MissionObjective, Indicator] | None:
    for objective in plan.performance.objectives:
        for indicator in objective.indicators:
            if indicator.uid == uid:
                return objective, indicator
    return None


def add_objective(plan: Plan, objective: MissionObjective) -> Plan:
    """Add a worded objective after the last one under the same mandate objective."""
    objectives = list(plan.performance.objectives)
    same = [i for i, o in enumerate(objectives) if o.objective == objective.objective]
    objectives.insert(same[-1] + 1 if same else len(objectives), objective)
    return _objectives(plan, objectives)


def _map_objective(plan: Plan, uid: str,
                   change: Callable[[MissionObjective], MissionObjective | None]) -> Plan:
    objectives: list[MissionObjective] = []
    for objective in plan.performance.objectives:
        if objective.uid == uid:
            changed = change(objective)
            if changed is not None:
                objectives.append(changed)
        else:
            objectives.append(objective)
    return _objectives(plan, objectives)


def rename_objective(plan: Plan, uid: str, text: str) -> Plan:
    return _map_objective(plan, uid, lambda o: dataclasses.replace(o, text=text))


def remove_objective(plan: Plan, uid: str) -> Plan:
    return _map_objective(plan, uid, lambda o: None)


def add_indicator(plan: Plan, objective_uid: str, indicator: Indicator) -> Plan:
    return _map_objective(plan, objective_uid, lambda o: dataclasses.replace(
        o, indicators=[*o.indicators, indicator]))


def _map_indicator(plan: Plan, uid: str,
                   change: Callable[[Indicator], Indicator | None]) -> Plan:
    found = find_indicator(plan, uid)
    if found is None:
        return plan
    objective = found[0]

    def changed(o: MissionObjective) -> MissionObjective:
        indicators: list[Indicator] = []
        for indicator in o.indicators:
            new = change(indicator) if indicator.uid == uid else indicator
            if new is not None:
                indicators.append(new)
        return dataclasses.replace(o, indicators=indicators)

    return _map_objective(plan, objective.uid, changed)


def replace_indicator(plan: Plan, indicator: Indicator) -> Plan:
    return _map_indicator(plan, indicator.uid, lambda _old: indicator)


def remove_indicator(plan: Plan, uid: str) -> Plan:
    return _map_indicator(plan, uid, lambda _old: None)


def sorted_points(points: list[DataPoint]) -> list[DataPoint]:
    """Data points by date (stable: points of one day keep the order they were entered)."""
    return sorted(points, key=lambda p: p.date)


def with_data(plan: Plan, indicator_uid: str, points: list[DataPoint]) -> Plan:
    return _map_indicator(plan, indicator_uid, lambda i: dataclasses.replace(
        i, data=sorted_points(points)))


def add_review(plan: Plan, review: Review) -> Plan:
    reviews = sorted([*plan.performance.reviews, review], key=lambda r: r.date)
    return with_performance(plan, dataclasses.replace(plan.performance, reviews=reviews))
