"""What both benefit imports share: where a field is in the file (so that the writer, which
meets the services' rules, reports by row and column too), service errors as row errors,
and cells that hold a list or an optional number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from gevinst.portfolio.imports import parsing
from gevinst.portfolio.imports.headings import Field, column_letter


@dataclass(frozen=True)
class Columns:
    """Field key → column index of a file (one object shared by every record)."""

    index: dict[str, int]
    headers: list[str]
    labels: dict[str, str]

    @classmethod
    def of(cls, checker, fields: tuple[Field, ...]) -> Columns:
        return cls(index=dict(checker.columns), headers=list(checker.sheet.headers),
                   labels={f.key: str(f.label) for f in fields})

    def error(self, row: int, key: str | None, message: str, cells=None) -> dict:
        """An error in the shape of validation.Checker's: row, column, heading, value."""
        index = self.index.get(key) if key else None
        value = ""
        if index is not None and cells is not None and index < len(cells):
            value = parsing.text(cells[index])[:100]
        return {"row": row, "column": column_letter(index) if index is not None else "",
                "heading": self.headers[index] if index is not None else "",
                "field": key or "", "value": value, "message": message}


def service_errors(exc: ValidationError, record: dict, field_keys: dict[str, str],
                   fallback: dict[str, str] | None = None) -> list[dict]:
    """A service's ValidationError on one record as row errors: each model field's messages
    at the column of the import field it came from (``field_keys``: model field → import
    field). A field that is not in the file is reported at the ``fallback`` field's column,
    its label before the message, or on the row alone."""
    columns: Columns = record["_columns"]
    cells = record["_cells"]
    fallback = fallback or {}
    if hasattr(exc, "error_dict"):
        items = list(exc.message_dict.items())
    else:
        items = [(NON_FIELD_ERRORS, exc.messages)]
    out = []
    for name, messages in items:
        key = field_keys.get(name, name if name in columns.labels else None)
        prefix = ""
        if key is not None and key not in columns.index:
            other = fallback.get(key)
            prefix = f"{columns.labels.get(key, key)}: "
            key = other if other in columns.index else None
        for message in messages:
            out.append(columns.error(record["row"], key, prefix + message, cells))
    return out


SEPARATORS = re.compile(r"[;\n\r]+")


def items(value) -> list[str]:
    """A cell holding a list: items separated by semicolons or line breaks."""
    return [part.strip() for part in SEPARATORS.split(parsing.text(value)) if part.strip()]


def optional_number(value, *, max_digits: int = 14, decimal_places: int = 2) -> Decimal | None:
    """A number, or None for an empty cell (parsing.number reads empty as 0)."""
    if parsing.text(value) == "":
        return None
    return parsing.number(value, max_digits=max_digits, decimal_places=decimal_places)
