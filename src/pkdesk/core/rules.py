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
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pkdesk.core.conditions import Facts, Predicate, compile_condition, field_spec
from pkdesk.core.errors import InputError
from pkdesk.core.facts import FIELDS
from pkdesk.core.findings import PRINCIPLES, SEVERITIES, Citation
from pkdesk.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, translator
from pkdesk.core.documents import DocumentKind
from pkdesk.core.plan.values import check_controls
from pkdesk.core.reference import Corpus, shipped_nodes
from pkdesk.core.report_labels import in_sentence

RULES_FORMAT = "pkdesk.rules"
RULES_VERSION = 1
MAX_PACK_BYTES = 2 * 2**20
MAX_PACK_DEPTH = 40
MAX_RULES = 1000
MAX_VALUE_CHARS = 120       # an interpolated value longer than this is shortened
MAX_CONDITION_NODES = 200   # objects, values and list items in one rule's condition
# Condition nodes a check may evaluate, rules x items: the shipped pack on the largest plan
# the format allows (500 parties, 2,000 strategies) needs about 40,000; a 1,000-rule
# per-strategy pack on that plan would need 8,000,000 and two million findings.
MAX_CHECK_WORK = 1_000_000
RULE_PACK = DocumentKind(RULES_FORMAT, RULES_VERSION, "rule pack", MAX_PACK_BYTES, MAX_PACK_DEPTH)



@dataclass(frozen=True)
class CitedLibrary:
    """An imported library as a rule pack may cite it: label -> text, label -> node id."""

    title: str
    edition: str
    texts: Mapping[str, str]
    node_ids: Mapping[str, str]

    def cited_as(self) -> str:
        return f"{self.title}, {self.edition}" if self.edition else self.title


# Finds a library by the title a citation names; None when there is no such library.
LibraryLookup = Callable[[str], "CitedLibrary | None"]

_RULE_ID = re.compile(r"[A-Z][A-Z0-9_]*-[0-9]{3}")
_PLACEHOLDER = re.compile(r"\{([a-z_.]+)\}")
_RULE_KEYS = ("id", "principle", "severity", "for_each", "condition", "message", "instead",
              "cites", "i18n")
_TEXT_KEYS = ("message", "instead")
_QUOTES = {"en": ('"', '"'), "fr": ("«\u00a0", "\u00a0»")}


@dataclass(frozen=True)
class Rule:
    id: str
    principle: str
    severity: str
    for_each: str | None            # None: once per plan; "party" or "strategy": per item
    condition: Predicate
    message: str
    instead: str
    cites: tuple[Citation, ...]
    translations: tuple[tuple[str, str, str], ...] = ()     # (lang, message, instead)
    # Condition nodes evaluated once, once per party and once per strategy (quantifiers).
    cost: tuple[int, int, int] = (1, 0, 0)
    # The condition as the pack wrote it (validated JSON), for `pkdesk rule ID` to show.
    source: Any = field(default=None, compare=False)

    def work(self, parties: int, strategies: int) -> int:
        """Condition nodes this rule evaluates on a plan of that size (with its findings)."""
        once, per_party, per_strategy = self.cost
        items = {"party": parties, "strategy": strategies}.get(self.for_each or "", 1)
        return items * (1 + once + per_party * parties + per_strategy * strategies)

    def texts(self, lang: str = DEFAULT_LANGUAGE) -> tuple[str, str, str]:
        """``(message, instead, language)``: the templates in ``lang``, or the English ones
        (and "en", so that values are printed in English too) when it has no translation."""
        for code, message, instead in self.translations:
            if code == lang:
                return message, instead, code
        return self.message, self.instead, DEFAULT_LANGUAGE

    def render(self, template: str, facts: Facts, item: Facts | None,
               lang: str = DEFAULT_LANGUAGE, cache: dict[Any, str] | None = None) -> str:
        """Fill ``{field}`` placeholders with plain-text values (validated at load time).

        ``cache``: texts already rendered in this check, by template and values, so that the
        same message for many items is built once and stored once."""
        names = _placeholder_names(template)
        if not names:
            return template
        values = tuple(item[n] if item is not None and n.startswith(("party.", "strategy."))
                       else facts[n] for n in names)
        key: Any = (template, lang, values)
        if cache is not None:
            try:
                return cache[key]
            except KeyError:
                pass
            except TypeError:       # an unhashable value: rendered, not cached
                cache = None
        shown = dict(zip(names, values))
        text = _PLACEHOLDER.sub(lambda m: _as_text(shown[m.group(1)], lang,
                                                   bool(FIELDS[m.group(1)].allowed)), template)
        if cache is not None:
            cache[key] = text
        return text


