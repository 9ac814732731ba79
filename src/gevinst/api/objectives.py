"""API of objectives: the tree with what contributes and what is off track, one objective's
KPIs, initiatives and benefits, KPIs, and KPI measurements.

Who may do what follows objectives/access.py: everyone who works with the portfolio reads;
the portfolio office (PMO) and admins set objectives and KPIs; they and the objective's owner
record, correct and delete KPI measurements. Edits carry the version that was read (in the
body or as ``If-Match``): 428 without it, 409 when somebody saved in between.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from gevinst.api.auth import Forbidden, api_tenant
from gevinst.api.objective_schemas import (
    KpiIn,
    KpiMeasurementIn,
    KpiMeasurementOut,
    KpiMeasurementPatch,
    KpiOut,
    KpiPatch,
    ObjectiveIn,
    ObjectiveList,
    ObjectiveOut,
    ObjectivePatch,
)
from gevinst.api.schemas import ErrorOut
from gevinst.api.versions import pop_version, version_required
from gevinst.core.access import READ_PORTFOLIO
from gevinst.core.models import Organisation, Role, User
from gevinst.objectives import access, calc
from gevinst.objectives import services as objective_services
from gevinst.objectives.models import Kpi, KpiMeasurement, Objective
from gevinst.objectives.selectors import overview
from gevinst.objectives.selectors.kpis import kpi_state, measurement_row, with_latest
from gevinst.objectives.selectors.lookups import find_kpi, get_kpi_measurement, get_objective
from gevinst.objectives.selectors.page import objective_page

router = Router(tags=["objectives"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut}
BASE = "/o/{org}"


class ObjectiveQuery(Schema):
    q: str = Field("", description="Words in the reference or title")
    off_track: bool = Field(False, description="Only objectives with something off track")


# --- helpers ------------------------------------------------------------------------------


def _renamed(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    """The service's field errors under the API's field names (owner → owner_email)."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({names.get(k, k): v for k, v in exc.message_dict.items()})


def _manage(request) -> None:
    if not access.can_manage(request.api_membership):
        raise Forbidden


def _kpi_out(kpi: Kpi, state: calc.KpiState) -> dict:
    return {
        "reference": kpi.reference, "objective": kpi.objective.reference, "name": kpi.name,
        "description": kpi.description, "unit": kpi.unit, "direction": kpi.direction,
        "data_source": kpi.data_source, "baseline_value": kpi.baseline_value,
        "baseline_date": kpi.baseline_date, "target_value": kpi.target_value,
        "target_date": kpi.target_date, "tolerance": kpi.tolerance,
        "latest_value": state.latest_value, "latest_on": state.latest_on,
        "achievement": state.achievement, "expected": state.expected,
        "expected_today": state.expected_today, "health": state.health,
        "version": kpi.version,
    }


def _kpi(organisation: Organisation, reference: str) -> Kpi:
    return find_kpi(organisation, reference)


def _kpi_reloaded(organisation: Organisation, reference: str) -> dict:
    kpi = (with_latest(Kpi.objects.filter(organisation=organisation,
                                          reference=reference.upper()), organisation)
           .select_related("objective").get())
    return _kpi_out(kpi, kpi_state(kpi, kpi.latest_value, kpi.latest_on,
                                   timezone.localdate()))


def _measurement_out(organisation: Organisation, kpi: Kpi, m: KpiMeasurement) -> dict:
    row = measurement_row(kpi, m, organisation)
    return {"id": m.pk, "kpi": kpi.reference, "measured_on": m.measured_on, "value": m.value,
            "comment": m.comment, "achievement": row.achievement, "expected": row.expected,
            "expected_value": row.expected_value.quantize(Decimal("0.0001")),
            "health": row.health, "recorded_by": m.recorded_by, "recorded_at": m.recorded_at,
            "version": m.version}


