"""Rows read as data points: columns mapped by header, dates in three formats, decimal
commas, empty rows and duplicates counted, every bad row named by row and column, all or
nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pkdesk.core.dataimport import (
    DAY_FIRST, MONTH_FIRST, POINT, ColumnMapping, ImportOptions, apply_import, guess_mapping,
    import_points, read_data_file, summary,
)
from pkdesk.core.errors import InputError
from pkdesk.core.plan.file import plan_from_dict, plan_to_dict
from pkdesk.core.plan.model import DataPoint
from pkdesk.core.plan.performance_file import MAX_DATA_POINTS
from tests.dataimport.samples import (
    INCIDENTS_UID, PATROLS_UID, plan_with_indicators, sample_plan, write_csv, write_xlsx,
)

MAPPING = ColumnMapping(date="Date", value="Value", note="Note")
FOR_INCIDENTS = ImportOptions(indicator=INCIDENTS_UID)


def _import(tmp_path: Path, text: str, mapping: ColumnMapping = MAPPING,
            options: ImportOptions = FOR_INCIDENTS, plan=None):  # type: ignore[no-untyped-def]
    table = read_data_file(write_csv(tmp_path / "field.csv", text))
    return import_points(plan or sample_plan(), table, mapping, options)


def test_three_date_formats_and_serials(tmp_path: Path) -> None:
    result = _import(tmp_path, "Date;Value;Note\n2025-03-31;1;iso\n30/04/2025;2;slash\n"
                               "31.05.2025;3;dots\n45838;4;serial\n2025-07-31T08:00:00;5;t\n")
    assert result.can_apply and result.problems == []
    assert [(p.date, p.value, p.note) for _uid, p in result.points] == [
        ("2025-03-31", 1, "iso"), ("2025-04-30", 2, "slash"), ("2025-05-31", 3, "dots"),
        ("2025-06-30", 4, "serial"), ("2025-07-31", 5, "t")]
    assert result.date_order == DAY_FIRST


def test_xlsx_date_cells(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "d.xlsx", [["Date", "Value"], [dt.date(2025, 3, 31), 12],
                                            [45777, 9.5]])
    result = import_points(sample_plan(), read_data_file(path),
                           ColumnMapping("Date", "Value"), FOR_INCIDENTS)
    assert [(p.date, p.value) for _uid, p in result.points] == [("2025-03-31", 12),
                                                               ("2025-04-30", 9.5)]


def test_ambiguous_day_month_is_a_message_not_a_guess(tmp_path: Path) -> None:
    text = "Date,Value,Note\n03/04/2025,1,\n05/06/2025,2,\n"
    result = _import(tmp_path, text)
    assert not result.can_apply and result.points == []
    assert [p.text() for p in result.problems] == [
        "dates such as '03/04/2025' (row 2) could be day first or month first; say which "
        "order the file uses"]
    day = _import(tmp_path, text, options=ImportOptions(INCIDENTS_UID, date_order=DAY_FIRST))
    month = _import(tmp_path, text, options=ImportOptions(INCIDENTS_UID,
                                                          date_order=MONTH_FIRST))
    assert [p.date for _u, p in day.points] == ["2025-04-03", "2025-06-05"]
    assert [p.date for _u, p in month.points] == ["2025-03-04", "2025-05-06"]


def test_month_first_only_when_the_user_says_so(tmp_path: Path) -> None:
    text = "Date,Value,Note\n03/31/2025,1,\n04/30/2025,2,\n"
    result = _import(tmp_path, text)
    assert not result.can_apply
    assert "put the month first; say so" in result.problems[0].text()
    said = _import(tmp_path, text, options=ImportOptions(INCIDENTS_UID,
                                                         date_order=MONTH_FIRST))
    assert [p.date for _u, p in said.points] == ["2025-03-31", "2025-04-30"]


def test_a_day_over_12_settles_the_order_for_the_file(tmp_path: Path) -> None:
    result = _import(tmp_path, "Date,Value,Note\n03/04/2025,1,\n31/05/2025,2,\n")
    assert [p.date for _u, p in result.points] == ["2025-04-03", "2025-05-31"]


@pytest.mark.parametrize("written, value", [
    ("1 234,5", 1234.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("1\u00a0234,5", 1234.5),
    ("1\u202f234,5", 1234.5), ("1\u2009234,5", 1234.5), ("12,5", 12.5), ("45 %", 45.0),
    ("45%", 45.0), ("-3", -3.0), ("\u22122,5", -2.5), ("0.125", 0.125), ("7", 7.0)])
def test_numbers_as_teams_write_them(tmp_path: Path, written: str, value: float) -> None:
    result = _import(tmp_path, f'Date;Value;Note\n2025-03-31;"{written}";\n')
    assert result.problems == []
    assert result.points[0][1].value == value


def test_a_lone_thousands_like_number_needs_the_files_decimal_mark(tmp_path: Path) -> None:
    result = _import(tmp_path, 'Date,Value,Note\n2025-03-31,"1,234",\n')
    assert [p.text() for p in result.problems] == [
        "row 2, column 'Value': '1,234' could be a thousand and more or a decimal; say which "
        "decimal mark the file uses"]
    shown = _import(tmp_path, 'Date,Value,Note\n2025-03-31,"1,234",\n2025-04-30,"2,5",\n')
    assert [p.value for _u, p in shown.points] == [1.234, 2.5]     # the file shows commas
    said = _import(tmp_path, 'Date,Value,Note\n2025-03-31,"1,234",\n',
                   options=ImportOptions(INCIDENTS_UID, decimal=POINT))
    assert [p.value for _u, p in said.points] == [1234.0]


def test_every_bad_row_by_row_and_column_and_nothing_imported(tmp_path: Path) -> None:
    text = ("Date,Value,Note\n2025-03-31,12,good\n2025-02-30,3,\n2025-04-30,twelve,\n"
            ",4,\n2025-05-31,,\n2025-06-30,5,good too\n")
    result = _import(tmp_path, text)
    assert [p.text() for p in result.problems] == [
        "row 3, column 'Date': '2025-02-30': there is no day 30 in month 2",
        "row 4, column 'Value': 'twelve' is not a number",
        "row 5, column 'Date': no date",
        "row 6, column 'Value': no value"]
    assert result.bad_rows == 4 and result.rows == 6
    assert not result.can_apply
    plan = sample_plan()
    with pytest.raises(InputError, match="nothing imported: row 3, column 'Date'"):
        apply_import(plan, result)
    assert plan.performance.objectives[0].indicators[0].data == []


def test_skip_bad_rows_when_asked_imports_the_good_ones(tmp_path: Path) -> None:
    text = "Date,Value,Note\n2025-03-31,12,good\n2025-13-01,3,\n2025-06-30,5,good too\n"
    result = _import(tmp_path, text, options=ImportOptions(INCIDENTS_UID, skip_bad_rows=True))
    assert result.can_apply and result.bad_rows == 1
    assert [p.text() for p in result.problems] == [
        "row 3, column 'Date': '2025-13-01': there is no month 13"]
    after = apply_import(sample_plan(), result)
    assert [p.note for p in after.performance.objectives[0].indicators[0].data] == \
        ["good", "good too"]


def test_empty_rows_skipped_and_counted(tmp_path: Path) -> None:
    result = _import(tmp_path, "Date,Value,Note\n2025-03-31,1,\n,,\n\n  ,  ,\n2025-04-30,2,\n")
    assert result.empty_rows == 3 and result.rows == 2 and len(result.points) == 2


def test_duplicates_of_the_plans_points_and_within_the_file_skipped(tmp_path: Path) -> None:
    plan = sample_plan([DataPoint(12, "2025-03-31", uid="p1")])
    result = _import(tmp_path, "Date,Value,Note\n31/03/2025,12,again\n2025-04-30,9,\n"
                               "2025-04-30,9,twice\n2025-03-31,13,other value\n", plan=plan)
    assert result.duplicates == 2
    assert [(p.date, p.value) for _u, p in result.points] == [("2025-04-30", 9),
                                                             ("2025-03-31", 13)]


def test_wrong_columns_named_with_the_files_columns(tmp_path: Path) -> None:
    result = _import(tmp_path, "When,Count\n2025-03-31,1\n",
                     mapping=ColumnMapping("Date", "Count"))
    assert [p.text() for p in result.problems] == [
        "no column 'Date' for the date (the file's columns: 'When', 'Count')"]
    assert result.file_problem and not result.can_apply


def test_columns_by_letter_and_case_insensitive_names(tmp_path: Path) -> None:
    result = _import(tmp_path, "2025-03-31,1\n2025-04-30,2\n",
                     mapping=ColumnMapping("A", "b"))
    assert len(result.points) == 2
    named = _import(tmp_path, "DATE , value\n2025-03-31,1\n",
                    mapping=ColumnMapping("date", "VALUE"))
    assert len(named.points) == 1


def test_indicator_column_by_text_or_uid(tmp_path: Path) -> None:
    text = ("Indicator,Date,Value\nAttacks on IDP sites in Sector East,2025-03-31,4\n"
            f"{PATROLS_UID},2025-03-31,40\nnight patrols  AROUND the sites,2025-04-30,42\n"
            "Rainfall,2025-04-30,3\n")
    result = _import(tmp_path, text, mapping=ColumnMapping("Date", "Value", indicator="Indicator"),
                     options=ImportOptions())
    assert [p.text() for p in result.problems] == [
        "row 5, column 'Indicator': no indicator 'Rainfall' in the plan (give its uid or its "
        "exact text)"]
    skipped = _import(tmp_path, text, mapping=ColumnMapping("Date", "Value",
                                                            indicator="Indicator"),
                      options=ImportOptions(skip_bad_rows=True))
    after = apply_import(sample_plan(), skipped)
    incidents, patrols = (o.indicators[0] for o in after.performance.objectives)
    assert [p.value for p in incidents.data] == [4]
    assert [p.value for p in patrols.data] == [40, 42]


def test_no_indicator_named_is_a_message(tmp_path: Path) -> None:
    result = _import(tmp_path, "Date,Value,Note\n2025-03-31,1,\n", options=ImportOptions())
    assert result.problems[0].text().startswith("say which indicator the data is for")
    unknown = _import(tmp_path, "Date,Value,Note\n2025-03-31,1,\n",
                      options=ImportOptions(indicator="nope"))
    assert "no indicator 'nope' in the plan" in unknown.problems[0].text()


def test_source_note_and_recorded_by_columns(tmp_path: Path) -> None:
    text = ('Date,Value,Source,Note,Recorded by\n2025-03-31,3,Team site log,"two lines\n'
            'of note",Amina\x07 K.\n')
    mapping = ColumnMapping("Date", "Value", source="Source", note="Note",
                            recorded_by="Recorded by")
    result = _import(tmp_path, text, mapping=mapping)
    point = result.points[0][1]
    assert (point.source, point.note, point.recorded_by) == (
        "Team site log", "two lines\nof note", "Amina K.")


def test_imported_plan_reads_back_through_the_format(tmp_path: Path) -> None:
    plan = sample_plan([DataPoint(5, "2025-05-31", uid="p1")])
    result = _import(tmp_path, "Date,Value,Note\n2025-06-30,3,b\n2025-04-30,7,a\n", plan=plan)
    after = apply_import(plan, result)
    data = after.performance.objectives[0].indicators[0].data
    assert [p.date for p in data] == ["2025-04-30", "2025-05-31", "2025-06-30"]
    assert plan_from_dict(plan_to_dict(after)) == after
    assert plan.performance.objectives[0].indicators[0].data == [data[1]]  # not mutated
    assert after.performance.objectives[1] is plan.performance.objectives[1]  # shared
    assert summary(result, "field.csv") == "imported 2 data points from field.csv"


def test_an_indicator_cannot_outgrow_the_format(tmp_path: Path) -> None:
    points = [DataPoint(1, (dt.date(2000, 1, 1) + dt.timedelta(days=i)).isoformat(),
                        uid=f"p{i}") for i in range(MAX_DATA_POINTS)]
    result = _import(tmp_path, "Date,Value,Note\n2100-01-01,1,\n", plan=sample_plan(points))
    assert not result.can_apply
    assert "would hold 10,001 data points; a plan keeps at most 10,000 per indicator" in \
        result.problems[0].text()


def test_header_guess_in_english_and_french() -> None:
    assert guess_mapping(["Date de l'incident", "Valeur", "Remarques", "Enregistré par",
                          "Source"]) == {
        "date": "Date de l'incident", "value": "Valeur", "indicator": None,
        "source": "Source", "note": "Remarques", "recorded_by": "Enregistré par"}
    assert guess_mapping(["Indicator", "Day", "Count", "By"])["recorded_by"] == "By"


def test_hundred_thousand_rows(tmp_path: Path) -> None:
    """20 indicators × 5,000 days, written day first with decimal commas and semicolons."""
    lines = ["Indicator;Date;Value;Note"]
    start = dt.date(2010, 1, 1)
    for i in range(100_000):
        day = start + dt.timedelta(days=i // 20)
        lines.append(f"ind-{i % 20};{day.day:02d}/{day.month:02d}/{day.year};{i % 97},5;n{i}")
    plan = plan_with_indicators(20)
    result = _import(tmp_path, "\n".join(lines) + "\n", plan=plan,
                     mapping=ColumnMapping("Date", "Value", indicator="Indicator", note="Note"),
                     options=ImportOptions())
    assert result.problems == [] and result.rows == 100_000 and result.duplicates == 0
    assert result.points[0][1].value == 0.5 and result.points[0][1].date == "2010-01-01"
    after = apply_import(plan, result)
    assert [len(i.data) for i in after.performance.objectives[0].indicators] == [5_000] * 20


def test_problems_in_french(tmp_path: Path) -> None:
    result = _import(tmp_path, "Date;Value;Note\n2025-02-30;3;\n2025-03-31;douze;\n")
    assert [p.text("fr") for p in result.problems] == [
        "ligne 2, colonne «\u00a0Date\u00a0»\u00a0: «\u00a02025-02-30\u00a0»\u00a0: il n’y a "
        "pas de jour 30 dans le mois 2",
        "ligne 3, colonne «\u00a0Value\u00a0»\u00a0: «\u00a0douze\u00a0» n’est pas un nombre"]
    missing = _import(tmp_path, "When;Value\n2025-03-31;1\n", mapping=ColumnMapping("Date", "Value"))
    assert missing.problems[0].text("fr") == (
        "pas de colonne «\u00a0Date\u00a0» pour la date (colonnes du fichier\u00a0: 'When', "
        "'Value')")