@dataclass(frozen=True)
class RulePack:
    name: str
    rules: tuple[Rule, ...]

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def check_budget(self, parties: int, strategies: int) -> None:
        """Refuse (one InputError line) to check a plan this pack would take too long on."""
        work = sum(r.work(parties, strategies) for r in self.rules)
        if work > MAX_CHECK_WORK:
            heaviest = max(self.rules, key=lambda r: r.work(parties, strategies))
            raise InputError(
                f"rule pack {self.name or 'rules'!r:.60}: checking a plan of {parties} parties "
                f"and {strategies} strategies would evaluate about {work:,} conditions; at "
                f"most {MAX_CHECK_WORK:,} are allowed (heaviest rule: {heaviest.id}); use "
                "fewer per-party or per-strategy rules, or smaller conditions")


@lru_cache(maxsize=256)
def _placeholder_names(template: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_PLACEHOLDER.findall(template)))


def _as_text(value: Any, lang: str = DEFAULT_LANGUAGE, enumerated: bool = False) -> str:
    t = translator(lang)
    if value is None:
        text = t("word.none")
    elif isinstance(value, bool):
        text = t("word.yes") if value else t("word.no")
    elif isinstance(value, (frozenset, set, list, tuple)):
        shown = (in_sentence(v, lang) if enumerated else _one_line(str(v)) for v in value)
        opening, closing = _QUOTES.get(lang, _QUOTES[DEFAULT_LANGUAGE])
        text = ", ".join(f"{opening}{v}{closing}" for v in sorted(shown))
    elif enumerated and isinstance(value, str):
        text = in_sentence(value, lang)
    elif isinstance(value, int):
        text = t.number(value)
    else:
        text = _one_line(str(value))
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS - 1] + "…"


def _one_line(text: str) -> str:
    """One line, bounded: a party named with a 300-character paragraph stays readable."""
    return " ".join(text.split())


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


@lru_cache(maxsize=1)
def shipped_reference() -> Mapping[str, str]:
    """Node id -> text of every node in the shipped reference corpora (what rules may cite)."""
    return {n.id: n.text for n in shipped_nodes()}


def rule_pack_from_dict(doc: Any, reference: Mapping[str, str] | None = None,
                        libraries: LibraryLookup | None = None) -> RulePack:
    """A pack from a parsed document; citations are checked against ``reference`` (node id ->
    text; default: the shipped reference corpus) and, for those naming a library, against
    ``libraries``."""
    nodes = _References(shipped_reference() if reference is None else reference, libraries)
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


