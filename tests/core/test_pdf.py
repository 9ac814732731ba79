"""PDFs from templates (core/pdf.py): text, print stylesheet, SVG, and no network."""

from __future__ import annotations

import io
import logging
import socket

import pytest
from django.test import RequestFactory
from django.utils import translation
from pypdf import PdfReader

from gevinst.core.pdf import (
    ResourceRefused,
    html_to_pdf,
    pdf_response,
    render_pdf,
    static_fetcher,
)

REPORT = """{% extends "core/pdf_base.html" %}
{% block title %}Board pack{% endblock %}
{% block content %}
<h1 class="gv-pdf-title">Gevinstrapport</h1>
<p><a href="/o/fjordby/">Fjordby</a></p>
<table><thead><tr><th>Gevinst</th><th class="num">Timer</th></tr></thead>
<tbody>{% for row in rows %}<tr><td>{{ row }}</td><td class="num">12</td></tr>{% endfor %}
</tbody></table>
<section class="gv-pdf-page-break"><h2>Vedlegg</h2></section>
{% endblock %}
"""


@pytest.fixture
def report_template(settings):
    """A PDF template next to the real ones (core/pdf_base.html, print.css)."""
    settings.TEMPLATES = [{
        **settings.TEMPLATES[0],
        "APP_DIRS": False,
        "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"], "loaders": [
            ("django.template.loaders.locmem.Loader", {"tests/report.html": REPORT}),
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ]},
    }]
    return "tests/report.html"


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def page(svg_or_html: str) -> str:
    return ('<!doctype html><html lang="en"><head><title>t</title>'
            '<link rel="stylesheet" href="/static/gevinst/print.css"></head>'
            f"<body>{svg_or_html}</body></html>")


def test_template_renders_to_a_pdf_with_its_text(report_template):
    pdf = render_pdf(report_template, {"rows": ["Spart tid i saksbehandling"]})

    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "Gevinstrapport" in text and "Spart tid i saksbehandling" in text
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Board pack"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged, for screen readers


def test_print_stylesheet_numbers_the_pages(report_template):
    # Page numbers come from print.css, which the fetcher reads from the static files.
    text = pdf_text(render_pdf(report_template, {"rows": ["Rad"]}))

    assert "1 / 2" in text and "2 / 2" in text
    assert "Vedlegg" in text


def test_long_tables_repeat_their_header_on_every_page(report_template):
    pdf = render_pdf(report_template, {"rows": [f"Rad {n}" for n in range(120)]})

    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) >= 4  # the table runs over several pages, then the appendix
    assert all("Gevinst" in text for text in pages[:-1])
    assert all("Gevinstrapport" in text for text in pages[1:-1])  # running title


def test_pdf_carries_the_active_language(report_template):
    with translation.override("nb"):
        pdf = render_pdf(report_template, {"rows": []})

    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "nb"


def test_links_point_at_the_site_of_the_request(report_template, settings):
    settings.ALLOWED_HOSTS = ["gevinst.example.no"]
    request = RequestFactory().get("/o/fjordby/reports/", HTTP_HOST="gevinst.example.no")
    pdf = render_pdf(report_template, {"rows": []}, request=request)

    uris = [annot.get_object()["/A"]["/URI"]
            for p in PdfReader(io.BytesIO(pdf)).pages for annot in p.get("/Annots", [])]
    assert uris == ["http://gevinst.example.no/o/fjordby/"]
    assert "1 / 2" in pdf_text(pdf)  # static files still come from disk, not that host


def test_inline_svg_is_drawn():
    svg = ('<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50" '
           'width="100%" role="img"><rect x="1" y="1" width="198" height="48" fill="#e8f0fb" '
           'stroke="#1e5aa8"/><text x="10" y="30" font-size="14">Målt gevinst</text></svg>'
           "</figure>")

    pdf = html_to_pdf(page(svg))

    assert "Målt gevinst" in pdf_text(pdf)


def test_fetcher_serves_static_files_and_data_uris():
    fetcher = static_fetcher()

    css = fetcher.fetch("https://gevinst.invalid/static/gevinst/print.css")
    assert css.content_type == "text/css" and b"@page" in css.read()
    data = fetcher.fetch("data:text/plain;base64,aGVp")
    assert data.read() == b"hei"


@pytest.mark.parametrize("url", [
    "http://example.com/logo.png",
    "https://example.com/static/gevinst/print.css",  # right path, other host
    "http://gevinst.invalid/static/gevinst/print.css",  # other scheme
    "https://gevinst.invalid/media/uploads/secret.pdf",  # not a static file
    "https://gevinst.invalid/static/../settings.py",
    "https://gevinst.invalid/static/gevinst/%2e%2e/%2e%2e/settings.py",
    "https://gevinst.invalid/static/gevinst/missing.css",
    "file:///etc/passwd",
    "ftp://example.com/x",
])
def test_fetcher_refuses_everything_else(url):
    with pytest.raises(ResourceRefused):
        static_fetcher().fetch(url)


def test_collected_static_files_are_found_by_their_hashed_names(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "gevinst").mkdir()
    (tmp_path / "gevinst" / "print.0123abcd.css").write_text("@page { size: A5 }")

    fetched = static_fetcher().fetch("https://gevinst.invalid/static/gevinst/print.0123abcd.css")

    assert fetched.read() == b"@page { size: A5 }"


def test_rendering_never_opens_a_connection(monkeypatch, caplog):
    attempts = []

    def no_network(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    html = page('<img src="http://example.com/logo.png" alt="logo">'
                '<link rel="stylesheet" href="https://cdn.example.com/x.css">'
                '<p>Fortsatt en rapport</p>')

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = html_to_pdf(html)

    assert attempts == []
    assert "Fortsatt en rapport" in pdf_text(pdf)
    assert "ResourceRefused" in caplog.text and "example.com/logo.png" in caplog.text


def test_pdf_response_is_a_download_with_an_ascii_name():
    response = pdf_response("Gevinstrapport Åsdal/Bærum «Q1» 2026.pdf", b"%PDF-1.7 ...")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == \
        'attachment; filename="Gevinstrapport-Asdal-Baerum-Q1-2026.pdf"'
    assert response.content == b"%PDF-1.7 ..."
    assert pdf_response("Øst", b"")["Content-Disposition"] == 'attachment; filename="Ost.pdf"'
    assert pdf_response("«»", b"")["Content-Disposition"] == \
        'attachment; filename="document.pdf"'
