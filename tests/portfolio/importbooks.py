"""Workbooks for the import tests, written with xlsxwriter as Excel would save them."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter

NB = ["Referanse", "Tittel", "Problem", "Målbilde", "Ambisjon", "Fyrtårn", "Program", "Enhet",
      "Eier", "Prosjektleder", "Fase", "Status", "Startdato", "Sluttdato"]


def workbook(headers: list[str], rows: list[list], *, sheet: str = "Ark1",
             formulas: dict[tuple[int, int], tuple[str, object]] | None = None) -> bytes:
    """Headings in row 1, then ``rows``; dates become real Excel dates. ``formulas`` puts a
    formula with a saved value at (row index in ``rows``, column)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    date_fmt = book.add_format({"num_format": "dd.mm.yyyy"})
    for c, h in enumerate(headers):
        ws.write_string(0, c, h)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_fmt)
            elif value is None or value == "":
                continue
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value)
            elif isinstance(value, int | float):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, str(value))
    for (r, c), (formula, value) in (formulas or {}).items():
        ws.write_formula(r + 1, c, formula, None, value)
    book.close()
    return buffer.getvalue()


def nb_row(i: int, **over) -> list:
    """A valid Bokmål row for Fjordby (unit, people and phase of the test world)."""
    values = {
        "Referanse": f"GAMMEL-{i:05d}", "Tittel": f"Importert initiativ {i}",
        "Problem": "Papirskjema", "Målbilde": "Selvbetjening", "Ambisjon": "Forbedre",
        "Fyrtårn": "Nei", "Program": "", "Enhet": "Helse og velferd",
        "Eier": "contributor@fjordby.test", "Prosjektleder": "pmo@fjordby.test",
        "Fase": "Planlegging", "Status": "Aktiv", "Startdato": dt.date(2026, 1, 1),
        "Sluttdato": "31.12.2027",
    }
    values.update(over)
    return [values[h] for h in NB]


def col(name: str) -> str:
    """Column letter of a Bokmål heading."""
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[NB.index(name)]
