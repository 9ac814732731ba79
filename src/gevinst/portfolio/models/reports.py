"""Status reports: per initiative per period, draft until published, then immutable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from gevinst.core.models import TenantModel
from gevinst.portfolio.models.initiatives import RAG, Initiative

DIMENSIONS = ("schedule", "cost", "scope", "risk", "benefits", "resources")


def _rag(label):
    return models.CharField(label, max_length=5, choices=RAG.choices, blank=True)


class PublishedReportError(Exception):
    """A published status report is a snapshot: it can be neither changed nor deleted."""

    def __init__(self, message: str = ""):
        super().__init__(message or "A published status report cannot be changed or deleted.")


class StatusReportQuerySet(models.QuerySet):
    """Bulk updates and deletes refuse to touch published reports."""

    def _refuse_published(self):
        if super().filter(state=StatusReport.State.PUBLISHED).exists():
            raise PublishedReportError

    def update(self, **kwargs):
        self._refuse_published()
        # Only drafts, even if one was published since the check above.
        drafts = super().filter(state=StatusReport.State.DRAFT)
        return models.QuerySet.update(drafts, **kwargs)

    def delete(self):
        self._refuse_published()
        return super().delete()


def StatusReportManager():  # noqa: N802 - reads like a class at the call site
    """The tenant-scoped manager (fail closed, see core/scoping.py) with the guarded QuerySet."""
    return ScopedManager(_manager_class=models.Manager.from_queryset(StatusReportQuerySet),
                         organisation="organisation")


class StatusReport(TenantModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE,
                                   related_name="status_reports", verbose_name=_("initiative"))
    period_start = models.DateField(
        _("period"), help_text=_("First day of the month or quarter reported on."))
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.DRAFT)
    overall = _rag(_("overall status"))
    summary = models.TextField(_("summary"), blank=True)
    schedule = _rag(_("schedule"))
    schedule_comment = models.TextField(_("comment on schedule"), blank=True)
    cost = _rag(_("cost"))
    cost_comment = models.TextField(_("comment on cost"), blank=True)
    scope = _rag(_("scope and quality"))
    scope_comment = models.TextField(_("comment on scope and quality"), blank=True)
    risk = _rag(_("risk"))
    risk_comment = models.TextField(_("comment on risk"), blank=True)
    benefits = _rag(_("benefits"))
    benefits_comment = models.TextField(_("comment on benefits"), blank=True)
    resources = _rag(_("resources"))
    resources_comment = models.TextField(_("comment on resources"), blank=True)
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    forecast = models.DecimalField(_("forecast"), max_digits=14, decimal_places=2, null=True,
                                   blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                               related_name="+", verbose_name=_("author"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("published by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = StatusReportManager()
    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "period_start"],
                                    name="statusreport_unique_period"),
        ]
        indexes = [
            models.Index(fields=["organisation", "period_start", "state"]),
            models.Index(fields=["initiative", "state", "period_start"]),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.period_start:%Y-%m}"

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def _stored_state(self) -> str | None:
        if self.pk is None:
            return None
        return (type(self)._base_manager.filter(pk=self.pk)
                .values_list("state", flat=True).first())

    def save(self, *args, **kwargs):
        # The stored row decides, not this object: publishing saves a draft row once.
        if self._stored_state() == self.State.PUBLISHED:
            raise PublishedReportError
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_state() == self.State.PUBLISHED:
            raise PublishedReportError
        return super().delete(*args, **kwargs)


class StatusReminder(TenantModel):
    """That the manager of an initiative was reminded of the report of a period (sent once)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+",
                                   verbose_name=_("initiative"))
    period_start = models.DateField(_("period"))
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="+", verbose_name=_("recipient"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("status report reminder")
        verbose_name_plural = _("status report reminders")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "period_start"],
                                    name="statusreminder_unique_period"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.period_start:%Y-%m} → {self.recipient_id}"


# Database-level backstop, for the lead to install in a migration (RunSQL): a published row
# can be neither updated nor deleted, whatever code (or SQL console) tries. Note that with it
# installed, deleting an initiative or organisation that has published reports needs the
# trigger dropped first (Django deletes the cascaded rows itself).
# The database itself refuses to change a published report (installed by migration 0004).
# Only UPDATE: deleting a published report is refused by the model and the services, while
# removing a whole initiative or organisation (platform operator) may still cascade.
# SQLite drops triggers when a later migration rebuilds the table: such a migration must
# call install_immutability_triggers() again.
IMMUTABILITY_TRIGGERS = {
    "sqlite": [
        """CREATE TRIGGER IF NOT EXISTS portfolio_statusreport_published_no_update
        BEFORE UPDATE ON portfolio_statusreport FOR EACH ROW WHEN OLD.state = 'published'
        BEGIN SELECT RAISE(ABORT, 'a published status report cannot be changed'); END""",
    ],
    "postgresql": [
        """CREATE OR REPLACE FUNCTION portfolio_statusreport_immutable() RETURNS trigger AS $$
        BEGIN
          IF OLD.state = 'published' THEN
            RAISE EXCEPTION 'a published status report cannot be changed';
          END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        "DROP TRIGGER IF EXISTS portfolio_statusreport_immutable ON portfolio_statusreport",
        """CREATE TRIGGER portfolio_statusreport_immutable
        BEFORE UPDATE ON portfolio_statusreport
        FOR EACH ROW EXECUTE FUNCTION portfolio_statusreport_immutable()""",
    ],
}
IMMUTABILITY_TRIGGERS_REVERSE = {
    "sqlite": ["DROP TRIGGER IF EXISTS portfolio_statusreport_published_no_update"],
    "postgresql": [
        "DROP TRIGGER IF EXISTS portfolio_statusreport_immutable ON portfolio_statusreport",
        "DROP FUNCTION IF EXISTS portfolio_statusreport_immutable()",
    ],
}


def install_immutability_triggers(schema_editor_or_connection) -> None:
    """Create the triggers on the given connection (or a migration's schema editor)."""
    connection = schema_editor_or_connection
    if hasattr(connection, "deferred_sql"):  # a migration's schema editor
        connection = connection.connection
    with connection.cursor() as cursor:
        for statement in IMMUTABILITY_TRIGGERS.get(connection.vendor, []):
            cursor.execute(statement)


def drop_immutability_triggers(schema_editor_or_connection) -> None:
    connection = schema_editor_or_connection
    if hasattr(connection, "deferred_sql"):
        connection = connection.connection
    with connection.cursor() as cursor:
        for statement in IMMUTABILITY_TRIGGERS_REVERSE.get(connection.vendor, []):
            cursor.execute(statement)