def _objective_fields(organisation: Organisation, data: dict) -> dict:
    """Turn the API's references (parent reference, owner email) into objects of
    ``organisation``; unknown ones are field errors."""
    errors: dict[str, list[str]] = {}
    out: dict = {}
    for key, value in data.items():
        if key == "parent":
            parent = None
            if value:
                parent = Objective.objects.filter(organisation=organisation,
                                                  reference=value.upper()).first()
                if parent is None:
                    errors["parent"] = [_("This organisation has no objective %(ref)s.")
                                        % {"ref": value}]
            out["parent"] = parent
        elif key == "owner_email":
            owner = None
            if value:
                owner = User.objects.filter(
                    email__iexact=value, memberships__organisation=organisation,
                    memberships__role__in=[r for r in Role.values if r != Role.EMPLOYEE],
                ).first()
                if owner is None:
                    errors["owner_email"] = [_("Choose a person who works with the portfolio "
                                               "in this organisation.")]
            out["owner"] = owner
        elif key == "description":
            out[key] = value or ""
        elif key == "title":
            if value is not None:  # not nullable: null means "leave as it is"
                out[key] = value
        else:
            out[key] = value
    if errors:
        raise ValidationError(errors)
    return out


def _objective_out(organisation: Organisation, objective: Objective) -> dict:
    page = objective_page(objective, organisation, timezone.localdate())
    return {
        "reference": objective.reference, "title": objective.title,
        "description": objective.description,
        "parent": objective.parent.reference if objective.parent_id else None,
        "children": [c.reference for c in page.children], "owner": objective.owner,
        "health": page.health,
        "kpis": [_kpi_out(v.kpi, v.state) for v in page.kpis],
        "initiatives": [{
            "reference": r.initiative.reference, "title": r.initiative.title,
            "phase": r.initiative.phase.key, "status": r.initiative.status,
            "rag": r.initiative.rag, "benefit_count": r.benefit_count,
            "annual_value": r.value} for r in page.initiatives],
        "benefits": [{
            "reference": r.benefit.reference, "title": r.benefit.title,
            "status": r.benefit.status, "health": r.benefit.health,
            "cashability": r.benefit.cashability, "achievement": r.benefit.achievement,
            "annual_value": r.benefit.annual_value, "direct": r.direct,
            "through": [ref for ref, _share in r.through]} for r in page.benefits],
        "currency": organisation.currency, "totals": page.totals,
        "off_track": {"kpis": [v.kpi.reference for v in page.off_track.kpis],
                      "benefits": [r.benefit.reference for r in page.off_track.benefits],
                      "initiatives": [r.initiative.reference
                                      for r in page.off_track.initiatives]},
        "version": objective.version,
    }


def _reload(organisation: Organisation, reference: str) -> dict:
    return _objective_out(organisation, get_objective(organisation, reference))


# --- objectives ---------------------------------------------------------------------------


@router.get(f"{BASE}/objectives/", response={200: ObjectiveList, **ERRORS},
            summary="List objectives (the tree), with KPIs and what is off track",
            description="Depth first: each objective before its sub-objectives. Each row has "
                        "its KPIs with their latest value, achievement and health, how many "
                        "initiatives and benefits contribute (benefits linked to it or to its "
                        "initiatives, each once), their yearly value (each benefit once at "
                        "100 %, withdrawn left out) and what is off track.")
def list_objectives(request, org: str, filters: Query[ObjectiveQuery]):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        rows = overview.filter_rows(
            overview.objective_overview(organisation, timezone.localdate()),
            q=filters.q.strip(), off_track_only=filters.off_track)
        results = []
        for row in rows:
            o = row.objective
            results.append({
                "reference": o.reference, "title": o.title,
                "parent": row.parent.reference if row.parent else None, "depth": row.depth,
                "owner": o.owner, "health": row.health,
                "kpis": [_kpi_out(line.kpi, line.state) for line in row.kpis],
                "initiative_count": row.initiative_count,
                "benefit_count": row.benefit_count, "annual_value": row.value,
                "off_track": {"kpis_behind": row.off_track.kpis_behind,
                              "kpis_not_measured": row.off_track.kpis_not_measured,
                              "benefits": row.off_track.benefits,
                              "initiatives": row.off_track.initiatives},
                "is_off_track": bool(row.off_track), "version": o.version})
        return {"count": len(results), "currency": organisation.currency,
                "results": results}


