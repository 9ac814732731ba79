"""API of benefits realisation: the benefit register, initiative links with attribution, the
value profile, measures with their planned trajectory, and measurements (one by one or in
bulk, all or nothing).

Who may do what follows benefits/access.py: contributors and up edit the register; the
portfolio office approves and assesses; a benefit's owner (a line manager, often only a
viewer) records and verifies its measurements and hands it over.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Body, Query, Router, Status

from gevinst.api.auth import Forbidden, api_tenant
from gevinst.api.benefit_schemas import (
    BenefitIn,
    BenefitOut,
    BenefitPage,
    BenefitPatch,
    BenefitQuery,
    LinkIn,
    LinkOut,
    MeasureIn,
    MeasurementOut,
    MeasurementPut,
    MeasurementRow,
    MeasurementsSaved,
    MeasureOut,
    MeasurePatch,
    StatusIn,
    YearOut,
)
from gevinst.api.schemas import ErrorOut
from gevinst.api.versions import pop_version, version_from, version_required
from gevinst.benefits import access, calc
from gevinst.benefits.models import Benefit, BenefitInitiative, Measure, Measurement
from gevinst.benefits.selectors import register
from gevinst.benefits.selectors.benefits import get_benefit, get_measure
from gevinst.benefits.services import benefits as benefit_services
from gevinst.benefits.services import measures as measure_services
from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO
from gevinst.core.models import Organisation, Role, Unit, User
from gevinst.objectives.models import Objective
from gevinst.portfolio.models import Initiative, Programme
from gevinst.portfolio.selectors.initiatives import get_initiative

router = Router(tags=["benefits"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut}
BASE = "/o/{org}/benefits"
# The overview's columns plus the few more a row of the API shows.
ROW_FIELDS = (*register.LIST_FIELDS, "annual_hours", "confidence", "version")


# --- helpers ------------------------------------------------------------------------------


def _benefit(organisation: Organisation, reference: str) -> Benefit:
    return get_benefit(organisation, reference.upper())


def _measures(benefit: Benefit):
    return (Measure.objects.filter(organisation_id=benefit.organisation_id, benefit=benefit)
            .prefetch_related("plan").order_by("order", "pk"))


def _measure(benefit: Benefit, measure_id: int) -> Measure:
    measure = _measures(benefit).filter(pk=measure_id).first()
    if measure is None:
        raise Http404
    measure.benefit = benefit
    return measure


def _measurements(measure: Measure):
    return (Measurement.objects.filter(organisation_id=measure.organisation_id,
                                       measure=measure)
            .select_related("recorded_by", "verified_by").order_by("period"))


def _person(org: Organisation, email: str | None) -> User | None:
    """A member who works with the portfolio (benefit owners are often viewers)."""
    if not email:
        return None
    person = User.objects.filter(
        email__iexact=email, memberships__organisation=org,
        memberships__role__in=[r for r in Role.values if r != Role.EMPLOYEE]).first()
    if person is None:
        raise ValidationError({"owner_email": [_("Choose a person who works with the "
                                                 "portfolio in this organisation.")]})
    return person


def _benefit_fields(org: Organisation, data: dict) -> dict:
    """Turn the API's references (emails, ids, objective references) into objects of
    ``org``; unknown ones are field errors."""
    errors: dict[str, list[str]] = {}
    out: dict = {}
    for key, value in data.items():
        if key == "owner_email":
            try:
                out["owner"] = _person(org, value)
            except ValidationError as exc:
                errors.update(exc.message_dict)
        elif key == "owner_unit_id":
            unit = None
            if value is not None:
                unit = Unit.objects.filter(organisation=org, pk=value).first()
                if unit is None:
                    errors["owner_unit_id"] = [_("Choose a unit of this organisation.")]
            out["owner_unit"] = unit
        elif key == "realising_unit_ids":
            ids = set(value or ())
            units = list(Unit.objects.filter(organisation=org, pk__in=ids))
            if len(units) != len(ids):
                errors["realising_unit_ids"] = [_("Choose units of this organisation.")]
            out["realising_units"] = units
        elif key == "objectives":
            refs = {ref.upper() for ref in value or ()}
            objectives = list(Objective.objects.filter(organisation=org, reference__in=refs))
            if len(objectives) != len(refs):
                missing = sorted(refs - {o.reference for o in objectives})
                errors["objectives"] = [_("This organisation has no objective %(ref)s.")
                                        % {"ref": ", ".join(missing)}]
            out["objectives"] = objectives
        elif key in ("enabling_changes", "description", "beneficiary", "preconditions",
                     "baseline_plan"):
            out[key] = value or ""
        elif key in ("is_disbenefit", "category", "cashability", "confidence",
                     "optimism_adjustment", "valuation_method", "title"):
            if value is None:  # not nullable: null means "leave as it is"
                continue
            out[key] = value
        else:
            out[key] = value
    if errors:
        raise ValidationError(errors)
    return out


def _benefit_out(organisation: Organisation, benefit: Benefit) -> dict:
    page = register.benefit_page(benefit, organisation)
    links = [{"initiative": row.initiative.reference, "title": row.initiative.title,
              "attribution": row.attribution, "annual_value": row.value}
             for row in page.links]
    out = {name: getattr(benefit, name) for name in BenefitOut.model_fields
           if hasattr(benefit, name) and name not in (
               "realising_units", "objectives", "enabling_changes", "links", "measures")}
    out.update(
        owner=benefit.owner, owner_unit=benefit.owner_unit,
        realising_units=page.realising_units,
        objectives=[o.reference for o in page.objectives],
        enabling_changes=benefit.enabling_change_list,
        currency=organisation.currency,
        annual_hours=page.hours, fte=page.fte.quantize(Decimal("0.01")),
        links=links, attribution_total=page.attributed_total,
        profile=[{"year": p.year, "share": p.share, "planned_value": p.planned,
                  "realised_value": p.realised} for p in page.profile],
        npv={"discount_rate": organisation.discount_rate, "base_year": page.base_year,
             "planned": page.npv_planned, "realised": page.npv_realised},
        measures=list(_measures(benefit)),
    )
    return out


def _reload(organisation: Organisation, reference: str) -> dict:
    return _benefit_out(organisation, _benefit(organisation, reference))


def _membership(request):
    return request.api_membership


# --- bulk measurements (before /{benefit}, whose pattern would also match) ----------------


def _row_error(index: int, field: str, message: str) -> dict:
    return {"loc": ["body", "payload", index, field], "msg": message, "type": "value_error"}


@router.post(f"{BASE}/measurements/", response={200: MeasurementsSaved, **ERRORS},
             summary="Record many measurements at once, all or nothing",
             description="Each row names the benefit, the measure and the period (its first "
                         "day). Correcting a measurement that exists needs the `version` you "
                         "read. If any row has an error nothing is saved and the answer "
                         "(422) gives the errors by row index: `loc` is "
                         "`[\"body\", \"payload\", index, field]`. A row for a benefit you "
                         "may not record answers 403 with the same row indices.")
def record_measurements(request, org: str, payload: Body[list[MeasurementRow]]):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        membership = _membership(request)
        refs = {row.benefit.upper() for row in payload}
        benefits = {b.reference: b for b in Benefit.objects.filter(
            organisation=organisation, reference__in=refs).select_related("organisation")}
        measures = {m.pk: m for m in Measure.objects.filter(
            organisation=organisation, benefit__in=benefits.values(),
            pk__in={row.measure_id for row in payload})}
        existing = set(Measurement.objects.filter(
            organisation=organisation, measure_id__in=measures.keys(),
            period__in={row.period for row in payload}).values_list("measure_id", "period"))
        errors: list[dict] = []
        forbidden: list[dict] = []
        entries: list[dict] = []
        positions: list[int] = []  # entry → row index in the payload
        for index, row in enumerate(payload):
            benefit = benefits.get(row.benefit.upper())
            measure = measures.get(row.measure_id)
            if benefit is None:
                errors.append(_row_error(index, "benefit", _(
                    "This organisation has no benefit %(ref)s.") % {"ref": row.benefit}))
                continue
            if measure is None or measure.benefit_id != benefit.pk:
                errors.append(_row_error(index, "measure_id", _(
                    "%(ref)s has no measure %(id)s.") % {"ref": benefit.reference,
                                                         "id": row.measure_id}))
                continue
            if not access.can_record_measurements(membership, benefit):
                forbidden.append(_row_error(index, "benefit", _(
                    "Your role does not allow recording measurements of %(ref)s.")
                    % {"ref": benefit.reference}))
                continue
            if row.actual is None and row.forecast is None:
                errors.append(_row_error(index, "actual",
                                         _("Enter an actual value or a forecast.")))
                continue
            if (measure.pk, row.period) in existing and row.version is None:
                errors.append(_row_error(index, "version", _(
                    "This period has a measurement already: send the version you read to "
                    "correct it.")))
                continue
            measure.benefit = benefit
            entries.append({"measure": measure, "period": row.period, "version": row.version,
                            "data": {"actual": row.actual, "forecast": row.forecast,
                                     "comment": row.comment, "evidence": row.evidence}})
            positions.append(index)
        if forbidden:
            return Status(403, {"detail": forbidden})
        saved = []
        with transaction.atomic():
            try:
                saved = measure_services.do_record_measurements(actor=request.user,
                                                                entries=entries)
            except measure_services.GridErrors as exc:
                for entry_index, fields in sorted(exc.rows.items()):
                    for field, messages in fields.items():
                        errors.extend(_row_error(positions[entry_index], field, msg)
                                      for msg in messages)
            if errors:
                transaction.set_rollback(True)
        if errors:
            errors.sort(key=lambda e: e["loc"][2])
            return Status(422, {"detail": errors})
        rows = list(Measurement.objects.filter(organisation=organisation,
                                               pk__in=[m.pk for m in saved])
                    .select_related("recorded_by", "verified_by").order_by("measure_id",
                                                                             "period"))
        return {"count": len(rows), "results": rows}


# --- the register -------------------------------------------------------------------------


def _id_of(model, organisation: Organisation, field: str, reference: str | None,
           errors: dict, message: str) -> int | None:
    if not reference:
        return None
    pk = (model.objects.filter(organisation=organisation, reference=reference.upper())
          .values_list("pk", flat=True).first())
    if pk is None:
        errors[field] = [message % {"ref": reference}]
    return pk


def _owner_id(organisation: Organisation, owner: str | None, errors: dict) -> int | None:
    if not owner:
        return None
    owner = owner.strip()
    members = User.objects.filter(memberships__organisation=organisation)
    found = (members.filter(pk=int(owner)) if owner.isdigit()
             else members.filter(email__iexact=owner)).values_list("pk", flat=True).first()
    if found is None:
        errors["owner"] = [_("This organisation has no member %(owner)s.") % {"owner": owner}]
    return found


def _initiative_or_422(organisation: Organisation, reference: str | None):
    if not reference:
        return None
    initiative = Initiative.objects.filter(organisation=organisation,
                                           reference=reference.upper()).first()
    if initiative is None:
        raise ValidationError({"initiative": [_("This organisation has no initiative "
                                                "%(ref)s.") % {"ref": reference}]})
    return initiative


@router.get(f"{BASE}/", response={200: BenefitPage, **ERRORS},
            summary="List benefits, with totals",
            description="Filters combine. The totals cover every benefit that matches (not "
                        "only the page), each benefit once however many initiatives share "
                        "it, withdrawn benefits left out; cash-releasing value is kept apart "
                        "from non-cash value and from benefits that are not monetised.")
def list_benefits(request, org: str, filters: Query[BenefitQuery]):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        errors: dict[str, list[str]] = {}
        params: dict = {"q": filters.q, "category": filters.category or "",
                        "status": filters.status or "", "health": filters.health or "",
                        "unit": filters.unit, "sort": filters.sort}
        params["owner"] = _owner_id(organisation, filters.owner, errors)
        params["programme"] = _id_of(Programme, organisation, "programme", filters.programme,
                                     errors, _("This organisation has no programme %(ref)s."))
        params["objective"] = _id_of(Objective, organisation, "objective", filters.objective,
                                     errors, _("This organisation has no objective %(ref)s."))
        initiative = _id_of(Initiative, organisation, "initiative", filters.initiative, errors,
                            _("This organisation has no initiative %(ref)s."))
        if errors:
            raise ValidationError(errors)
        qs, active = register.benefit_overview(organisation, params)
        if initiative is not None:
            qs = qs.filter(Exists(BenefitInitiative.objects.filter(
                organisation=organisation, benefit_id=OuterRef("pk"),
                initiative_id=initiative)))
        size = max(1, min(filters.page_size, 200))
        count = register.count_query(qs).count()
        pages = max(1, math.ceil(count / size))
        page = max(1, min(filters.page, pages))
        results = list(qs.only(*ROW_FIELDS)[(page - 1) * size: page * size])
        totals = register.overview_totals(organisation, active, initiative)
        return {"count": count, "page": page, "pages": pages,
                "currency": organisation.currency, "totals": totals, "results": results}


@router.post(f"{BASE}/", response={201: BenefitOut, **ERRORS},
             summary="Register a benefit",
             description="The benefit starts as identified. Give `initiative` (and "
                         "`attribution`, default 100 %) to link it to an initiative at once.")
def create_benefit(request, org: str, payload: BenefitIn):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        data = payload.dict(exclude_unset=True)
        initiative_ref = data.pop("initiative", None)
        attribution = data.pop("attribution", None)
        initiative = _initiative_or_422(organisation, initiative_ref)
        fields = _benefit_fields(organisation, data)
        title = fields.pop("title")
        benefit = benefit_services.do_create_benefit(
            actor=request.user, organisation=organisation, title=title, initiative=initiative,
            attribution=attribution, **fields)
        return Status(201, _reload(organisation, benefit.reference))


@router.get(f"{BASE}/{{benefit}}", response={200: BenefitOut, **ERRORS},
            summary="Read a benefit with its valuation, links, profile and measures",
            description="Computed: value and hours per year, FTE, achievement, health, next "
                        "due date, each initiative's attributed value, the value profile "
                        "(planned and realised) and its net present value at the "
                        "organisation's discount rate with this year as base year.")
def read_benefit(request, org: str, benefit: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return _reload(organisation, benefit)


@router.patch(f"{BASE}/{{benefit}}", response={200: BenefitOut, **ERRORS},
              summary="Change a benefit",
              description="Send the `version` you read (in the body or as `If-Match`); if "
                          "somebody saved in between, the answer is 409 and nothing changes. "
                          "The status changes only through POST .../status.")
def patch_benefit(request, org: str, benefit: str, payload: BenefitPatch):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        obj = _benefit(organisation, benefit)
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        benefit_services.do_update_benefit(actor=request.user, benefit=obj,
                                           data=_benefit_fields(organisation, data),
                                           expected_version=version)
        return _reload(organisation, obj.reference)


@router.post(f"{BASE}/{{benefit}}/status", response={200: BenefitOut, **ERRORS},
             summary="Move a benefit through its lifecycle",
             description="Identified → profiled → approved → in realisation → handed over → "
                         "realised, partly realised or not realised; withdrawn needs a "
                         "comment. Approval (portfolio office) needs an owner and, for every "
                         "measure, a baseline (or a dated plan to get one) and a target; a "
                         "refusal (422) lists every unmet rule. The owner may hand over.")
def change_status(request, org: str, benefit: str, payload: StatusIn):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        obj = _benefit(organisation, benefit)
        if not access.can_change_status(_membership(request), obj, payload.status):
            raise Forbidden
        benefit_services.do_change_benefit_status(
            actor=request.user, benefit=obj, status=payload.status, comment=payload.comment,
            expected_version=version_from(request, payload.version))
        return _reload(organisation, obj.reference)


@router.put(f"{BASE}/{{benefit}}/links/{{reference}}",
            response={200: LinkOut, 201: LinkOut, **ERRORS},
            summary="Link an initiative with its share, or change the share",
            description="The shares of a benefit add up to at most 100 %, so that it is "
                        "never counted twice; a share that passes that is refused (422).")
def put_link(request, org: str, benefit: str, reference: str, payload: LinkIn):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        obj = _benefit(organisation, benefit)
        initiative = get_initiative(organisation, reference)
        exists = BenefitInitiative.objects.filter(organisation=organisation, benefit=obj,
                                                  initiative=initiative).exists()
        link = benefit_services.do_link_initiative(actor=request.user, benefit=obj,
                                                   initiative=initiative,
                                                   attribution=payload.attribution)
        out = {"initiative": initiative.reference, "title": initiative.title,
               "attribution": link.attribution,
               "annual_value": calc.attributed(obj.annual_value, link.attribution)}
        return Status(200 if exists else 201, out)


@router.delete(f"{BASE}/{{benefit}}/links/{{reference}}", response={204: None, **ERRORS},
               summary="Unlink an initiative")
def delete_link(request, org: str, benefit: str, reference: str):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        obj = _benefit(organisation, benefit)
        initiative = get_initiative(organisation, reference)
        if not BenefitInitiative.objects.filter(organisation=organisation, benefit=obj,
                                                initiative=initiative).exists():
            raise Http404
        benefit_services.do_unlink_initiative(actor=request.user, benefit=obj,
                                              initiative=initiative)
        return Status(204, None)


@router.put(f"{BASE}/{{benefit}}/profile", response={200: list[YearOut], **ERRORS},
            summary="Replace the value profile",
            description="A JSON object of year → share (%) of the full yearly value planned "
                        "for that year, e.g. `{\"2026\": 50, \"2027\": 100}`; years left out "
                        "are removed.")
def put_profile(request, org: str, benefit: str,
                payload: Body[dict[int, Decimal | None]]):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        obj = _benefit(organisation, benefit)
        benefit_services.do_set_value_profile(actor=request.user, benefit=obj, shares=payload)
        page = register.benefit_page(obj, organisation)
        return [{"year": p.year, "share": p.share, "planned_value": p.planned,
                 "realised_value": p.realised} for p in page.profile]


# --- measures -----------------------------------------------------------------------------


@router.get(f"{BASE}/{{benefit}}/measures/", response={200: list[MeasureOut], **ERRORS},
            tags=["benefit measures"], summary="A benefit's measures with their plans")
def list_measures(request, org: str, benefit: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return list(_measures(_benefit(organisation, benefit)))


@router.post(f"{BASE}/{{benefit}}/measures/", response={201: MeasureOut, **ERRORS},
             tags=["benefit measures"], summary="Add a measure")
def create_measure(request, org: str, benefit: str, payload: MeasureIn):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        obj = _benefit(organisation, benefit)
        data = _measure_data(payload.dict(exclude_unset=True))
        measure = measure_services.do_create_measure(actor=request.user, benefit=obj, **data)
        return Status(201, _measure(obj, measure.pk))


def _measure_data(data: dict) -> dict:
    """Nulls of fields that cannot be empty mean "leave as it is"; text fields become ''."""
    out = {}
    for key, value in data.items():
        if key in ("data_source", "method", "baseline_evidence"):
            out[key] = value or ""
        elif value is None and key in ("name", "unit", "direction", "frequency", "tolerance",
                                       "order"):
            continue
        else:
            out[key] = value
    return out


@router.patch(f"{BASE}/{{benefit}}/measures/{{measure_id}}",
              response={200: MeasureOut, **ERRORS}, tags=["benefit measures"],
              summary="Change a measure",
              description="Send the `version` you read (in the body or as `If-Match`).")
def patch_measure(request, org: str, benefit: str, measure_id: int, payload: MeasurePatch):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        obj = _benefit(organisation, benefit)
        measure = get_measure(obj, measure_id)
        measure.benefit = obj
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        measure_services.do_update_measure(actor=request.user, measure=measure,
                                           data=_measure_data(data), expected_version=version)
        return _measure(obj, measure_id)


@router.delete(f"{BASE}/{{benefit}}/measures/{{measure_id}}", response={204: None, **ERRORS},
               tags=["benefit measures"], summary="Remove a measure without measurements")
def delete_measure(request, org: str, benefit: str, measure_id: int):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        obj = _benefit(organisation, benefit)
        measure = get_measure(obj, measure_id)
        measure.benefit = obj
        measure_services.do_delete_measure(actor=request.user, measure=measure)
        return Status(204, None)


@router.put(f"{BASE}/{{benefit}}/measures/{{measure_id}}/plan",
            response={200: MeasureOut, **ERRORS}, tags=["benefit measures"],
            summary="Replace a measure's planned trajectory",
            description="A JSON object of period (its first day) → planned value, e.g. "
                        "`{\"2026-01-01\": 175, \"2026-04-01\": 250}`; periods left out are "
                        "removed.")
def put_plan(request, org: str, benefit: str, measure_id: int,
             payload: Body[dict[dt.date, Decimal | None]]):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        obj = _benefit(organisation, benefit)
        measure = get_measure(obj, measure_id)
        measure.benefit = obj
        measure_services.do_set_plan(actor=request.user, measure=measure, values=payload)
        return _measure(obj, measure_id)


# --- measurements -------------------------------------------------------------------------


@router.get(f"{BASE}/{{benefit}}/measures/{{measure_id}}/measurements/",
            response={200: list[MeasurementOut], **ERRORS}, tags=["benefit measures"],
            summary="A measure's measurements, oldest period first")
def list_measurements(request, org: str, benefit: str, measure_id: int):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return list(_measurements(get_measure(_benefit(organisation, benefit), measure_id)))


@router.put(f"{BASE}/{{benefit}}/measures/{{measure_id}}/measurements/{{period}}",
            response={200: MeasurementOut, 201: MeasurementOut, **ERRORS},
            tags=["benefit measures"], summary="Record or correct the measurement of a period",
            description="`period` is the first day of the measure's period. A new "
                        "measurement answers 201; correcting one needs the `version` you read "
                        "(428 without, 409 if it changed) and removes its verification. The "
                        "benefit's owner may record even with a viewer's role.")
def put_measurement(request, org: str, benefit: str, measure_id: int, period: dt.date,
                    payload: MeasurementPut):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        obj = _benefit(organisation, benefit)
        if not access.can_record_measurements(_membership(request), obj):
            raise Forbidden
        measure = get_measure(obj, measure_id)
        measure.benefit = obj
        data = payload.dict()
        version = pop_version(request, data)
        exists = _measurements(measure).filter(period=period).exists()
        if exists and version is None:
            return version_required()
        row = measure_services.do_record_measurement(
            actor=request.user, measure=measure, period=period, data=data,
            expected_version=version)
        return Status(200 if exists else 201, _measurements(measure).get(pk=row.pk))


@router.post(f"{BASE}/{{benefit}}/measures/{{measure_id}}/measurements/{{period}}/verify",
             response={200: MeasurementOut, **ERRORS}, tags=["benefit measures"],
             summary="Verify the measurement of a period",
             description="By the portfolio office or the benefit's owner, and not by the "
                         "person who recorded the figure.")
def verify_measurement(request, org: str, benefit: str, measure_id: int, period: dt.date):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        obj = _benefit(organisation, benefit)
        if not access.can_verify_measurements(_membership(request), obj):
            raise Forbidden
        measure = get_measure(obj, measure_id)
        row = _measurements(measure).filter(period=period).first()
        if row is None:
            raise Http404
        measure_services.do_verify_measurement(actor=request.user, measurement=row)
        return _measurements(measure).get(pk=row.pk)

