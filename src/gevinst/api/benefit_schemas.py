"""Schemas of the benefits realisation API (src/gevinst/api/benefits.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from gevinst.api.schemas import PersonOut
from gevinst.api.versions import VERSION_HELP

Category = Literal["cash_releasing", "capacity_freed", "service_quality", "citizens",
                   "public_bodies", "risk", "workforce", "environment"]
Cashability = Literal["cash", "non_cash", "not_monetised"]
Confidence = Literal["high", "medium", "low"]
BenefitStatus = Literal["identified", "profiled", "approved", "in_realisation", "handed_over",
                        "realised", "partly_realised", "not_realised", "withdrawn"]
Valuation = Literal["time_saved", "unit_cost", "contract", "not_monetised"]
Health = Literal["on_track", "within_tolerance", "behind", "not_measured", "no_data"]
Direction = Literal["increase", "decrease"]
Frequency = Literal["monthly", "quarterly", "half_yearly", "yearly"]


# --- list ---------------------------------------------------------------------------------


class BenefitQuery(Schema):
    q: str = Field("", description="Words in the reference or title")
    category: Category | None = None
    status: BenefitStatus | None = None
    health: Health | None = None
    owner: str | None = Field(None, description="The owner's email or user id")
    unit: int | None = Field(None, description="Id of the receiving or a realising unit")
    programme: str | None = Field(None, description="Reference of a programme: benefits "
                                                    "of its initiatives")
    initiative: str | None = Field(None, description="Reference of a linked initiative")
    objective: str | None = Field(None, description="Reference of a linked objective")
    sort: str = Field("-reference", description="reference, title, category, owner, unit, "
                                                "status, health, achievement, next_due or "
                                                "value; a leading '-' reverses")
    page: int = 1
    page_size: int = 50


class BenefitRow(Schema):
    reference: str
    title: str
    is_disbenefit: bool
    category: Category
    cashability: Cashability
    status: BenefitStatus
    health: Health
    owner: PersonOut | None
    owner_unit_id: int | None
    confidence: Confidence
    annual_value: Decimal = Field(description="Value per year at full realisation")
    annual_hours: Decimal = Field(description="Hours freed per year (time saved)")
    achievement: Decimal | None = Field(description="Achievement (%) of the main measure")
    next_due: dt.date | None = Field(description="When the next measurement is due")
    version: int


class TotalsOut(Schema):
    count: int = Field(description="Benefits counted (withdrawn ones are left out)")
    withdrawn_count: int = Field(description="Withdrawn benefits left out of the totals")
    cash: Decimal = Field(description="Cash-releasing value per year")
    cash_count: int
    non_cash: Decimal = Field(description="Non-cash value per year (capacity freed)")
    non_cash_count: int
    non_cash_hours: Decimal = Field(description="Hours freed per year by non-cash benefits")
    not_monetised_count: int = Field(description="Benefits that are not monetised")


class BenefitPage(Schema):
    count: int
    page: int
    pages: int
    currency: str
    totals: TotalsOut = Field(description="Over every benefit that matches the filters "
                                          "(not only this page), each benefit once, "
                                          "withdrawn benefits left out")
    results: list[BenefitRow]


# --- one benefit --------------------------------------------------------------------------


class LinkOut(Schema):
    initiative: str = Field(description="Reference of the initiative")
    title: str
    attribution: Decimal = Field(description="The initiative's share of the benefit (%)")
    annual_value: Decimal = Field(description="The attributed value per year")


class YearOut(Schema):
    year: int
    share: Decimal = Field(description="Planned share of the full yearly value (%)")
    planned_value: Decimal = Field(description="After the optimism adjustment")
    realised_value: Decimal | None


class NpvOut(Schema):
    discount_rate: Decimal
    base_year: int
    planned: Decimal | None = Field(description="NPV of the planned value profile "
                                                "(null without a profile)")
    realised: Decimal | None = Field(description="NPV of the values realised so far (null "
                                                 "before any)")


class PlannedOut(Schema):
    period: dt.date
    value: Decimal


class MeasureOut(Schema):
    id: int
    order: int
    name: str
    unit: str
    direction: Direction
    data_source: str
    method: str
    frequency: Frequency
    baseline_value: Decimal | None
    baseline_date: dt.date | None
    baseline_evidence: str
    target_value: Decimal | None
    target_date: dt.date | None
    tolerance: Decimal = Field(description="Percentage points")
    health: Health
    achievement: Decimal | None
    next_due: dt.date | None
    plan: list[PlannedOut] = Field(description="The planned trajectory, per period")
    version: int

    @staticmethod
    def resolve_plan(obj) -> list:
        return list(obj.plan.all())


class UnitRef(Schema):
    id: int
    name: str


class BenefitOut(Schema):
    reference: str
    title: str
    description: str
    is_disbenefit: bool
    category: Category
    beneficiary: str
    cashability: Cashability
    owner: PersonOut | None
    owner_unit: UnitRef | None
    realising_units: list[UnitRef]
    objectives: list[str] = Field(description="References of the linked objectives")
    enabling_changes: list[str] = Field(description="One change per item")
    preconditions: str
    confidence: Confidence
    optimism_adjustment: Decimal
    status: BenefitStatus
    status_comment: str
    baseline_plan_date: dt.date | None
    baseline_plan: str
    handed_over_on: dt.date | None
    valuation_method: Valuation
    minutes_per_case: Decimal | None
    cases_per_year: Decimal | None
    unit_cost: Decimal | None
    units_per_year: Decimal | None
    contract_cost_before: Decimal | None
    contract_cost_after: Decimal | None
    currency: str
    annual_value: Decimal = Field(description="Value per year at full realisation "
                                              "(negative for a dis-benefit)")
    annual_hours: Decimal
    fte: Decimal = Field(description="Hours ÷ the organisation's productive hours per FTE")
    achievement: Decimal | None
    health: Health
    next_due: dt.date | None
    last_measured: dt.date | None
    links: list[LinkOut]
    attribution_total: Decimal = Field(description="Sum of the initiatives' shares (%)")
    profile: list[YearOut]
    npv: NpvOut
    measures: list[MeasureOut]
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int = Field(description="Send back on PATCH to detect concurrent edits")


class _BenefitFields(Schema):
    description: str | None = None
    is_disbenefit: bool | None = None
    category: Category | None = None
    beneficiary: str | None = Field(None, max_length=200)
    cashability: Cashability | None = None
    owner_email: str | None = Field(None, description="A line manager in the unit that gains")
    owner_unit_id: int | None = None
    realising_unit_ids: list[int] | None = None
    objectives: list[str] | None = Field(None, description="References of objectives")
    enabling_changes: str | None = Field(None, description="One change per line")
    preconditions: str | None = None
    confidence: Confidence | None = None
    optimism_adjustment: Decimal | None = Field(None, ge=0, le=100)
    baseline_plan_date: dt.date | None = None
    baseline_plan: str | None = None
    valuation_method: Valuation | None = None
    minutes_per_case: Decimal | None = None
    cases_per_year: Decimal | None = None
    unit_cost: Decimal | None = None
    units_per_year: Decimal | None = None
    contract_cost_before: Decimal | None = None
    contract_cost_after: Decimal | None = None


class BenefitIn(_BenefitFields):
    title: str = Field(max_length=200)
    initiative: str | None = Field(None, description="Reference of an initiative to link")
    attribution: Decimal | None = Field(None, description="The initiative's share (%); "
                                                          "default 100")


class BenefitPatch(_BenefitFields):
    version: int | None = Field(None, description=VERSION_HELP)
    title: str | None = Field(None, max_length=200)


class StatusIn(Schema):
    status: BenefitStatus
    comment: str = ""
    version: int | None = Field(None, description="The version you read (optional here); a "
                                                  "change in between then answers 409")


class LinkIn(Schema):
    attribution: Decimal = Field(description="The initiative's share of the benefit (%); "
                                             "the shares of a benefit add up to at most 100")


# --- measures -----------------------------------------------------------------------------


class _MeasureFields(Schema):
    direction: Direction | None = None
    data_source: str | None = Field(None, max_length=200)
    method: str | None = None
    frequency: Frequency | None = None
    baseline_value: Decimal | None = None
    baseline_date: dt.date | None = None
    baseline_evidence: str | None = None
    target_value: Decimal | None = None
    target_date: dt.date | None = None
    tolerance: Decimal | None = Field(None, ge=0, le=100)
    order: int | None = Field(None, ge=0)


class MeasureIn(_MeasureFields):
    name: str = Field(max_length=200)
    unit: str = Field(max_length=40)


class MeasurePatch(_MeasureFields):
    version: int | None = Field(None, description=VERSION_HELP)
    name: str | None = Field(None, max_length=200)
    unit: str | None = Field(None, max_length=40)


# --- measurements -------------------------------------------------------------------------


class MeasurementOut(Schema):
    id: int
    measure_id: int
    period: dt.date
    actual: Decimal | None
    forecast: Decimal | None
    comment: str
    evidence: str
    achievement: Decimal | None
    recorded_by: PersonOut | None
    recorded_at: dt.datetime
    verified_by: PersonOut | None
    verified_at: dt.datetime | None
    version: int


class MeasurementPut(Schema):
    version: int | None = Field(None, description=VERSION_HELP + " (not needed for a new "
                                                                 "measurement)")
    actual: Decimal | None = None
    forecast: Decimal | None = None
    comment: str = ""
    evidence: str = ""


class MeasurementRow(Schema):
    benefit: str = Field(description="Reference of the benefit, e.g. BEN-0001")
    measure_id: int
    period: dt.date = Field(description="The first day of the measure's period")
    actual: Decimal | None = None
    forecast: Decimal | None = None
    comment: str = ""
    evidence: str = ""
    version: int | None = Field(None, description="Needed when correcting a measurement")


class MeasurementsSaved(Schema):
    count: int
    results: list[MeasurementOut]
