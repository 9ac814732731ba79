"""Excel import of risks and opportunities.

A kind of the portfolio's Excel import (ImportJob.kind "risks"): the same upload, column
mapping, dry run, import and job pages, the same command (``gevinst import risks FILE --org
SLUG [--dry-run]``) and API. This package gives what is particular to it — its columns
(headings.py), the check of every cell and the writer (risks.py) and the template's example
(template.py) — and the portfolio's import finds it through ``IMPORT_KINDS``
(portfolio/imports/headings.PLUGINS).

Rules, as for every import: every error is reported by row and column; nothing is saved
when any row fails; a dry run saves nothing. The writer goes through the register's services
(do_create_risk, do_add_action) inside the import's one transaction, so every rule is the
same as in the pages; a dry run writes every valid row and rolls back, so that it reports
those rules too.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gevinst.portfolio.imports.headings import ImportKind
from gevinst.risks.imports import template
from gevinst.risks.imports.headings import RISK_FIELDS
from gevinst.risks.imports.risks import check_risks, write_risks

IMPORT_KINDS = {
    "risks": ImportKind(
        fields=RISK_FIELDS, check=check_risks, write=write_risks,
        sheet_name=_("Risks"), file_name=_("risks"),
        example=template.risk_example, allowed=template.risk_allowed),
}
