"""The JSON API, /api/v1/, with its OpenAPI document at /api/v1/openapi.json."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from gevinst.api.auth import Forbidden, TokenAuth
from gevinst.api.benefits import router as benefits_router
from gevinst.api.gates import router as gates_router
from gevinst.api.ideas import router as ideas_router
from gevinst.api.imports import router as imports_router
from gevinst.api.maturity import router as maturity_router
from gevinst.api.objectives import router as objectives_router
from gevinst.api.overview import router as overview_router
from gevinst.api.portfolio import router as portfolio_router
from gevinst.api.registers import router as registers_router
from gevinst.api.reports import router as reports_router
from gevinst.api.risks import router as risks_router
from gevinst.core.versioning import EditConflict

api = NinjaAPI(
    title="Gevinst API",
    version="1",
    description=(
        "Portfolio and benefits realisation for public bodies. Authenticate with "
        "`Authorization: Bearer <token>` (create one with `gevinst token create`). "
        "Every path is under the organisation's short name: `/api/v1/o/{org}/...`."
    ),
    auth=TokenAuth(),
    docs_url=None,
    urls_namespace="api",
)
api.add_router("", portfolio_router)
api.add_router("", registers_router)
api.add_router("", gates_router)
api.add_router("", reports_router)
api.add_router("", imports_router)
api.add_router("", overview_router)
api.add_router("", benefits_router)
api.add_router("", risks_router)
api.add_router("", objectives_router)
api.add_router("", ideas_router)
api.add_router("", maturity_router)


@api.exception_handler(DjangoValidationError)
def on_validation_error(request, exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        detail = [{"loc": ["body", field], "msg": msg, "type": "value_error"}
                  for field, errors in exc.message_dict.items() for msg in errors]
    else:
        detail = [{"loc": ["body"], "msg": msg, "type": "value_error"} for msg in exc.messages]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(EditConflict)
def on_conflict(request, exc: EditConflict):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(Forbidden)
def on_forbidden(request, exc):
    return api.create_response(
        request, {"detail": _("Your role does not allow this.")}, status=403)