def _text(item: dict[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}.{key}: expected non-empty text")
    return check_controls(value, f"{where}.{key}", multiline=False)


@dataclass(frozen=True)
class _References:
    handbook: Mapping[str, str]
    libraries: LibraryLookup | None


def _rule(item: Any, where: str, nodes: _References) -> Rule:
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
    if for_each not in (None, "party", "strategy"):
        raise InputError(f"{where}.for_each: expected party or strategy (got {for_each!r:.40})")
    scope = for_each or "plan"
    cost = _condition_cost(item.get("condition"), f"{where}.condition")
    condition = compile_condition(item.get("condition"), scope, f"{where}.condition")
    message = _template(_text(item, "message", where), scope, f"{where}.message")
    instead = _template(_text(item, "instead", where), scope, f"{where}.instead")
    return Rule(rule_id, str(principle), str(severity), for_each, condition, message, instead,
                _cites(item.get("cites"), f"{where}.cites", nodes),
                _translations(item.get("i18n"), {"message": message, "instead": instead},
                              scope, f"{where}.i18n"), cost, item.get("condition"))


_PARTY_QUANTIFIERS = ("any_party", "all_parties", "no_party")
_STRATEGY_QUANTIFIERS = ("any_strategy", "all_strategies", "no_strategy")


def _condition_cost(cond: Any, where: str) -> tuple[int, int, int]:
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


def _template(text: str, scope: str, where: str) -> str:
    for name in _PLACEHOLDER.findall(text):
        field_spec(name, scope, where)
    return text


def _translations(value: Any, english: dict[str, str], scope: str,
                  where: str) -> tuple[tuple[str, str, str], ...]:
    """``{"fr": {"message": ..., "instead": ...}}``: each text with the English placeholders."""
    if value is None:
        return ()
    others = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected {{\"fr\": {{\"message\": text, \"instead\": text}}}}")
    out = []
    for lang, texts in value.items():
        if lang not in others:
            raise InputError(f"{where}: unknown language {lang[:20]!r} "
                             f"(expected {', '.join(others)})")
        at = f"{where}.{lang}"
        if not isinstance(texts, dict) or set(texts) != set(_TEXT_KEYS):
            raise InputError(f"{at}: expected {{\"message\": text, \"instead\": text}}")
        for key in _TEXT_KEYS:
            _template(_text(texts, key, at), scope, f"{at}.{key}")
            got, want = (_placeholders(t) for t in (texts[key], english[key]))
            if got != want:
                raise InputError(f"{at}.{key}: placeholders {got} differ from the English "
                                 f"text's {want}")
        out.append((lang, texts["message"], texts["instead"]))
    return tuple(out)


def _placeholders(text: str) -> str:
    return ", ".join(f"{{{n}}}" for n in sorted(set(_PLACEHOLDER.findall(text)))) or "none"


def _cites(value: Any, where: str, refs: _References) -> tuple[Citation, ...]:
    if not isinstance(value, list) or not value:
        raise InputError(f"{where}: expected at least one citation {{\"node\", \"quote\"}}")
    cites = []
    for i, cite in enumerate(value):
        at = f"{where}[{i}]"
        if isinstance(cite, dict) and "library" in cite:
            cites.append(_library_cite(cite, at, refs.libraries))
            continue
        if (not isinstance(cite, dict) or set(cite) != {"node", "quote"}
                or not all(isinstance(v, str) and v.strip() for v in cite.values())):
            raise InputError(f"{at}: expected {{\"node\": id, \"quote\": text}}")
        node = check_controls(cite["node"], f"{at}.node", multiline=False)
        quote = check_controls(cite["quote"], f"{at}.quote", multiline=True)
        text = refs.handbook.get(node)
        if text is None:
            raise InputError(f"{at}.node: no reference node {node!r:.80} (a citation "
                             "names a node of the shipped reference, e.g. principles.consent)")
        if quote not in text:
            raise InputError(f"{at}.quote: not verbatim in reference node {node}; "
                             f"{_first_difference(quote, text)}")
        cites.append(Citation(node, quote))
    return tuple(cites)


def _library_cite(cite: dict[str, Any], at: str, libraries: LibraryLookup | None) -> Citation:
    keys = set(cite)
    if not {"library", "node", "quote"} <= keys <= {"library", "edition", "node", "quote"} or \
            not all(isinstance(v, str) for v in cite.values()) or \
            not cite["library"].strip() or not cite["quote"].strip():
        raise InputError(f"{at}: expected {{\"library\": title, \"node\": label, "
                         "\"quote\": text}} (and optionally \"edition\")")
    title = check_controls(cite["library"], f"{at}.library", multiline=False)
    label = check_controls(cite["node"], f"{at}.node", multiline=False)
    quote = check_controls(cite["quote"], f"{at}.quote", multiline=True)
    library = libraries(title) if libraries is not None else None
    if library is None:
        raise InputError(f"{at}.library: no library titled {title!r:.80} in this reference "
                         "(import the document first, or the doctrine pack that holds it)")
    edition = cite.get("edition")
    if edition is not None and edition != library.edition:
        raise InputError(f"{at}.edition: {title!r:.60} is edition {library.edition!r:.40} "
                         f"here, not {edition!r:.40}")
    text = library.texts.get(label)
    if text is None:
        raise InputError(f"{at}.node: no node {label!r:.80} in library {title!r:.60}")
    if quote not in text:
        raise InputError(f"{at}.quote: not verbatim in {title!r:.60} node {label!r:.40}; "
                         f"{_first_difference(quote, text)}")
    return Citation(library.node_ids[label], quote, library.cited_as())


def _first_difference(quote: str, text: str) -> str:
    """Where a quote stops matching its node: the longest leading run of its words found in
    the node's text, and the words that follow it (shown quoted, escapes visible)."""
    words = quote.split(" ")
    low, high = 0, len(words)           # words[:low] is in text; words[:high+1] is not
    while low < high:
        middle = (low + high + 1) // 2
        if " ".join(words[:middle]) in text:
            low = middle
        else:
            high = middle - 1
    rest = " ".join(words[low:low + 6]) + (" …" if len(words) > low + 6 else "")
    shown = ascii(rest)[:100] if not rest.isprintable() else repr(rest)[:100]
    if low == 0:
        return f"its first words are not in the node's text: {shown}"
    return f"the first {low} word{'s' if low > 1 else ''} match; it differs from: {shown}"


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
