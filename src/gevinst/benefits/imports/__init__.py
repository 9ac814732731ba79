"""Excel import of benefits and of measurements.

Both are kinds of the portfolio's Excel import (ImportJob.kind "benefits" and
"measurements"): the same upload, column mapping, dry run, import and job pages, the same
command (``gevinst import benefits|measurements FILE --org SLUG [--dry-run]``) and API. This
package gives what is particular to each kind — its columns (headings.py), the check of
every cell (benefits.py, measurements.py), the writer and the template's example — and the
portfolio's import finds it through ``IMPORT_KINDS`` (portfolio/imports/headings.PLUGINS).

Rules, as for the initiatives import: every error is reported by row and column; nothing is
saved when any row fails; a dry run saves nothing. The writers go through the services of
the benefit pages (do_create_benefit, do_link_initiative, do_record_measurements) inside the
import's one transaction, so every rule is the same as in the pages; a dry run writes every
valid row and rolls back, so that it reports those rules too.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gevinst.benefits.imports import template
from gevinst.benefits.imports.benefits import check_benefits, write_benefits
from gevinst.benefits.imports.headings import BENEFIT_FIELDS, MEASUREMENT_FIELDS
from gevinst.benefits.imports.measurements import check_measurements, write_measurements
from gevinst.portfolio.imports.headings import ImportKind

IMPORT_KINDS = {
    "benefits": ImportKind(
        fields=BENEFIT_FIELDS, check=check_benefits, write=write_benefits,
        sheet_name=_("Benefits"), file_name=_("benefits"),
        example=template.benefit_example, allowed=template.benefit_allowed),
    "measurements": ImportKind(
        fields=MEASUREMENT_FIELDS, check=check_measurements, write=write_measurements,
        sheet_name=_("Measurements"), file_name=_("measurements"),
        example=template.measurement_example, allowed=template.measurement_allowed),
}
