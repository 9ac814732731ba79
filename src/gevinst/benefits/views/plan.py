"""The benefits map and the benefits realisation plan of an initiative or a programme.

The plan is a page (in the reader's language) and a PDF (in the organisation's language,
whatever language the reader chose: it is the document owners sign). The PDF is rendered
synchronously in the request: WeasyPrint needs about a second for a plan with one benefit
and 0.2–0.4 s of CPU for each further one, so a typical initiative's plan takes a few
seconds. A PDF is bounded to ``PDF_LIMIT`` (50) benefits, well within the server's 60 s
timeout; a larger programme gets the page (which details up to ``PLAN_LIMIT`` benefits)
and a message instead of the PDF.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gevinst.benefits.selectors import plan as selectors
from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO, has_role, role_required
from gevinst.core.pdf import pdf_response, render_pdf
from gevinst.portfolio.defaults import LANGUAGE_BY_COUNTRY
from gevinst.portfolio.selectors.initiatives import get_initiative
from gevinst.portfolio.selectors.programmes import get_programme

# Heading levels of the plan's parts: (section, benefit, part of a benefit). The page sits
# under the initiative's or programme's h1 and the plan's h2; the PDF's title is its h1.
PAGE_LEVELS = {"h_section": 3, "h_benefit": 4, "h_part": 5}
PDF_LEVELS = {"h_section": 2, "h_benefit": 3, "h_part": 4}


def _initiative_scope(request, reference):
    org = request.organisation
    return selectors.initiative_scope(get_initiative(org, reference), org)


def _programme_scope(request, programme):
    org = request.organisation
    return selectors.programme_scope(get_programme(org, programme), org)


def _context(request, scope, tab: str) -> dict:
    org = request.organisation
    context = {"scope": scope, "subject_tab": tab, "tab": "benefits",
               "can_write": has_role(request.membership, WRITE_PORTFOLIO)}
    if scope.is_programme:
        context["programme"] = scope.subject
        kwargs = {"org_slug": org.slug, "programme": scope.reference}
        prefix = "programme"
    else:
        context["initiative"] = scope.subject
        kwargs = {"org_slug": org.slug, "reference": scope.reference}
        prefix = "initiative"
    context["pdf_available"] = len(scope.rows) <= selectors.PDF_LIMIT
    context["pdf_limit"] = selectors.PDF_LIMIT
    context["urls"] = {
        "map": reverse(f"{prefix}_benefit_map", kwargs=kwargs),
        "plan": reverse(f"{prefix}_benefit_plan", kwargs=kwargs),
        "pdf": reverse(f"{prefix}_benefit_plan_pdf", kwargs=kwargs),
    }
    return context


# --------------------------------------------------------------------------- map

def _map_page(request, scope):
    context = _context(request, scope, "map")
    context["map"] = selectors.benefits_map(scope)
    return render(request, "benefits/plan/map.html", context)


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_benefit_map(request, org_slug, reference):
    return _map_page(request, _initiative_scope(request, reference))


@role_required(READ_PORTFOLIO)
@require_GET
def programme_benefit_map(request, org_slug, programme):
    return _map_page(request, _programme_scope(request, programme))


# --------------------------------------------------------------------------- plan

def _plan_page(request, scope):
    context = _context(request, scope, "plan")
    context["plan"] = selectors.benefits_plan(scope)
    context.update(PAGE_LEVELS)
    return render(request, "benefits/plan/plan.html", context)


def organisation_language(organisation) -> str:
    return LANGUAGE_BY_COUNTRY.get(organisation.country, settings.LANGUAGE_CODE)


def _plan_pdf(request, scope):
    org = request.organisation
    if len(scope.rows) > selectors.PDF_LIMIT:
        messages.error(request, _(
            "The plan has %(count)s benefits, more than the %(limit)s a PDF can hold. "
            "Make a plan per initiative instead.") % {
            "count": len(scope.rows), "limit": selectors.PDF_LIMIT})
        if scope.is_programme:
            return redirect("programme_benefit_plan", org_slug=org.slug,
                            programme=scope.reference)
        return redirect("initiative_benefit_plan", org_slug=org.slug,
                        reference=scope.reference)
    # The organisation's language, not the reader's: everything that turns into text
    # (labels, dates, the map) is built inside the override.
    with translation.override(organisation_language(org)):
        plan = selectors.benefits_plan(scope)
        context = {"org": org, "scope": scope, "plan": plan, **PDF_LEVELS, "pdf": True}
        pdf = render_pdf("benefits/plan/plan_pdf.html", context, request=request)
        filename = f"{scope.reference}-{slugify(_('Benefits realisation plan'))}.pdf"
    return pdf_response(filename, pdf)


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_benefit_plan(request, org_slug, reference):
    return _plan_page(request, _initiative_scope(request, reference))


@role_required(READ_PORTFOLIO)
@require_GET
def programme_benefit_plan(request, org_slug, programme):
    return _plan_page(request, _programme_scope(request, programme))


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_benefit_plan_pdf(request, org_slug, reference):
    return _plan_pdf(request, _initiative_scope(request, reference))


@role_required(READ_PORTFOLIO)
@require_GET
def programme_benefit_plan_pdf(request, org_slug, programme):
    return _plan_pdf(request, _programme_scope(request, programme))


urlpatterns = [
    path("initiatives/<str:reference>/benefits/map/", initiative_benefit_map,
         name="initiative_benefit_map"),
    path("initiatives/<str:reference>/benefits/plan/", initiative_benefit_plan,
         name="initiative_benefit_plan"),
    path("initiatives/<str:reference>/benefits/plan.pdf", initiative_benefit_plan_pdf,
         name="initiative_benefit_plan_pdf"),
    path("programmes/<str:programme>/benefits/map/", programme_benefit_map,
         name="programme_benefit_map"),
    path("programmes/<str:programme>/benefits/plan/", programme_benefit_plan,
         name="programme_benefit_plan"),
    path("programmes/<str:programme>/benefits/plan.pdf", programme_benefit_plan_pdf,
         name="programme_benefit_plan_pdf"),
]
