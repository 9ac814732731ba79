"""Reading a workbook (python-calamine) and turning cells into values.

Formula cells are read as the value Excel saved with them; nothing is ever evaluated here.
Text that looks like a formula ("=HYPERLINK(...)") stays the text it is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from gevinst.portfolio.imports.headings import NO, YES, normalise

MAX_ROWS = 100_000
MAX_COLUMNS = 200


@dataclass
class Sheet:
    name: str
    headers: list[str]
    header_row: int  # Excel row number of the headings (1-based)
    rows: list[tuple[int, list]] = field(default_factory=list)  # (Excel row number, cells)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_sheet(source: Path | str | bytes, *, headers_only: bool = False) -> Sheet:
    """The first worksheet: its first non-empty row as headings, then every non-empty row."""
    try:
        if isinstance(source, bytes):
            import io

            book = CalamineWorkbook.from_filelike(io.BytesIO(source))
        else:
            book = CalamineWorkbook.from_path(str(source))
        names = book.sheet_names
        if not names:
            raise ValidationError(_("The workbook has no worksheets."))
        sheet = book.get_sheet_by_index(0)
        cells = sheet.to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError) as exc:
        raise ValidationError(
            _("This file could not be read as an Excel workbook (.xlsx). Save it from Excel "
              "as “Excel Workbook (.xlsx)” and try again.")) from exc
    except Exception as exc:  # calamine raises its own error classes for broken archives
        if type(exc).__module__.startswith("python_calamine"):
            raise ValidationError(
                _("This file could not be read as an Excel workbook (.xlsx). Save it from "
                  "Excel as “Excel Workbook (.xlsx)” and try again.")) from exc
        raise
    header_at = next((i for i, row in enumerate(cells)
                      if any(_cell_text(v) for v in row)), None)
    if header_at is None:
        raise ValidationError(_("The first worksheet is empty."))
    headers = [_cell_text(v) for v in cells[header_at]]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise ValidationError(_("The worksheet has more than %(n)s columns.") % {"n": MAX_COLUMNS})
    result = Sheet(name=names[0], headers=headers, header_row=header_at + 1)
    if headers_only:
        result.rows = [(i + 1, []) for i in range(header_at + 1, len(cells))
                       if any(v not in ("", None) for v in cells[i])]
    else:
        width = len(headers)
        for i in range(header_at + 1, len(cells)):
            row = cells[i]
            if any(v not in ("", None) for v in row):
                row = list(row[:width]) + [""] * (width - len(row))
                result.rows.append((i + 1, row))
    if len(result.rows) > MAX_ROWS:
        raise ValidationError(_("The worksheet has %(n)s rows; at most %(max)s can be imported "
                                "at once. Split the file.") % {"n": len(result.rows),
                                                               "max": MAX_ROWS})
    return result


class CellError(ValueError):
    """A cell that cannot become the value its column asks for; the message is for people."""


def text(value) -> str:
    return _cell_text(value)


_DATE_FORMATS = (
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[T ]00:00(:00)?$"), ("y", "m", "d")),
)


def date(value) -> dt.date | None:
    if value in ("", None):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        raw = value.strip()
        if not raw:
            return None
        for pattern, order in _DATE_FORMATS:
            m = pattern.match(raw)
            if m:
                parts = dict(zip(order, (int(g) for g in m.groups()[:3]), strict=True))
                try:
                    return dt.date(parts["y"], parts["m"], parts["d"])
                except ValueError:
                    break
    raise CellError(_("“%(value)s” is not a date. Use an Excel date, or write it as dd.mm.yyyy "
                      "or yyyy-mm-dd.") % {"value": _cell_text(value)[:50]})


def number(value, *, max_digits: int = 14, decimal_places: int = 2) -> Decimal:
    if value in ("", None):
        return Decimal("0")
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not a number.") % {"value": value})
    if isinstance(value, int | float):
        amount = Decimal(repr(value))
    else:
        raw = re.sub(r"[\s\u00a0\u202f']", "", str(value)).replace("\u2212", "-")
        if "," in raw and "." in raw:  # the last separator is the decimal one
            if raw.rfind(",") > raw.rfind("."):
                raw = raw.replace(".", "").replace(",", ".")
            else:
                raw = raw.replace(",", "")
        else:
            raw = raw.replace(",", ".")
        try:
            amount = Decimal(raw)
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            raise CellError(_("“%(value)s” is not a number.") % {"value": str(value)[:50]})
    amount = amount.quantize(Decimal(1).scaleb(-decimal_places))
    if abs(amount) >= Decimal(10) ** (max_digits - decimal_places):
        raise CellError(_("%(value)s is too large.") % {"value": _cell_text(value)[:50]})
    return amount


def year(value) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return value
    raise CellError(_("“%(value)s” is not a year such as 2027.")
                    % {"value": _cell_text(value)[:50]})


def boolean(value) -> bool:
    if value in ("", None):
        return False
    if isinstance(value, bool):
        return value
    word = normalise(_cell_text(value))
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellError(_("“%(value)s” is neither yes nor no.") % {"value": _cell_text(value)[:50]})
