"""What-if perturbations: named changes to a plan, kept as data
(``pkdesk/resources/whatifs/*.json``).

A pack is ``{"format": "pkdesk.whatifs", "version": 1, "name": ..., "whatifs": [...]}``;
each what-if has an ``id``, a ``title``, a ``description``, a list of ``changes`` (steps from
a closed vocabulary, validated on load; no code is ever run) and ``answered_by``, the kinds
of strategy that answer it, and optionally ``i18n``: ``{"fr": {"title": ..., "description":
...}}``. See ``docs/whatif-packs.md``.

Perturbations are applied to a copy of the plan in memory: the plan given (and any stored
plan) is never modified.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pkdesk.core.errors import InputError
from pkdesk.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from pkdesk.core.documents import DocumentKind
from pkdesk.core.plan.model import STRATEGY_KINDS, Party, Plan
from pkdesk.core.plan.fields import (
    ALL_PARTIES, FieldPath, check_value, override, parse_path,
)
from pkdesk.core.plan.file import NAME_CHARS, TEXT_CHARS, party_from
from pkdesk.core.plan.values import Obj

WHATIFS_FORMAT = "pkdesk.whatifs"
WHATIFS_VERSION = 1
MAX_PACK_BYTES = 2**20
MAX_PACK_DEPTH = 16
MAX_WHATIFS = 200
MAX_STEPS = 100
WHATIF_PACK = DocumentKind(WHATIFS_FORMAT, WHATIFS_VERSION, "what-if pack", MAX_PACK_BYTES,
                           MAX_PACK_DEPTH, fields=("format", "version", "name", "whatifs"))
_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")
_WHATIF_KEYS = ("id", "title", "description", "changes", "answered_by", "i18n")
_LIST_KINDS = ("enums", "texts")


@dataclass(frozen=True)
class Step:
    op: str                         # set, add, remove, add_party
    path: FieldPath | None          # None for add_party
    value: Any                      # the value set/added/removed, or the new Party
    when: tuple[Any, ...] | None = None     # set only when the current value is one of these


@dataclass(frozen=True)
class WhatIf:
    id: str
    title: str
    description: str
    steps: tuple[Step, ...]
    answered_by: tuple[str, ...]    # strategy kinds that answer this perturbation
    translations: tuple[tuple[str, str, str], ...] = ()     # (lang, title, description)
    # (lang, names of the parties its add_party steps add, in order)
    party_names: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def title_in(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The title in ``lang``, or the English one when the pack does not translate it."""
        return next((t for code, t, _ in self.translations if code == lang), self.title)

    def description_in(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return next((d for code, _, d in self.translations if code == lang), self.description)

    def steps_in(self, lang: str = DEFAULT_LANGUAGE) -> tuple[Step, ...]:
        """The steps, the parties they add named in ``lang`` when the pack names them so."""
        names = next((n for code, n in self.party_names if code == lang), ())
        if not names:
            return self.steps
        out, added = [], iter(names)
        for step in self.steps:
            if step.op == "add_party":
                step = dataclasses.replace(
                    step, value=dataclasses.replace(step.value, name=next(added)))
            out.append(step)
        return tuple(out)


@dataclass(frozen=True)
class WhatIfPack:
    name: str
    whatifs: tuple[WhatIf, ...]

    def ids(self) -> list[str]:
        return [w.id for w in self.whatifs]

    def get(self, whatif_id: str) -> WhatIf:
        for w in self.whatifs:
            if w.id == whatif_id:
                return w
        raise InputError(f"--what-if: unknown what-if {whatif_id[:60]!r} "
                         f"(expected one of {', '.join(self.ids())})")


# loading --------------------------------------------------------------------------------------

def parse_whatif_pack(raw: bytes, name: str = "what-ifs",
                      file_size: int | None = None) -> WhatIfPack:
    return WHATIF_PACK.parse(raw, name, whatif_pack_from_dict, file_size)


def load_whatif_pack(path: Path) -> WhatIfPack:
    return WHATIF_PACK.load(path, whatif_pack_from_dict)


def default_whatif_pack_path() -> Path:
    from pkdesk.paths import resources_dir

    return resources_dir() / "whatifs" / "default.json"


@lru_cache(maxsize=1)
def default_whatif_pack() -> WhatIfPack:
    return load_whatif_pack(default_whatif_pack_path())


def whatif_pack_from_dict(doc: Any) -> WhatIfPack:
    doc = WHATIF_PACK.header(doc)
    top = Obj(doc, "pack")
    pack_name = top.text("name", NAME_CHARS)
    items = top.objs("whatifs", MAX_WHATIFS)
    if not items:
        raise InputError("whatifs: expected a non-empty list of what-ifs")
    whatifs: list[WhatIf] = []
    for i, item in enumerate(items):
        whatif = _whatif(item, f"whatifs[{i}]")
        if whatif.id in (w.id for w in whatifs):
            raise InputError(f"whatifs[{i}].id: duplicate what-if id {whatif.id}")
        whatifs.append(whatif)
    return WhatIfPack(pack_name, tuple(whatifs))


def _whatif(o: Obj, where: str) -> WhatIf:
    whatif_id = o.get("id")
    if not isinstance(whatif_id, str) or not _ID.fullmatch(whatif_id):
        raise InputError(f"{where}.id: expected an id of lower-case letters, digits and '_', "
                         f"like consent_withdrawn (got {str(whatif_id)[:40]!r})")
    o.path = where = f"{where} ({whatif_id})"
    o.closed(_WHATIF_KEYS)
    steps = o.objs("changes", MAX_STEPS)
    if not steps:
        raise InputError(f"{where}.changes: expected at least one change")
    parsed = tuple(_step(s) for s in steps)
    i18n = o.obj("i18n")
    return WhatIf(id=whatif_id, title=o.text("title", NAME_CHARS, required=True),
                  description=o.text("description", TEXT_CHARS, multiline=True),
                  steps=parsed,
                  answered_by=tuple(o.enums("answered_by", STRATEGY_KINDS)),
                  translations=_translations(i18n),
                  party_names=_party_names(i18n, sum(s.op == "add_party" for s in parsed)))


def _translations(o: Obj | None) -> tuple[tuple[str, str, str], ...]:
    """``{"fr": {"title": ..., "description": ...}}``: the what-if in other languages."""
    if o is None:
        return ()
    others = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    o.closed(others)
    out = []
    for lang in o.data:
        texts = Obj(o.get(lang), o.where(lang))
        texts.closed(("title", "description", "parties"))
        out.append((lang, texts.text("title", NAME_CHARS, required=True),
                    texts.text("description", TEXT_CHARS, multiline=True)))
    return tuple(out)


def _party_names(o: Obj | None, added: int) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``{"fr": {"parties": [...]}}``: the names, in that language, of the parties the
    what-if's add_party steps add (one per step, in order)."""
    if o is None:
        return ()
    out = []
    for lang in o.data:
        texts = Obj(o.get(lang), o.where(lang))
        if texts.get("parties") is None:
            continue
        names = texts.texts("parties", NAME_CHARS, max(added, 1))
        if len(names) != added:
            raise InputError(f"{texts.where('parties')}: expected {added} name(s), one for "
                             f"each add_party change (got {len(names)})")
        out.append((lang, tuple(names)))
    return tuple(out)


def _step(o: Obj) -> Step:
    ops = [k for k in ("set", "add", "remove", "add_party") if k in o.data]
    if len(ops) != 1:
        raise InputError(f"{o.path}: expected exactly one of set, add, remove, add_party")
    op = ops[0]
    if op == "add_party":
        o.closed(("add_party",))
        return Step(op, None, party_from(Obj(o.get("add_party"), o.where("add_party")),
                                          default_kind="non_state"))
    path_text = o.get(op)
    if not isinstance(path_text, str):
        raise InputError(f"{o.where(op)}: expected a field name")
    path = parse_path(path_text, o.where(op), allow_named_party=False)
    if op == "set":
        o.closed(("set", "to", "when"))
        if "to" not in o.data:
            raise InputError(f"{o.where('to')}: missing; expected the new value")
        value = check_value(o.get("to"), path.type, o.where("to"))
        when = o.get("when")
        if when is not None:
            if not isinstance(when, list) or not when:
                raise InputError(f"{o.where('when')}: expected a non-empty list of values")
            when = tuple(check_value(v, path.type, f"{o.where('when')}[{i}]")
                         for i, v in enumerate(when))
        return Step(op, path, value, when)
    o.closed((op, "value"))
    if path.type.kind not in _LIST_KINDS:
        raise InputError(f"{o.where(op)}: {path.path} is not a list field "
                         "(add/remove work on mandate.objectives, components, partners)")
    return Step(op, path, check_value(o.get("value"), path.type, o.where("value")))


# applying -------------------------------------------------------------------------------------

def _container(plan: Plan, path: str) -> tuple[Any, str]:
    target: Any = plan
    parts = path.split(".")
    for part in parts[:-1]:
        target = getattr(target, part)
    return target, parts[-1]


def _apply(plan: Plan, step: Step) -> None:
    """One step on ``plan`` in place (only ever called on a private copy)."""
    if step.op == "add_party":
        party: Party = step.value
        names = set(plan.party_names())
        name, n = party.name, 1
        while name in names:
            n += 1
            name = f"{party.name} ({n})"
        plan.parties.append(Party(name, party.kind, party.consent, party.direct_talks))
        return
    assert step.path is not None
    if step.path.party is not None:
        targets: list[Any] = [p for p in plan.parties
                              if step.path.party in (ALL_PARTIES, p.name)]
        attr = step.path.name
    else:
        holder, attr = _container(plan, step.path.path)
        targets = [holder]
    for target in targets:
        current = getattr(target, attr)
        if step.op == "set":
            if step.when is None or current in step.when:
                setattr(target, attr, step.value)
        elif step.op == "add" and step.value not in current:
            current.append(step.value)
        elif step.op == "remove" and step.value in current:
            current.remove(step.value)


def perturb(plan: Plan, whatif: WhatIf, lang: str = DEFAULT_LANGUAGE) -> Plan:
    """``plan`` with ``whatif`` applied, as a new plan; ``plan`` is not modified. A party
    it adds is named in ``lang`` when the pack says how."""
    result = copy.deepcopy(plan)
    for step in whatif.steps_in(lang):
        _apply(result, step)
    return result


def apply_whatifs(plan: Plan, names: Iterable[str] = (), overrides: Sequence[str] = (),
                  pack: WhatIfPack | None = None, lang: str = DEFAULT_LANGUAGE) -> Plan:
    """``plan`` with the named what-ifs applied in order, then each ``FIELD=VALUE`` override;
    the parties a what-if adds are named in ``lang`` when the pack says how.

    Always a new plan (even with nothing to apply), never the object passed in.
    """
    pack = pack or default_whatif_pack()
    whatifs = [pack.get(name) for name in names]   # every name checked before any work
    result = copy.deepcopy(plan)
    for whatif in whatifs:
        for step in whatif.steps_in(lang):
            _apply(result, step)
    for assignment in overrides:
        result = override(result, assignment)
    return result
