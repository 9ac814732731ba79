"""Real .xlsx files out (xlsxwriter), shared by every register's export."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

import xlsxwriter
from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(sheet: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "remove_timezone": True})
    ws = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    widths = [min(max(len(h), 10), 60) for h in headers]
    for col, header in enumerate(headers):
        ws.write(0, col, header, bold)
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
                ws.write_string(r, c, text)
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
