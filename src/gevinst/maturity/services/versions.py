"""Installing maturity models (the platform operator's work; see ``modeldata`` for the file).
"""

from __future__ import annotations

from django.db import transaction

from gevinst.maturity import modeldata
from gevinst.maturity.models import MaturityModel, MaturityModelVersion

DEFAULT_KEY = modeldata.DEFAULT_KEY


@transaction.atomic
def install_model(source: str, *, by=None, note: str = "") -> tuple[MaturityModelVersion, bool]:
    """Install the model in ``source`` (TOML): the next version of its key when its content
    differs from the current version, else the current version. Returns ``(version,
    created)``; raises ``modeldata.ModelError`` with every problem of an invalid file (and
    installs nothing)."""
    content = modeldata.parse(source)
    fingerprint = modeldata.digest(content)
    model, _ = MaturityModel.objects.get_or_create(key=content["key"])
    # One installer at a time per model, so that two never take the same number.
    model = MaturityModel.objects.select_for_update().get(pk=model.pk)
    current = model.versions.order_by("-number").first()
    if current is not None and current.digest == fingerprint:
        return current, False
    version = MaturityModelVersion.objects.create(
        model=model, number=(current.number + 1) if current else 1, content=content,
        source=source, digest=fingerprint, note=note[:200], created_by=by)
    return version, True


def install_default_model() -> tuple[MaturityModelVersion, bool]:
    """The shipped default model (``data/default_model.toml``)."""
    return install_model(modeldata.read_default(), note="Gevinst default model")


def current_version(key: str) -> MaturityModelVersion | None:
    return (MaturityModelVersion.objects.filter(model__key=key).select_related("model")
            .order_by("-number").first())
