"""Django admin is the platform operator's tool: organisations and people only.

Tenant data (initiatives and everything after) is deliberately not registered: the
operator sees no tenant data by default.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from gevinst.core.models import Membership, Organisation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"],
                             "fields": ["email", "full_name", "password1", "password2"]})]
    list_filter = ["is_active", "is_staff"]
    filter_horizontal: list = []


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "title"]
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "country", "currency"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug"]
    inlines = [MembershipInline]

    def has_add_permission(self, request):
        return False  # organisations are created with `gevinst createorg` (default phases)
