"""The rule condition language: a small JSON vocabulary compiled to Python closures.

No ``eval``: a condition is data, checked against the known fields and their allowed values
when a rule pack is loaded, then turned into plain closures once. Forms::

    {"field": "host_consent", "in": ["withheld", "withdrawn"]}
    {"field": "mandate.objectives", "empty": true}
    {"field": "party.strategy_kinds", "contains_none": ["mediation", "shuttle_diplomacy"]}
    {"count": "partners", "lt": 1}
    {"all": [...]}, {"any": [...]}, {"not": {...}}
    {"any_party": {...}}, {"all_parties": {...}}, {"no_party": {...}}   (likewise *_strategy)

Fields are the facts ``pkdesk.core.facts`` derives from a plan; ``party.*`` and
``strategy.*`` fields exist inside a per-party / per-strategy scope (a rule's ``for_each``
or a quantifier), ``objective.*`` and ``indicator.*`` inside a rule's ``for_each``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from pkdesk.core.errors import InputError
from pkdesk.core.facts import FIELDS, FieldSpec

Facts = Mapping[str, Any]
Predicate = Callable[[Facts, Facts | None], bool]

SCOPES = ("plan", "party", "strategy", "objective", "indicator")
_QUANTIFIERS = {"any_party": ("party", any), "all_parties": ("party", all),
                "no_party": ("party", None), "any_strategy": ("strategy", any),
                "all_strategies": ("strategy", all), "no_strategy": ("strategy", None)}
_ITEMS_KEY = {"party": "_parties", "strategy": "_strategies"}
_ORDER_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge}
_VALUE_OPS = ("eq", "ne", "in", "not_in", *_ORDER_OPS, "empty",
              "contains", "contains_any", "contains_all", "contains_none")


def field_spec(name: Any, scope: str, where: str) -> FieldSpec:
    """The named field, if it exists in ``scope`` (plan fields exist everywhere)."""
    spec = FIELDS.get(name) if isinstance(name, str) else None
    if spec is None:
        raise InputError(f"{where}: unknown field {name!r}")
    if spec.scope not in ("plan", scope):
        raise InputError(f"{where}: field {name!r} exists only for each {spec.scope} "
                         f"(use for_each or a quantifier such as any_{spec.scope})")
    return spec


def compile_condition(cond: Any, scope: str, where: str) -> Predicate:
    if not isinstance(cond, dict) or not cond:
        raise InputError(f"{where}: expected a condition object")
    if "field" in cond:
        return _compile_field(cond, scope, where)
    if "count" in cond:
        return _compile_count(cond, scope, where)
    if len(cond) != 1:
        raise InputError(f"{where}: expected exactly one of field, count, all, any, not, "
                         f"{', '.join(_QUANTIFIERS)} (got {_keys(sorted(cond))})")
    (key, arg), = cond.items()
    if key in ("all", "any"):
        if not isinstance(arg, list) or not arg:
            raise InputError(f"{where}.{key}: expected a non-empty list of conditions")
        parts = tuple(compile_condition(c, scope, f"{where}.{key}[{i}]")
                      for i, c in enumerate(arg))
        if key == "all":
            return lambda facts, item: all(p(facts, item) for p in parts)
        return lambda facts, item: any(p(facts, item) for p in parts)
    if key == "not":
        inner = compile_condition(arg, scope, f"{where}.not")
        return lambda facts, item: not inner(facts, item)
    if key in _QUANTIFIERS:
        if scope != "plan":
            raise InputError(f"{where}.{key}: quantifiers cannot be nested in a {scope} scope")
        item_scope, combine = _QUANTIFIERS[key]
        body = compile_condition(arg, item_scope, f"{where}.{key}")
        items_key = _ITEMS_KEY[item_scope]
        if combine is None:
            return lambda facts, item: not any(body(facts, i) for i in facts[items_key])
        return lambda facts, item: combine(body(facts, i) for i in facts[items_key])
    raise InputError(f"{where}: unknown operator {key[:40]!r}")


def _getter(name: str, spec: FieldSpec) -> Callable[[Facts, Facts | None], Any]:
    if spec.scope == "plan":
        return lambda facts, item: facts[name]
    return lambda facts, item: item[name] if item is not None else None


def _single_op(cond: dict[str, Any], head: str, where: str) -> tuple[str, Any]:
    ops = [k for k in cond if k != head]
    if len(ops) != 1 or ops[0] not in _VALUE_OPS:
        raise InputError(f"{where}: expected exactly one operator out of "
                         f"{', '.join(_VALUE_OPS)} beside {head!r} (got {_keys(ops) or 'none'})")
    return ops[0], cond[ops[0]]


def _keys(keys: list[str]) -> str:
    """Keys from a pack, for a message: a plain name as is, anything else quoted with its
    escapes visible (a key holding a line break or ESC cannot bend the one-line message)."""
    return ", ".join(k if k.isidentifier() and k.isascii() else repr(k)[:40] for k in keys)


def _check_value(value: Any, spec: FieldSpec, where: str) -> None:
    if spec.kind in ("int", "count"):
        ok = type(value) is int
    elif spec.kind == "bool":
        ok = isinstance(value, bool)
    else:
        ok = isinstance(value, str)
    if not ok:
        raise InputError(f"{where}: {value!r:.40} is not a valid {spec.kind} value")
    if spec.allowed and value not in spec.allowed:
        raise InputError(f"{where}: expected one of {', '.join(spec.allowed)} (got {value!r:.40})")


def _compile_field(cond: dict[str, Any], scope: str, where: str) -> Predicate:
    name = cond["field"]
    spec = field_spec(name, scope, f"{where}.field")
    op, arg = _single_op(cond, "field", where)
    get = _getter(name, spec)
    at = f"{where}.{op}"
    if op == "empty":
        if not isinstance(arg, bool):
            raise InputError(f"{at}: expected true or false")
        want = arg
        return lambda facts, item: _is_empty(get(facts, item)) == want
    if spec.kind == "set":
        if op not in ("contains", "contains_any", "contains_all", "contains_none"):
            raise InputError(f"{at}: {name} is a list; use contains, contains_any, "
                             "contains_all, contains_none, empty, or count")
        if op == "contains":
            _check_value(arg, spec, at)
            return lambda facts, item: arg in get(facts, item)
        wanted = _value_set(arg, spec, at)
        if op == "contains_any":
            return lambda facts, item: not wanted.isdisjoint(get(facts, item))
        if op == "contains_none":
            return lambda facts, item: wanted.isdisjoint(get(facts, item))
        return lambda facts, item: wanted <= get(facts, item)
    if op.startswith("contains"):
        raise InputError(f"{at}: {name} is not a list")
    if op in _ORDER_OPS:
        if spec.kind != "int":
            raise InputError(f"{at}: {name} is not a number")
        _check_value(arg, spec, at)
        compare = _ORDER_OPS[op]
        return lambda facts, item: (v := get(facts, item)) is not None and compare(v, arg)
    if op in ("in", "not_in"):
        values = _value_set(arg, spec, at)
        negate = op == "not_in"
        return lambda facts, item: (get(facts, item) in values) != negate
    _check_value(arg, spec, at)
    if op == "eq":
        return lambda facts, item: bool(get(facts, item) == arg)
    return lambda facts, item: bool(get(facts, item) != arg)


def _compile_count(cond: dict[str, Any], scope: str, where: str) -> Predicate:
    name = cond["count"]
    spec = field_spec(name, scope, f"{where}.count")
    if spec.kind != "set":
        raise InputError(f"{where}.count: {name} is not a list")
    op, arg = _single_op(cond, "count", where)
    if op not in _ORDER_OPS and op not in ("eq", "ne"):
        raise InputError(f"{where}.{op}: count takes eq, ne, lt, le, gt or ge")
    if type(arg) is not int:
        raise InputError(f"{where}.{op}: expected a whole number")
    compare = _ORDER_OPS.get(op) or (operator.eq if op == "eq" else operator.ne)
    get = _getter(name, spec)
    return lambda facts, item: bool(compare(len(get(facts, item)), arg))


def _value_set(arg: Any, spec: FieldSpec, where: str) -> frozenset[Any]:
    if not isinstance(arg, list) or not arg:
        raise InputError(f"{where}: expected a non-empty list of values")
    for i, value in enumerate(arg):
        _check_value(value, spec.element(), f"{where}[{i}]")
    return frozenset(arg)


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (frozenset, set, tuple, list)):
        return not value
    return False