@router.post(f"{BASE}/objectives/", response={201: ObjectiveOut, **ERRORS},
             summary="Create an objective", description="Portfolio office and admins.")
def create_objective(request, org: str, payload: ObjectiveIn):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        _manage(request)
        fields = _objective_fields(organisation, payload.dict())
        try:
            objective = objective_services.do_create_objective(
                actor=request.user, organisation=organisation, **fields)
        except ValidationError as exc:
            raise _renamed(exc, {"owner": "owner_email"}) from exc
        return Status(201, _reload(organisation, objective.reference))


@router.get(f"{BASE}/objectives/{{objective}}", response={200: ObjectiveOut, **ERRORS},
            summary="Read an objective with its KPIs and what contributes",
            description="The contributing initiatives (linked to the objective) with their "
                        "attributed share of their benefits' value; the contributing benefits "
                        "(linked to it or to its initiatives) with how each is linked; totals "
                        "that count each benefit once at 100 %; and what is off track.")
def read_objective(request, org: str, objective: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return _reload(organisation, objective)


@router.patch(f"{BASE}/objectives/{{objective}}", response={200: ObjectiveOut, **ERRORS},
              summary="Change an objective",
              description="Send the `version` you read (in the body or as `If-Match`); if "
                          "somebody saved in between, the answer is 409 and nothing changes.")
def patch_objective(request, org: str, objective: str, payload: ObjectivePatch):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        _manage(request)
        obj = get_objective(organisation, objective)
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        try:
            objective_services.do_update_objective(
                actor=request.user, objective=obj,
                data=_objective_fields(organisation, data), expected_version=version)
        except ValidationError as exc:
            raise _renamed(exc, {"owner": "owner_email"}) from exc
        return _reload(organisation, obj.reference)


# --- KPIs ---------------------------------------------------------------------------------


@router.get(f"{BASE}/objectives/{{objective}}/kpis", response={200: list[KpiOut], **ERRORS},
            tags=["KPIs"], summary="An objective's KPIs with their latest state")
def list_kpis(request, org: str, objective: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        obj = get_objective(organisation, objective)
        today = timezone.localdate()
        kpis = with_latest(Kpi.objects.filter(organisation=organisation, objective=obj),
                           organisation).order_by("number")
        out = []
        for kpi in kpis:
            kpi.objective = obj
            out.append(_kpi_out(kpi, kpi_state(kpi, kpi.latest_value, kpi.latest_on, today)))
        return out


@router.post(f"{BASE}/objectives/{{objective}}/kpis", response={201: KpiOut, **ERRORS},
             tags=["KPIs"], summary="Add a KPI to an objective",
             description="The target lies on the wanted side of the baseline, and the target "
                         "date after the baseline date. Portfolio office and admins.")
def create_kpi(request, org: str, objective: str, payload: KpiIn):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        _manage(request)
        obj = get_objective(organisation, objective)
        data = payload.dict(exclude_unset=True)
        kpi = objective_services.do_create_kpi(actor=request.user, objective=obj, **data)
        return Status(201, _kpi_reloaded(organisation, kpi.reference))


@router.get(f"{BASE}/kpis/{{kpi}}", response={200: KpiOut, **ERRORS}, tags=["KPIs"],
            summary="Read a KPI with its latest state")
def read_kpi(request, org: str, kpi: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        _kpi(organisation, kpi)
        return _kpi_reloaded(organisation, kpi)


@router.patch(f"{BASE}/kpis/{{kpi}}", response={200: KpiOut, **ERRORS}, tags=["KPIs"],
              summary="Change a KPI",
              description="Send the `version` you read (in the body or as `If-Match`).")
def patch_kpi(request, org: str, kpi: str, payload: KpiPatch):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        _manage(request)
        item = _kpi(organisation, kpi)
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        for key in ("name", "direction", "baseline_value", "baseline_date", "target_value",
                    "target_date", "tolerance"):
            if key in data and data[key] is None:  # not nullable: null leaves it as it is
                del data[key]
        objective_services.do_update_kpi(actor=request.user, kpi=item, data=data,
                                         expected_version=version)
        return _kpi_reloaded(organisation, item.reference)


# --- KPI measurements ---------------------------------------------------------------------


def _measurements(kpi: Kpi):
    return (KpiMeasurement.objects.filter(organisation_id=kpi.organisation_id, kpi=kpi)
            .select_related("recorded_by").order_by("measured_on"))


def _recordable(request, organisation: Organisation, reference: str) -> Kpi:
    kpi = _kpi(organisation, reference)
    if not access.can_record(request.api_membership, kpi.objective):
        raise Forbidden
    return kpi


@router.get(f"{BASE}/kpis/{{kpi}}/measurements", response={200: list[KpiMeasurementOut],
                                                           **ERRORS},
            tags=["KPIs"], summary="A KPI's measurements, oldest first",
            description="Each with its achievement, the achievement and value the straight "
                        "line from baseline to target expected on its day, and its health.")
def list_measurements(request, org: str, kpi: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        item = _kpi(organisation, kpi)
        return [_measurement_out(organisation, item, m) for m in _measurements(item)]


@router.post(f"{BASE}/kpis/{{kpi}}/measurements",
             response={200: KpiMeasurementOut, 201: KpiMeasurementOut, **ERRORS},
             tags=["KPIs"], summary="Record a KPI's value on a day",
             description="One measurement per KPI and day: a new day answers 201; a day that "
                         "has one is corrected only with the `version` you read (428 without, "
                         "409 if it changed) and answers 200. By the portfolio office, admins "
                         "and the objective's owner (even with a viewer's role).")
def record_measurement(request, org: str, kpi: str, payload: KpiMeasurementIn):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        item = _recordable(request, organisation, kpi)
        data = payload.dict()
        version = pop_version(request, data)
        exists = _measurements(item).filter(measured_on=payload.measured_on).exists()
        if exists and version is None:
            return version_required()
        row = objective_services.do_record_kpi_measurement(
            actor=request.user, kpi=item, measured_on=data["measured_on"],
            value=data["value"], comment=data["comment"],
            expected_version=version if exists else None)
        return Status(200 if exists else 201, _measurement_out(
            organisation, item, _measurements(item).get(pk=row.pk)))


@router.patch(f"{BASE}/kpis/{{kpi}}/measurements/{{kpi_measurement_id}}",
              response={200: KpiMeasurementOut, **ERRORS}, tags=["KPIs"],
              summary="Correct a KPI measurement (its day, value or comment)",
              description="Send the `version` you read (in the body or as `If-Match`).")
def patch_measurement(request, org: str, kpi: str, kpi_measurement_id: int,
                      payload: KpiMeasurementPatch):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        item = _recordable(request, organisation, kpi)
        row = get_kpi_measurement(item, kpi_measurement_id)
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        for key in ("measured_on", "value"):
            if key in data and data[key] is None:
                del data[key]
        objective_services.do_update_kpi_measurement(actor=request.user, measurement=row,
                                                     data=data, expected_version=version)
        return _measurement_out(organisation, item, _measurements(item).get(pk=row.pk))


@router.delete(f"{BASE}/kpis/{{kpi}}/measurements/{{kpi_measurement_id}}",
               response={204: None, **ERRORS}, tags=["KPIs"],
               summary="Delete a KPI measurement",
               description="With an `If-Match` version, a measurement changed meanwhile is "
                           "not deleted (409).")
def delete_measurement(request, org: str, kpi: str, kpi_measurement_id: int):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        item = _recordable(request, organisation, kpi)
        row = get_kpi_measurement(item, kpi_measurement_id)
        objective_services.do_delete_kpi_measurement(
            actor=request.user, measurement=row,
            expected_version=pop_version(request, {}))
        return Status(204, None)
