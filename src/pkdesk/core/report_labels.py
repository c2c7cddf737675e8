"""Readable labels for the plan's enumerated values and the checker's principles, severities
and verdicts, as printed, in English or French.

The words themselves live in the message catalogs (``pkdesk/resources/i18n/*.json``: ``value.*``,
``principle.*``, ``severity.*``, ``verdict.*``); this is the one place that looks them up.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from pkdesk.core.findings import PRINCIPLES, SEVERITIES
from pkdesk.core.i18n import DEFAULT_LANGUAGE, translator
from pkdesk.core.report import PrintLabels, humanize

VERDICTS: tuple[str, ...] = ("blocked", "needs_attention", "sound")


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
