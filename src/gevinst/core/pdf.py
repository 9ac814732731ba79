"""PDF from Django templates with WeasyPrint: the same HTML and CSS as the web.

``render_pdf("reporting/board_pack.html", context, request=request)`` renders the template
and lays it out as PDF; ``pdf_response("board-pack.pdf", pdf)`` sends it as a download.
PDF templates extend ``core/pdf_base.html``, which links ``gevinst/print.css``.

Rendering never touches the network and never needs a running server: the URL fetcher
serves ``/static/...`` (stylesheets, fonts, images) straight from Django's staticfiles
finders or the collected storage, allows ``data:`` URIs, and refuses every other URL (other
hosts, other paths, ``file:``). A refused resource is left out of the PDF with a warning
from WeasyPrint; it never stops the rendering. That also keeps user-written text that ends
up in a template (``<img src="http://...">`` is escaped anyway) from making the server
fetch anything.

Rendering takes from ~100 ms to seconds for a long report: views that render big documents
should hand the work to a task (see ARCHITECTURE.md, "Long work ... runs as a task").
"""

from __future__ import annotations

import functools
import mimetypes
import posixpath
import re
import unicodedata
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.template.loader import render_to_string

# Base URL when there is no request: relative URLs ("/static/...") resolve against it.
# ".invalid" is reserved (RFC 2606) and never resolves, should anything ever try.
DEFAULT_BASE_URL = "https://gevinst.invalid/"


class ResourceRefused(ValueError):
    """The PDF fetcher does not load this URL (only static files and data: URIs)."""


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


# WeasyPrint is imported on use: importing it (pango through cffi, fontTools) takes ~2 s, a
# cost the many processes that never draw a PDF should not pay at start-up.
@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serve static files from disk and data: URIs; refuse everything else."""

        def __init__(self, base_url: str):
            super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
            static_url = urljoin(base_url, settings.STATIC_URL)
            self.static_origin = _origin(static_url)
            self.static_path = urlsplit(static_url).path
            self.base_url = base_url

        def fetch(self, url: str, headers=None):
            if url[:5].lower() == "data:":
                return super().fetch(url, headers)
            name = self.static_name(url)
            path = self.find(name)
            if path is None:
                raise ResourceRefused(f"static file not found: {name}")
            mime_type, _encoding = mimetypes.guess_type(name)
            with open(path, "rb") as fh:
                body = fh.read()
            return URLFetcherResponse(
                url, body, {"Content-Type": mime_type or "application/octet-stream"})

        def static_name(self, url: str) -> str:
            """The static file name for a URL under STATIC_URL, or ResourceRefused."""
            parts = urlsplit(url)
            if (parts.scheme.lower(), parts.netloc.lower()) != self.static_origin or \
                    not parts.path.startswith(self.static_path):
                raise ResourceRefused(f"not a static file, not fetched: {url}")
            name = unquote(parts.path[len(self.static_path):])
            normal = posixpath.normpath(name)
            if not name or normal != name.rstrip("/") or normal.startswith(("../", "/")) \
                    or normal == "..":
                raise ResourceRefused(f"not a static file name: {url}")
            return normal

        @staticmethod
        def find(name: str) -> str | None:
            # The source tree first (development, tests), then collected files: with the
            # manifest storage, URLs carry hashed names that only exist in STATIC_ROOT.
            found = finders.find(name)
            if isinstance(found, list):
                found = found[0] if found else None
            if found:
                return found
            try:
                if staticfiles_storage.exists(name):
                    return staticfiles_storage.path(name)
            except NotImplementedError:  # a remote storage: nothing on this disk
                return None
            return None

    return StaticOnlyFetcher


def static_fetcher(base_url: str = DEFAULT_BASE_URL):
    """The URL fetcher for PDFs: static files and data: URIs only."""
    return _fetcher_class()(base_url)


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Lay out an HTML document as a (tagged) PDF; resources come from static files only."""
    base_url = base_url or DEFAULT_BASE_URL
    from weasyprint import HTML

    document = HTML(
        string=html, base_url=base_url, url_fetcher=static_fetcher(base_url))
    # Tagged PDF: headings, lists, tables and reading order reach screen readers.
    return document.write_pdf(pdf_tags=True)


def render_pdf(template_name: str, context: dict, *, request=None,
               base_url: str | None = None) -> bytes:
    """Render a Django template and lay it out as PDF.

    With a request, links and static URLs resolve against the site the request came to
    (so links in the PDF point back at it); ``base_url`` overrides that. Static files are
    read from disk whatever the base URL is.
    """
    html = render_to_string(template_name, context, request=request)
    if base_url is None and request is not None:
        base_url = request.build_absolute_uri("/")
    return html_to_pdf(html, base_url=base_url)


def ascii_filename(filename: str) -> str:
    """A filename safe in a Content-Disposition header: ASCII letters, digits, ``.-_``."""
    folded = unicodedata.normalize("NFKD", filename)
    folded = folded.replace("æ", "ae").replace("Æ", "AE").replace("ø", "o").replace("Ø", "O")
    folded = folded.encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"[^A-Za-z0-9._-]+", "-", folded).strip("-.")
    if not folded.lower().endswith(".pdf"):
        folded = f"{folded or 'document'}.pdf"
    return folded


def pdf_response(filename: str, pdf_bytes: bytes) -> HttpResponse:
    """Send a PDF as a download with an ASCII-safe file name."""
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{ascii_filename(filename)}"'
    response["Content-Length"] = str(len(pdf_bytes))
    response["X-Content-Type-Options"] = "nosniff"
    return response
