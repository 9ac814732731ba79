"""The benefits realisation plan as PDF: a real PDF, in the organisation's language whatever
the reader's, with the benefit, its owner, the baseline, NPV, the map on a landscape page
and a signature line per benefit owner."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from gevinst.benefits import calc
from gevinst.benefits.selectors import plan as selectors
from gevinst.core.scoping import tenant_scope
from gevinst.core.templatetags.gevinst_format import format_number
from gevinst.portfolio.models import Initiative, Programme

INI_PDF = "/o/fjordby/initiatives/INI-0001/benefits/plan.pdf"
PRG_PDF = "/o/fjordby/programmes/PRG-0001/benefits/plan.pdf"


def _reader(response) -> PdfReader:
    return PdfReader(io.BytesIO(response.content))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def english_pdf(client_as):
    response = client_as("viewer").get(INI_PDF, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response


def test_pdf_is_a_pdf_download(english_pdf):
    assert english_pdf["Content-Type"] == "application/pdf"
    assert english_pdf.content.startswith(b"%PDF")
    assert english_pdf["Content-Disposition"].startswith('attachment; filename="INI-0001-')


def test_pdf_is_in_the_organisations_language_not_the_readers(english_pdf):
    reader = _reader(english_pdf)
    text = _text(reader)
    assert reader.trailer["/Root"]["/Lang"] == "nb"  # Fjordby is in Norway
    # The benefit, its owner and its baseline (value, and date in Norwegian).
    assert "BEN-0001 Spart tid i saksbehandling" in text
    assert "Viewer Fjordby" in text
    assert "100 timer" in text and "1. januar 2026" in text
    assert "Jan. 1, 2026" not in text
    # Labels come from the Norwegian catalogue ("Date" → "Dato" in the sign-off block),
    # and the NPV and baseline labels are the Norwegian ones.
    assert "Dato" in text
    with translation.override("nb"):
        npv_label, baseline_label = gettext("Net present value"), gettext("Baseline")
    assert npv_label in text and baseline_label in text


def test_pdf_holds_npv_map_on_a_landscape_page_and_signature_lines(english_pdf, org):
    reader = _reader(english_pdf)
    text = _text(reader)
    # NPV of BEN-0001 (375 000 in 2026, 750 000 in 2027) discounted to this year at 4 %.
    npv = calc.npv({2026: Decimal("375000"), 2027: Decimal("750000")}, Decimal("4"),
                   timezone.localdate().year)
    assert format_number(npv, org) in text
    wide = [page for page in reader.pages if page.mediabox.width > page.mediabox.height]
    assert wide, "the map has a landscape page"
    assert any("Digital søknad" in page.extract_text() for page in wide)
    assert any("OBJ-0001" in page.extract_text() for page in wide)
    with translation.override("nb"):
        signature = gettext("Signature")
    last = " ".join(reader.pages[-1].extract_text().split())
    assert signature in last and "Viewer Fjordby" in last


def test_programme_pdf_counts_a_shared_benefit_once(org, client_as):
    with tenant_scope(org):
        Initiative.objects.filter(organisation=org, number=2).update(
            programme=Programme.objects.get(organisation=org, reference="PRG-0001"))
    response = client_as("viewer").get(PRG_PDF)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = _text(_reader(response)).replace("\u00a0", " ")
    assert "INI-0002" in text
    # The summary row of freed capacity: one benefit, 750 000 a year (60 % + 40 % of it,
    # not 750 000 twice), 1 000 hours.
    assert "1 750 000 1 000" in text


def test_pdf_beyond_the_limit_is_refused_with_a_message(client_as, monkeypatch):
    monkeypatch.setattr(selectors, "PDF_LIMIT", 0)
    response = client_as("viewer").get(INI_PDF)
    assert response.status_code == 302
    assert response["Location"] == "/o/fjordby/initiatives/INI-0001/benefits/plan/"
    assert any("more than the 0 a PDF can hold" in str(m)
               for m in get_messages(response.wsgi_request))
    page = client_as("viewer").get(response["Location"]).content.decode()
    assert INI_PDF not in page and "a PDF holds at most 0 benefits" in page


@pytest.mark.parametrize("url", [INI_PDF, PRG_PDF])
def test_other_organisations_people_get_404(url, client_as):
    assert client_as("viewer", "asdal").get(url).status_code == 404
