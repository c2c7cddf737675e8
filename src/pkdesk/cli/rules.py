"""CLI commands over the rule pack, as a linter has them: `rules` lists the rules, `rule ID`
explains one (what it checks, why, what to do instead, an example)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pkdesk.cli.common import add_format, add_lang, echo, language, print_json, terminal_text
from pkdesk.core.errors import InputError
from pkdesk.core.report_labels import principle_label, severity_label
from pkdesk.core.rule_help import rule_help, rule_help_text
from pkdesk.core.rules import Rule, RulePack, default_rule_pack, load_rule_pack


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    p = sub.add_parser("rules", help="list the rules plans are checked against")
    _add_pack(p)
    add_format(p)
    add_lang(p)
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("rule", help="explain one rule: what it checks, why, what to do instead")
    p.add_argument("rule_id", metavar="ID", help="a rule id, e.g. CONSENT-001")
    _add_pack(p)
    add_format(p)
    add_lang(p)
    p.set_defaults(func=cmd_rule)


def _add_pack(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", metavar="FILE", type=Path,
                   help="a rule pack (default: the shipped rules)")


def _pack(args: argparse.Namespace) -> RulePack:
    return load_rule_pack(args.rules) if args.rules else default_rule_pack()


def cmd_rules(args: argparse.Namespace) -> int:
    pack, lang = _pack(args), language(args)
    if args.format == "json":
        print_json([{"rule": r.id, "principle": r.principle, "severity": r.severity,
                     "for_each": r.for_each, "message": r.texts(lang)[0]} for r in pack.rules])
        return 0
    width = max(len(r.id) for r in pack.rules)
    for r in pack.rules:
        severity, principle = (r.severity, r.principle) if lang == "en" else \
            (severity_label(r.severity, lang).lower(), principle_label(r.principle, lang).lower())
        echo(f"{r.id:<{width}}  {severity:<8} {principle:<17} {terminal_text(r.texts(lang)[0])}")
    return 0


def cmd_rule(args: argparse.Namespace) -> int:
    pack, lang = _pack(args), language(args)
    rule = _find(pack, args.rule_id)
    if args.format == "json":
        h = rule_help(rule, lang)
        print_json({"rule": rule.id, "principle": rule.principle, "severity": rule.severity,
                    "for_each": rule.for_each, "condition": rule.source, "checks": h.checks,
                    "message": rule.texts(lang)[0], "instead": h.instead,
                    "cites": [{"node": c.node, "quote": c.quote} for c in h.cites],
                    "example": {"message": h.example_message, "instead": h.example_instead}})
        return 0
    from pkdesk.core.reference import shipped_nodes

    titles = {n.id: n.title for n in shipped_nodes()}
    echo(terminal_text(rule_help_text(rule, lang, titles), multiline=True))
    return 0


def _find(pack: RulePack, wanted: str) -> Rule:
    rules = pack.by_id()
    rule = rules.get(wanted.strip().upper())
    if rule is None:
        raise InputError(f"no rule \"{terminal_text(wanted)[:40]}\" in "
                         f"{pack.name or 'the rule pack'}; `pkdesk rules` lists them")
    return rule
