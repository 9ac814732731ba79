"""Real .xlsx files out (xlsxwriter), shared by every register's export.

Formula injection: every text (headings included) is written with ``write_string``, so a
cell that starts with =, +, -, @, a tab or a carriage return (say an initiative titled
``=HYPERLINK(...)``) is stored as text that Excel shows, never as a formula it runs. The
workbook is also opened with ``strings_to_formulas`` and ``strings_to_urls`` off, so that
no later ``write()`` can turn text into a formula or a link.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

import xlsxwriter
from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORKBOOK_OPTIONS = {"in_memory": True, "remove_timezone": True, "strings_to_formulas": False,
                    "strings_to_urls": False, "strings_to_numbers": False}


def write_text(ws, row: int, col: int, text: str, cell_format=None) -> None:
    """Write ``text`` as a string cell, whatever it starts with (never a formula)."""
    ws.write_string(row, col, text, cell_format)


def xlsx_bytes(sheet: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    ws = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    widths = [min(max(len(h), 10), 60) for h in headers]
    for col, header in enumerate(headers):
        write_text(ws, 0, col, str(header), bold)
    count = 0
    for r, row in enumerate(rows, start=1):
        count = r
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value.replace(tzinfo=None), date_fmt)
            elif isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_fmt)
            elif value is None:
                ws.write_blank(r, c, None)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value)
            elif isinstance(value, int | float):
                ws.write_number(r, c, value)
            else:
                text = str(value)
                write_text(ws, r, c, text)
                widths[c] = min(max(widths[c], len(text) + 2), 60)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(count, 1), len(headers) - 1)
    book.close()
    return buffer.getvalue()


def xlsx_response(filename: str, sheet: str, headers, rows) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheet, headers, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def write_sheet(book, formats: dict, name: str, headers: Sequence[str],
                rows: Iterable[Sequence]) -> None:
    """One sheet of a workbook with several: bold headers, dates as dates, numbers as
    numbers, text never as a formula, frozen header row and a filter. ``formats`` holds
    the workbook's "bold", "date" and "datetime" formats."""
    ws = book.add_worksheet(name[:31])
    widths = [min(max(len(h), 10), 60) for h in headers]
    for col, text in enumerate(headers):
        write_text(ws, 0, col, str(text), formats["bold"])
    count = 0
    for r, row in enumerate(rows, start=1):
        count = r
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value, formats["datetime"])
            elif isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), formats["date"])
            elif value is None:
                ws.write_blank(r, c, None)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value)
            elif isinstance(value, int | float):
                ws.write_number(r, c, value)
            else:
                text = str(value)
                write_text(ws, r, c, text)
                widths[c] = min(max(widths[c], len(text) + 2), 60)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(count, 1), len(headers) - 1)
