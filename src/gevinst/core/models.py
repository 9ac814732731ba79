"""Tenancy: organisations, their unit trees, people, memberships and roles."""

from __future__ import annotations

import hashlib
import secrets
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gevinst.core.scoping import TenantManager


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Belongs to organisations through memberships; staff = platform operator."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("platform operator"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name or self.email).split(" ")[0]


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        COUNTY = "county", _("County")
        AGENCY = "agency", _("Agency")
        STATE_COMPANY = "state_company", _("State-owned company")
        OTHER = "other", _("Other")

    class Country(models.TextChoices):
        NORWAY = "NO", _("Norway")
        SWEDEN = "SE", _("Sweden")
        DENMARK = "DK", _("Denmark")
        FINLAND = "FI", _("Finland")
        ICELAND = "IS", _("Iceland")
        OTHER = "XX", _("Other")

    class Currency(models.TextChoices):
        NOK = "NOK", _("Norwegian krone (NOK)")
        SEK = "SEK", _("Swedish krona (SEK)")
        DKK = "DKK", _("Danish krone (DKK)")
        EUR = "EUR", _("Euro (EUR)")
        ISK = "ISK", _("Icelandic króna (ISK)")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name in addresses"), max_length=50, unique=True,
        help_text=_("Lower-case letters, digits and hyphens; used in addresses (/o/slug/)."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.MUNICIPALITY)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices,
                               default=Country.NORWAY)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices,
                                default=Currency.NOK)
    size = models.PositiveIntegerField(
        _("size"), null=True, blank=True,
        help_text=_("Inhabitants for a municipality or county, employees otherwise."),
    )
    colour = models.CharField(
        _("colour"), max_length=7, default="#1E5AA8",
        validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Give a colour as #RRGGBB."))],
        help_text=_("Shown as the organisation's mark in the header, e.g. #1E5AA8."),
    )
    loaded_hourly_cost = models.DecimalField(
        _("loaded hourly cost"), max_digits=10, decimal_places=2, default=Decimal("750"),
        validators=[MinValueValidator(0)],
        help_text=_("Cost of one working hour including social costs, in the currency."),
    )
    productive_hours_per_fte = models.PositiveIntegerField(
        _("productive hours per full-time equivalent"), default=1695,
    )
    discount_rate = models.DecimalField(
        _("discount rate (%)"), max_digits=5, decimal_places=2, default=Decimal("4.00"),
        validators=[MinValueValidator(0)],
    )
    wip_limit = models.PositiveSmallIntegerField(
        _("work-in-progress limit"), null=True, blank=True,
        help_text=_("How many initiatives may be in work-in-progress phases at once. "
                    "Leave empty for no limit."),
    )

    class ReportCadence(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")

    status_report_cadence = models.CharField(
        _("status reports"), max_length=10, choices=ReportCadence.choices,
        default=ReportCadence.MONTHLY,
        help_text=_("How often each active initiative reports its status."),
    )
    status_report_due_day = models.PositiveSmallIntegerField(
        _("status report due day"), default=5,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Day of the month after a period ends by which its report is due."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """Roles of a membership, from most to least powerful."""

    ADMIN = "admin", _("Administrator")
    PMO = "pmo", _("Portfolio manager")
    CONTRIBUTOR = "contributor", _("Contributor")
    VIEWER = "viewer", _("Viewer")
    EMPLOYEE = "employee", _("Employee")


ROLE_RANK = {Role.ADMIN: 50, Role.PMO: 40, Role.CONTRIBUTOR: 30, Role.VIEWER: 20,
             Role.EMPLOYEE: 10}


class TenantModel(models.Model):
    """Base of every tenant-owned record: a non-null organisation and a scoped manager."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation"),
    )

    objects = TenantManager()

    class Meta:
        abstract = True


class Unit(TenantModel):
    """A unit of the organisation: sector, department, section... forming a tree."""

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=30, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("part of"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "parent", "name"],
                                    name="unit_unique_name_under_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(TenantModel):
    """A person's role in one organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices,
                            default=Role.VIEWER)
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("unit"))
    title = models.CharField(_("job title"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"],
                                    name="membership_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def has_role(self, minimum: str) -> bool:
        return ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role(minimum)]


def _hash_secret(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class Invitation(TenantModel):
    """An emailed invitation to join an organisation with a role."""

    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices,
                            default=Role.VIEWER)
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("unit"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("invited by"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @staticmethod
    def new_token() -> tuple[str, str]:
        raw = secrets.token_urlsafe(32)
        return raw, _hash_secret(raw)

    @staticmethod
    def hash_token(raw: str) -> str:
        return _hash_secret(raw)

    @property
    def is_open(self) -> bool:
        return (self.accepted_at is None and self.revoked_at is None
                and self.expires_at > timezone.now())


class ApiToken(TenantModel):
    """A bearer token for the API, bound to one person in one organisation."""

    PREFIX = "gv_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("person"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.hint}… ({self.user})"

    @classmethod
    def new_key(cls) -> tuple[str, str]:
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        return raw, _hash_secret(raw)

    @staticmethod
    def hash_key(raw: str) -> str:
        return _hash_secret(raw)


class Sequence(TenantModel):
    """Per-organisation counters for human references such as INI-0042."""

    name = models.CharField(max_length=30)
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="sequence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.last_value}"


class DataChange(TenantModel):
    """A mark that some data of an organisation changed (one row per write of a *topic*,
    e.g. "benefits"): aggregates cached per organisation and topic are keyed by the newest
    mark and the number of marks (core/aggregates.py), so a write never waits for a lock on
    a shared counter and a reader never sees a total older than its own transaction."""

    topic = models.CharField(max_length=30)

    class Meta:
        indexes = [models.Index(fields=["organisation", "topic", "id"],
                                name="datachange_lookup")]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.topic} #{self.pk}"
