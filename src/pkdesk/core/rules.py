"""Rule packs: the checker's rules, kept as data (``pkdesk/resources/rules/*.json``).

A pack is ``{"format": "pkdesk.rules", "version": 1, "name": ..., "rules": [rule, ...]}``,
each rule::

    {"id": "CONSENT-001", "principle": "consent", "severity": "blocker",
     "for_each": "party",                       (optional: one finding per matching party)
     "condition": {...},                        (see pkdesk.core.conditions)
     "message": "Host-state consent is \\"{host_consent}\\".",
     "instead": "Open negotiations ...",
     "cites": [{"node": "principles.consent", "quote": "Without consent, ..."}],
     "i18n": {"fr": {"message": "...", "instead": "..."}}}   (optional translations)

``{field}`` in a message or ``instead`` is replaced by that fact's value, as plain text; an
enumerated value is printed in the language of the text (``withheld`` / « refusé »). A
translation must use the same placeholders as the English text. Citations are not
translated: they quote the (English) reference verbatim.
Everything is validated on load; a problem is one ``InputError`` line naming the rule.
Messages and ``instead`` are one line each (a line break could forge a finding line in text
output). Every citation must name a node of the shipped reference (``resources/reference``)
and quote its text verbatim, or name one of the user's libraries (documents imported into the
reference) by title: ``{"library": "S/RES/2999 (2026)", "node": "OP 3", "quote": ...}``,
where ``node`` is the node's label in that library ("OP 3", "4.2.1"; "" for text before the
first heading) and an optional ``"edition"`` must match the library's. Such a pack loads only
where those libraries are (``libraries``). The work a pack may ask for is bounded: at most ``MAX_RULES``
rules of at most ``MAX_CONDITION_NODES`` condition nodes each, and ``check_budget`` refuses
a pack whose rules times the plan's parties and strategies exceed ``MAX_CHECK_WORK``.

Here: the pack and its rules, and loading them. The texts and their placeholders are in
``rule_text``, the citations' verbatim checks in ``rule_citations``, the bounds on the work
in ``rule_budget``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pkdesk.core.conditions import Facts, Predicate, compile_condition
from pkdesk.core.documents import DocumentKind
from pkdesk.core.errors import InputError
from pkdesk.core.findings import PRINCIPLES, SEVERITIES, Citation
from pkdesk.core.i18n import DEFAULT_LANGUAGE
from pkdesk.core.plan.values import check_controls
from pkdesk.core.reference import Corpus
from pkdesk.core.rule_budget import check_budget, condition_cost, rule_work
from pkdesk.core.rule_citations import (CitationSources, LibraryLookup, parse_citations,
                                        shipped_reference)
from pkdesk.core.rule_text import check_template, parse_translations, render, required_text

RULES_FORMAT = "pkdesk.rules"
RULES_VERSION = 1
MAX_PACK_BYTES = 2 * 2**20
MAX_PACK_DEPTH = 40
MAX_RULES = 1000
RULE_PACK = DocumentKind(RULES_FORMAT, RULES_VERSION, "rule pack", MAX_PACK_BYTES, MAX_PACK_DEPTH)

FOR_EACH = (None, "party", "strategy", "objective", "indicator")
_RULE_ID = re.compile(r"[A-Z][A-Z0-9_]*-[0-9]{3}")
_RULE_KEYS = ("id", "principle", "severity", "for_each", "condition", "message", "instead",
              "cites", "i18n")


@dataclass(frozen=True)
class Rule:
    id: str
    principle: str
    severity: str
    for_each: str | None            # None: once per plan; else per item: "party",
    #                                 "strategy", "objective" (worded) or "indicator"
    condition: Predicate
    message: str
    instead: str
    cites: tuple[Citation, ...]
    translations: tuple[tuple[str, str, str], ...] = ()     # (lang, message, instead)
    # Condition nodes evaluated once, once per party and once per strategy (quantifiers).
    cost: tuple[int, int, int] = (1, 0, 0)
    # The condition as the pack wrote it (validated JSON), for `pkdesk rule ID` to show.
    source: Any = field(default=None, compare=False)

    def work(self, parties: int, strategies: int, objectives: int = 0,
             indicators: int = 0) -> int:
        """Condition nodes this rule evaluates on a plan of that size (with its findings)."""
        return rule_work(self.cost, self.for_each, parties, strategies, objectives, indicators)

    def texts(self, lang: str = DEFAULT_LANGUAGE) -> tuple[str, str, str]:
        """``(message, instead, language)``: the templates in ``lang``, or the English ones
        (and "en", so that values are printed in English too) when it has no translation."""
        for code, message, instead in self.translations:
            if code == lang:
                return message, instead, code
        return self.message, self.instead, DEFAULT_LANGUAGE

    def render(self, template: str, facts: Facts, item: Facts | None,
               lang: str = DEFAULT_LANGUAGE, cache: dict[Any, str] | None = None) -> str:
        """Fill ``{field}`` placeholders with plain-text values (``rule_text.render``)."""
        return render(template, facts, item, lang, cache)


@dataclass(frozen=True)
class RulePack:
    name: str
    rules: tuple[Rule, ...]

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def check_budget(self, parties: int, strategies: int, objectives: int = 0,
                     indicators: int = 0) -> None:
        """Refuse (one InputError line) to check a plan this pack would take too long on."""
        check_budget(self.name, ((r.id, r.work(parties, strategies, objectives, indicators))
                                 for r in self.rules), parties, strategies)


def parse_rule_pack(raw: bytes, name: str = "rules", file_size: int | None = None,
                    reference: Mapping[str, str] | None = None,
                    libraries: LibraryLookup | None = None) -> RulePack:
    return RULE_PACK.parse(raw, name, lambda doc: rule_pack_from_dict(doc, reference, libraries),
                           file_size)


def load_rule_pack(path: Path, libraries: LibraryLookup | None = None) -> RulePack:
    return RULE_PACK.load(path, lambda doc: rule_pack_from_dict(doc, None, libraries))


def default_rule_pack_path() -> Path:
    from pkdesk.paths import resources_dir

    return resources_dir() / "rules" / "default.json"


@lru_cache(maxsize=1)
def default_rule_pack() -> RulePack:
    return load_rule_pack(default_rule_pack_path())


def rule_pack_from_dict(doc: Any, reference: Mapping[str, str] | None = None,
                        libraries: LibraryLookup | None = None) -> RulePack:
    """A pack from a parsed document; citations are checked against ``reference`` (node id ->
    text; default: the shipped reference corpus) and, for those naming a library, against
    ``libraries``."""
    nodes = CitationSources(shipped_reference() if reference is None else reference, libraries)
    doc = RULE_PACK.header(doc)
    pack_name = doc.get("name", "")
    if not isinstance(pack_name, str):
        raise InputError("name: expected text")
    check_controls(pack_name, "name", multiline=False)
    items = doc.get("rules")
    if not isinstance(items, list) or not items:
        raise InputError("rules: expected a non-empty list of rules")
    if len(items) > MAX_RULES:
        raise InputError(f"rules: {len(items)} rules; at most {MAX_RULES} allowed")
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        rule = _rule(item, f"rules[{i}]", nodes)
        if rule.id in seen:
            raise InputError(f"rules[{i}].id: duplicate rule id {rule.id}")
        seen.add(rule.id)
        rules.append(rule)
    return RulePack(pack_name, tuple(rules))


def _rule(item: Any, where: str, nodes: CitationSources) -> Rule:
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected a rule object")
    rule_id = item.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.fullmatch(rule_id):
        raise InputError(f"{where}.id: expected an id like CONSENT-001 (got {rule_id!r:.40})")
    where = f"{where} ({rule_id})"
    unknown = [k for k in item if k not in _RULE_KEYS]
    if unknown:
        raise InputError(f"{where}: unknown field {unknown[0][:40]!r} "
                         f"(expected {', '.join(_RULE_KEYS)})")
    principle = item.get("principle")
    if principle not in PRINCIPLES:
        raise InputError(f"{where}.principle: expected one of {', '.join(PRINCIPLES)} "
                         f"(got {principle!r:.40})")
    severity = item.get("severity")
    if severity not in SEVERITIES:
        raise InputError(f"{where}.severity: expected one of {', '.join(SEVERITIES)} "
                         f"(got {severity!r:.40})")
    for_each = item.get("for_each")
    if for_each not in FOR_EACH:
        raise InputError(f"{where}.for_each: expected party, strategy, objective or indicator "
                         f"(got {for_each!r:.40})")
    scope = for_each or "plan"
    cost = condition_cost(item.get("condition"), f"{where}.condition")
    condition = compile_condition(item.get("condition"), scope, f"{where}.condition")
    message = check_template(required_text(item, "message", where), scope, f"{where}.message")
    instead = check_template(required_text(item, "instead", where), scope, f"{where}.instead")
    return Rule(rule_id, str(principle), str(severity), for_each, condition, message, instead,
                parse_citations(item.get("cites"), f"{where}.cites", nodes),
                parse_translations(item.get("i18n"), {"message": message, "instead": instead},
                                   scope, f"{where}.i18n"), cost, item.get("condition"))


def citation_problems(pack: RulePack, corpus: Corpus) -> list[str]:
    """Citations whose node is missing or whose quote is not verbatim in that node's text."""
    nodes = corpus.by_id()
    problems = []
    for rule in pack.rules:
        for cite in rule.cites:
            node = nodes.get(cite.node)
            if node is None:
                problems.append(f"{rule.id}: unknown reference node {cite.node!r}")
            elif cite.quote not in node.text:
                problems.append(f"{rule.id}: quote not found verbatim in {cite.node}: "
                                f"{cite.quote[:60]!r}")
    return problems
