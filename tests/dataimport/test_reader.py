"""Reading field teams' files: CSV in its encodings and delimiters, XLSX by hand over the
guarded zip and XML readers; hostile or broken files refused with one line."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import pytest

from pkdesk.core.dataimport import read_data_file
from pkdesk.core.dataimport.files import read_table
from pkdesk.core.dataimport.table import MAX_ROWS
from pkdesk.core.dataimport.xlsx import serial_date
from pkdesk.core.errors import InputError
from tests.dataimport.samples import Styled, write_csv, write_xlsx, xlsx_bytes

ROWS = "Date,Value,Note\n2025-03-31,12,first\n2025-04-30,9,\"second, with a comma\"\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_csv_utf8_with_or_without_bom(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "data.csv", ROWS.replace("first", "déjà vu"), encoding)
    table = read_data_file(path)
    assert table.columns == ["Date", "Value", "Note"]     # no BOM glued to "Date"
    assert table.header_row == 1
    assert table.rows == [(2, ["2025-03-31", "12", "déjà vu"]),
                          (3, ["2025-04-30", "9", "second, with a comma"])]
    assert ("data.note.cp1252", {}) not in table.notes


def test_csv_cp1252_is_read_with_a_note(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "data.csv", "Date;Valeur;Remarque\n31/03/2025;12;Sécurité — "
                     "école\n", "cp1252")
    table = read_data_file(path)
    assert table.rows == [(2, ["31/03/2025", "12", "Sécurité — école"])]
    assert ("data.note.cp1252", {}) in table.notes


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    text = (f"Date{delimiter}Value{delimiter}Note\n"
            f"31/03/2025{delimiter}\"1,5\"{delimiter}\"a; b, c\"\n"
            f"30/04/2025{delimiter}2{delimiter}x\n")
    table = read_data_file(write_csv(tmp_path / "d.csv", text))
    assert table.delimiter == delimiter
    assert table.rows[0][1] == ["31/03/2025", "1,5", "a; b, c"]


def test_semicolons_with_decimal_commas_unquoted(tmp_path: Path) -> None:
    table = read_data_file(write_csv(tmp_path / "d.csv",
                                     "Date;Valeur\n31/03/2025;12,5\n30/04/2025;1 234,5\n"))
    assert table.delimiter == ";"
    assert table.rows == [(2, ["31/03/2025", "12,5"]), (3, ["30/04/2025", "1 234,5"])]


def test_csv_without_header_names_columns_by_letter(tmp_path: Path) -> None:
    table = read_data_file(write_csv(tmp_path / "d.csv", "2025-03-31,12\n2025-04-30,9\n"))
    assert table.header_row is None
    assert table.columns == ["A", "B"]
    assert [n for n, _ in table.rows] == [1, 2]


def test_binary_and_undecodable_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="binary data"):
        read_data_file(_bytes(tmp_path / "a.csv", b"Date\x00,1\n"))
    with pytest.raises(InputError, match="neither UTF-8 nor Windows-1252"):
        read_data_file(_bytes(tmp_path / "b.csv", b"Date,Value\n\x81\x8d,1\n"))


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_csv_bounds(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"at most 5,000 are read"):
        read_data_file(write_csv(tmp_path / "long.csv", "Note\n" + "x" * 5_001 + "\n"))
    with pytest.raises(InputError, match=r"row 1 has 300 columns; at most 256"):
        read_data_file(write_csv(tmp_path / "wide.csv", ",".join(["a"] * 300) + "\n"))
    rows = "Date,Value\n" + "2025-03-31,1\n" * (MAX_ROWS + 1)
    with pytest.raises(InputError, match=r"more than 200,000 rows"):
        read_data_file(write_csv(tmp_path / "many.csv", rows))


def test_not_a_regular_file_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_table(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_table(tmp_path / "missing.csv")
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="named pipe"):
        read_table(fifo)


def test_xlsx_cells_of_every_kind(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "d.xlsx", [
        ["Date", "Value", "Note", "Checked"],
        [dt.date(2025, 3, 31), 12, "shared text", True],
        [Styled(45747, "custom date"), 7.5, None, False],
        ["31/05/2025", Styled(0.45, "percent"), "x", None],
    ])
    table = read_data_file(path)
    assert table.columns == ["Date", "Value", "Note", "Checked"]
    assert table.rows == [(2, [dt.date(2025, 3, 31), 12.0, "shared text", True]),
                          (3, [dt.date(2025, 3, 31), 7.5, None, False]),
                          (4, ["31/05/2025", 45.0, "x"])]


def test_xlsx_inline_strings_and_gaps_in_rows(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "d.xlsx", [["Date", "Value"], ["2025-03-31", 3]],
                      inline=True, row_numbers=[2, 7])
    table = read_data_file(path)
    assert table.header_row == 2
    assert table.rows == [(7, ["2025-03-31", 3.0])]     # the row number a spreadsheet shows


def test_xlsx_1904_date_system(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "d.xlsx", [["Date", "Value"], [dt.date(2025, 3, 31), 1]],
                      date1904=True)
    table = read_data_file(path)
    assert table.rows[0][1][0] == dt.date(2025, 3, 31)
    assert table.date1904 and ("data.note.date1904", {}) in table.notes


def test_serial_dates_in_both_systems() -> None:
    assert serial_date(45747, False) == dt.date(2025, 3, 31)
    assert serial_date(1, False) == dt.date(1900, 1, 1)
    assert serial_date(61, False) == dt.date(1900, 3, 1)
    assert serial_date(45747 - 1462, True) == dt.date(2025, 3, 31)
    assert serial_date(-1, False) is None


def test_xlsx_named_sheet_or_the_first(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "d.xlsx", [["Date", "Value"], ["2025-03-31", 1]],
                      sheets=("Summary", "Patrols"),
                      other_rows=[["Date", "Patrols"], ["2025-04-30", 2]])
    first = read_data_file(path)
    assert first.columns == ["Date", "Value"] and first.sheets == ["Summary", "Patrols"]
    patrols = read_data_file(path, sheet="patrols")
    assert patrols.columns == ["Date", "Patrols"] and patrols.rows == [(2, ["2025-04-30", 2.0])]
    with pytest.raises(InputError, match=r"no sheet named 'Incidents' \(it has 'Summary', "
                                         r"'Patrols'\)"):
        read_data_file(path, sheet="Incidents")


def test_truncated_and_garbage_xlsx_refused(tmp_path: Path) -> None:
    good = xlsx_bytes([["Date", "Value"], ["2025-03-31", 1]])
    with pytest.raises(InputError, match=r"trunc\.xlsx: not a XLSX file \(not a zip archive"):
        read_data_file(_bytes(tmp_path / "trunc.xlsx", good[:len(good) // 2]))
    with pytest.raises(InputError, match="not a XLSX file"):
        read_data_file(_bytes(tmp_path / "garbage.xlsx", os.urandom(2048)))
    with pytest.raises(InputError, match="old Excel"):
        read_data_file(_bytes(tmp_path / "old.xls", b"\xd0\xcf\x11\xe0" + bytes(100)))


def test_xlsx_with_broken_xml_or_a_dtd_refused(tmp_path: Path) -> None:
    def workbook_with(sheet_xml: str) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(xlsx_bytes([["a"]]))) as src, \
                zipfile.ZipFile(buf, "w") as out:
            for info in src.infolist():
                data = src.read(info)
                out.writestr(info.filename, sheet_xml if info.filename.endswith("sheet1.xml")
                             else data)
        return buf.getvalue()

    with pytest.raises(InputError, match="sheet1.xml is not well-formed XML"):
        read_data_file(_bytes(tmp_path / "a.xlsx", workbook_with("<worksheet><sheetData><row>")))
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
              "<worksheet>&lol;</worksheet>")
    with pytest.raises(InputError, match="declares a DTD or entities; refused"):
        read_data_file(_bytes(tmp_path / "b.xlsx", workbook_with(laughs)))


def test_zip_bomb_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes([["a"]]))) as src, \
            zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename.endswith("sheet1.xml"):
                out.writestr(info.filename, '<worksheet xmlns="x"><sheetData>'
                             + " " * (60 * 2**20) + "</sheetData></worksheet>")
            else:
                out.writestr(info.filename, src.read(info))
    path = _bytes(tmp_path / "bomb.xlsx", buf.getvalue())
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError, match="a zip bomb"):
        read_data_file(path)


def test_oversize_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with open(path, "wb") as fh:
        fh.truncate(51 * 2**20)
    with pytest.raises(InputError, match=r"huge\.csv: 51\.0 MiB; a data file may be at most "
                                         r"50 MiB"):
        read_data_file(path)


def test_csv_sheet_option_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="a CSV file has no sheets"):
        read_data_file(write_csv(tmp_path / "d.csv", ROWS), sheet="Data")
