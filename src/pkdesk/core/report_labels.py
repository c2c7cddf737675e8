"""Readable labels for the plan's enumerated values and the checker's principles, severities
and verdicts, as printed, in English or French.

The words themselves live in the message catalogs (``pkdesk/resources/i18n/*.json``: ``value.*``,
``principle.*``, ``severity.*``, ``verdict.*``); this is the one place that looks them up.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pkdesk.core.findings import PRINCIPLES, SEVERITIES
from pkdesk.core.i18n import DEFAULT_LANGUAGE, translator

VERDICTS: tuple[str, ...] = ("blocked", "needs_attention", "sound")


def humanize(value: str) -> str:
    """'civil_war' -> 'Civil war': the fallback label for an enumerated value."""
    text = value.replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else ""


@dataclass(frozen=True)
class PrintLabels:
    """The fixed words a painter prints around the blocks, in the document's language."""

    page: str                   # "Page {page} of {pages}"
    verdict: str                # "VERDICT", above the verdict banner's label
    instead: str                # "Instead: ", before a finding's advice
    rests_on: str               # "Rests on", above a finding's citations
    acknowledged: str           # "Acknowledged: ", before the planner's reason
    none: str                   # a chart row with no finding
    severities: tuple[tuple[str, str], ...]     # (severity, "Blocker"), in severity order

    def severity(self, severity: str) -> str:
        return dict(self.severities).get(severity, severity)

    def page_of(self, page: int, pages: int) -> str:
        return self.page.replace("{page}", str(page)).replace("{pages}", str(pages))


class LabelTable(Mapping[str, str]):
    """``{value: label}`` for one kind of value in one language, read from the catalog when
    used (importing this module reads no file)."""

    def __init__(self, kind: str, keys: tuple[str, ...], lang: str = DEFAULT_LANGUAGE) -> None:
        self.kind, self.keys_, self.lang = kind, keys, lang

    def __getitem__(self, key: str) -> str:
        if key not in self.keys_:
            raise KeyError(key)
        return translator(self.lang)(f"{self.kind}.{key}")

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_)

    def __len__(self) -> int:
        return len(self.keys_)


PRINCIPLE_LABELS: Mapping[str, str] = LabelTable("principle", PRINCIPLES)
SEVERITY_LABELS: Mapping[str, str] = LabelTable("severity", SEVERITIES)
VERDICT_LABELS: Mapping[str, str] = LabelTable("verdict", VERDICTS)


def label(value: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The printed label of an enumerated plan value ("Self-defence only"); unknown values
    are humanized."""
    t = translator(lang)
    key = f"value.{value}"
    return t(key) if t.has(key) else humanize(value)


def in_sentence(value: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The label as it reads inside a sentence: "withheld", « diplomatie de la navette »."""
    text = label(value, lang)
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def principle_label(principle: str, lang: str = DEFAULT_LANGUAGE) -> str:
    t = translator(lang)
    key = f"principle.{principle}"
    return t(key) if t.has(key) else humanize(principle)


def severity_label(severity: str, lang: str = DEFAULT_LANGUAGE) -> str:
    t = translator(lang)
    key = f"severity.{severity}"
    return t(key) if t.has(key) else humanize(severity)


def verdict_label(verdict: str, lang: str = DEFAULT_LANGUAGE) -> str:
    t = translator(lang)
    key = f"verdict.{verdict}"
    return t(key) if t.has(key) else humanize(verdict)


def severity_counts(counts: Mapping[str, int], zeros: bool = False,
                    lang: str = DEFAULT_LANGUAGE) -> str:
    """"1 blocker, 3 warnings" in severity order; zero counts only with ``zeros``."""
    t = translator(lang)
    return ", ".join(t.plural(f"count.{s}", counts.get(s, 0))
                     for s in SEVERITIES if zeros or counts.get(s, 0))


def print_labels(lang: str = DEFAULT_LANGUAGE) -> PrintLabels:
    """What a PDF painter prints around a document's blocks, in ``lang``."""
    t = translator(lang)
    return PrintLabels(page=t("pdf.page"), verdict=t("pdf.verdict"), instead=t("pdf.instead"),
                       rests_on=t("pdf.rests_on"), acknowledged=t("pdf.acknowledged"),
                       none=t("pdf.none"),
                       severities=tuple((s, severity_label(s, lang)) for s in SEVERITIES))
