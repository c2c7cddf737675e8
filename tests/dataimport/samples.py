"""Plans with indicators, and spreadsheets written as real files (XLSX built with zipfile,
the way a spreadsheet program lays one out), for the data import tests."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from pkdesk.core.plan.model import (
    DataPoint, Indicator, Mandate, MissionObjective, Performance, Plan,
)

INCIDENTS_UID = "ind-incidents"
PATROLS_UID = "ind-patrols"


def sample_plan(points: list[DataPoint] | None = None) -> Plan:
    """A plan with two worded objectives and an indicator under each."""
    incidents = Indicator(text="Attacks on IDP sites in Sector East", unit="attacks",
                          baseline=14, baseline_date="2024-01-31", target=4,
                          target_date="2025-12-31", direction="lower", frequency="monthly",
                          data=list(points or []), uid=INCIDENTS_UID)
    patrols = Indicator(text="Night patrols around the sites", unit="patrols",
                        baseline=10, baseline_date="2024-01-31", target=60,
                        target_date="2025-12-31", uid=PATROLS_UID)
    return Plan(title="Sector East", uid="plan-sector-east",
                mandate=Mandate(summary="Protect civilians", objectives=["protect_civilians"],
                                review_months=3),
                performance=Performance(start="2024-01-01", objectives=[
                    MissionObjective("protect_civilians", "Fewer attacks on IDP sites",
                                     [incidents], uid="obj-attacks"),
                    MissionObjective("protect_civilians", "Patrols where people sleep",
                                     [patrols], uid="obj-patrols")]))


@dataclass(frozen=True)
class Styled:
    """A number written with a cell format: "date" (numFmt 14), "percent" (9), "custom
    date" (a custom dd/mm/yyyy format)."""

    value: float
    style: str


_STYLE_INDEX = {"date": 1, "percent": 2, "custom date": 3}


def _serial(day: dt.date, date1904: bool) -> float:
    base = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
    return float((day - base).days)


def xlsx_bytes(rows: list[list[object]], *, sheets: tuple[str, ...] = ("Data",),
               other_rows: list[list[object]] | None = None, date1904: bool = False,
               inline: bool = False, row_numbers: list[int] | None = None) -> bytes:
    """A workbook: ``rows`` on the first sheet, ``other_rows`` on the others. Text goes to
    shared strings (or inline), dates are serials with a date format."""
    strings: list[str] = []

    def sheet_xml(sheet_rows: list[list[object]], numbers: list[int] | None) -> str:
        out = []
        for r, row in enumerate(sheet_rows):
            number = numbers[r] if numbers else r + 1
            cells = []
            for c, value in enumerate(row):
                ref = f"{chr(65 + c)}{number}"
                if value is None:
                    continue
                if isinstance(value, bool):
                    cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
                elif isinstance(value, dt.date):
                    cells.append(f'<c r="{ref}" s="1"><v>{_serial(value, date1904)}</v></c>')
                elif isinstance(value, Styled):
                    cells.append(f'<c r="{ref}" s="{_STYLE_INDEX[value.style]}">'
                                 f'<v>{value.value}</v></c>')
                elif isinstance(value, (int, float)):
                    cells.append(f'<c r="{ref}"><v>{value}</v></c>')
                elif inline:
                    cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}'
                                 '</t></is></c>')
                else:
                    strings.append(str(value))
                    cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
            out.append(f'<row r="{number}">{"".join(cells)}</row>')
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="'
                'http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                + "".join(out) + "</sheetData></worksheet>")

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {f"xl/worksheets/sheet{i + 1}.xml":
             sheet_xml(rows if i == 0 else (other_rows or []), row_numbers if i == 0 else None)
             for i in range(len(sheets))}
    workbook = (f'<workbook xmlns="{main}" xmlns:r="{rel}">'
                + (f'<workbookPr date1904="1"/>' if date1904 else "") + "<sheets>"
                + "".join(f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                          for i, n in enumerate(sheets)) + "</sheets></workbook>")
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i + 1}" Type="{rel}/worksheet" '
                      f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
            + "</Relationships>")
    styles = (f'<styleSheet xmlns="{main}"><numFmts count="1"><numFmt numFmtId="164" '
              'formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs count="4"><xf numFmtId="0"/>'
              '<xf numFmtId="14"/><xf numFmtId="9"/><xf numFmtId="164"/></cellXfs></styleSheet>')
    shared = (f'<sst xmlns="{main}" count="{len(strings)}">'
              + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")


    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"/>')
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr("xl/_rels/workbook.xml.rels", rels)
        zf.writestr("xl/styles.xml", styles)
        if strings:
            zf.writestr("xl/sharedStrings.xml", shared)
        for name, xml in parts.items():
            zf.writestr(name, xml)
    return out.getvalue()


def write_xlsx(path: Path, rows: list[list[object]], **kwargs: object) -> Path:
    path.write_bytes(xlsx_bytes(rows, **kwargs))  # type: ignore[arg-type]
    return path


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def plan_with_indicators(count: int) -> Plan:
    """A plan with ``count`` indicators, uids ``ind-0``, ``ind-1``..."""
    indicators = [Indicator(text=f"Indicator {i}", uid=f"ind-{i}") for i in range(count)]
    return Plan(title="Many indicators", uid="plan-many", performance=Performance(objectives=[
        MissionObjective("protect_civilians", "Everything measured", indicators, uid="obj")]))
