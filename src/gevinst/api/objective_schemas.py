"""Schemas of the objectives API (src/gevinst/api/objectives.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from gevinst.api.benefit_schemas import BenefitStatus, Cashability, TotalsOut
from gevinst.api.schemas import PersonOut
from gevinst.api.versions import VERSION_HELP

Direction = Literal["increase", "decrease"]
KpiHealth = Literal["on_track", "within_tolerance", "behind", "no_data"]
BenefitHealth = Literal["on_track", "within_tolerance", "behind", "not_measured", "no_data"]
Health = KpiHealth


# --- KPIs ---------------------------------------------------------------------------------


class KpiOut(Schema):
    reference: str
    objective: str = Field(description="Reference of the objective")
    name: str
    description: str
    unit: str
    direction: Direction
    data_source: str
    baseline_value: Decimal
    baseline_date: dt.date
    target_value: Decimal
    target_date: dt.date
    tolerance: Decimal = Field(description="Percentage points behind the straight line that "
                                           "still count as within tolerance")
    latest_value: Decimal | None = Field(description="The latest measurement (null before "
                                                     "any)")
    latest_on: dt.date | None = Field(description="The day of the latest measurement")
    achievement: Decimal | None = Field(description="Achievement (%) of the latest value: "
                                                    "(value − baseline) ÷ (target − baseline)")
    expected: Decimal | None = Field(description="The achievement (%) the straight line from "
                                                 "baseline to target asks for on the day of "
                                                 "the latest measurement")
    expected_today: Decimal = Field(description="The achievement (%) expected today")
    health: KpiHealth = Field(description="The latest achievement against the expected: "
                                          "on track, within tolerance, behind; no_data "
                                          "before any measurement")
    version: int = Field(description="Send back on PATCH to detect concurrent edits")


class _KpiFields(Schema):
    description: str | None = None
    unit: str | None = Field(None, max_length=50)
    direction: Direction | None = None
    data_source: str | None = Field(None, max_length=200)
    tolerance: Decimal | None = Field(None, ge=0, le=100,
                                      description="Percentage points; default 5")


class KpiIn(_KpiFields):
    name: str = Field(max_length=200)
    baseline_value: Decimal
    baseline_date: dt.date
    target_value: Decimal
    target_date: dt.date


class KpiPatch(_KpiFields):
    version: int | None = Field(None, description=VERSION_HELP)
    name: str | None = Field(None, max_length=200)
    baseline_value: Decimal | None = None
    baseline_date: dt.date | None = None
    target_value: Decimal | None = None
    target_date: dt.date | None = None


class KpiMeasurementOut(Schema):
    id: int
    kpi: str = Field(description="Reference of the KPI")
    measured_on: dt.date
    value: Decimal
    comment: str
    achievement: Decimal | None
    expected: Decimal = Field(description="The achievement (%) expected on that day")
    expected_value: Decimal = Field(description="The value expected on that day")
    health: KpiHealth
    recorded_by: PersonOut | None
    recorded_at: dt.datetime
    version: int


class KpiMeasurementIn(Schema):
    measured_on: dt.date = Field(description="The day of the measurement (one per KPI and "
                                             "day; not in the future)")
    value: Decimal
    comment: str = ""
    version: int | None = Field(None, description=VERSION_HELP + ": needed only to correct "
                                                                 "the measurement of a day "
                                                                 "that has one")


class KpiMeasurementPatch(Schema):
    version: int | None = Field(None, description=VERSION_HELP)
    measured_on: dt.date | None = None
    value: Decimal | None = None
    comment: str | None = None


# --- objectives ---------------------------------------------------------------------------


class OffTrackOut(Schema):
    kpis_behind: int
    kpis_not_measured: int
    benefits: int = Field(description="Contributing benefits being followed up that are "
                                      "behind or not measured when due")
    initiatives: int = Field(description="Running contributing initiatives whose latest "
                                         "status report is red")


class ObjectiveRow(Schema):
    reference: str
    title: str
    parent: str | None = Field(description="Reference of the objective it is part of")
    depth: int = Field(description="0 for a top-level objective, 1 below it, ...")
    owner: PersonOut | None
    health: KpiHealth = Field(description="The worst health of its KPIs")
    kpis: list[KpiOut]
    initiative_count: int
    benefit_count: int = Field(description="Benefits linked to it or to its initiatives, "
                                           "each once, withdrawn ones left out")
    annual_value: Decimal = Field(description="Yearly value of those benefits, each "
                                              "counted once at 100 %")
    off_track: OffTrackOut
    is_off_track: bool
    version: int


class ObjectiveList(Schema):
    count: int
    currency: str
    results: list[ObjectiveRow]


class ContributingInitiative(Schema):
    reference: str
    title: str
    phase: str = Field(description="Key of the phase")
    status: str
    rag: str = Field(description="Overall status of the latest published report, or empty")
    benefit_count: int
    annual_value: Decimal = Field(description="The initiative's attributed share of its "
                                              "benefits' yearly value (withdrawn left out)")


class ContributingBenefit(Schema):
    reference: str
    title: str
    status: BenefitStatus
    health: BenefitHealth
    cashability: Cashability
    achievement: Decimal | None
    annual_value: Decimal = Field(description="Yearly value at full realisation")
    direct: bool = Field(description="Linked to the objective itself")
    through: list[str] = Field(description="Contributing initiatives that carry it")


class OffTrackItems(Schema):
    kpis: list[str] = Field(description="References of KPIs behind or not measured")
    benefits: list[str]
    initiatives: list[str]


class ObjectiveOut(Schema):
    reference: str
    title: str
    description: str
    parent: str | None
    children: list[str] = Field(description="References of its sub-objectives")
    owner: PersonOut | None
    health: KpiHealth
    kpis: list[KpiOut]
    initiatives: list[ContributingInitiative]
    benefits: list[ContributingBenefit]
    currency: str
    totals: TotalsOut = Field(description="Of the contributing benefits, each once at 100 %, "
                                          "withdrawn left out")
    off_track: OffTrackItems
    version: int


class ObjectiveIn(Schema):
    title: str = Field(max_length=200)
    description: str = ""
    parent: str | None = Field(None, description="Reference of the objective it is part of")
    owner_email: str | None = Field(None, description="A member who works with the "
                                                      "portfolio")


class ObjectivePatch(Schema):
    version: int | None = Field(None, description=VERSION_HELP)
    title: str | None = Field(None, max_length=200)
    description: str | None = None
    parent: str | None = Field(None, description="Reference of an objective, or null for "
                                                 "top level")
    owner_email: str | None = Field(None, description="An email, or null for none")
