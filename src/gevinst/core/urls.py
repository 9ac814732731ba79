from django.urls import path

from gevinst.core import views

# Organisation-scoped routes (mounted under /o/<org_slug>/).
org_urlpatterns = [
    path("", views.org_home, name="org_home"),
    path("me/", views.my_profile, name="my_profile"),
    path("settings/", views.org_settings, name="org_settings"),
    path("settings/units/", views.unit_list, name="unit_list"),
    path("settings/units/new/", views.unit_create, name="unit_create"),
    path("settings/units/<int:unit_id>/", views.unit_edit, name="unit_edit"),
    path("settings/units/<int:unit_id>/delete/", views.unit_delete, name="unit_delete"),
    path("settings/members/", views.member_list, name="member_list"),
    path("settings/members/<int:membership_id>/", views.member_edit, name="member_edit"),
    path("settings/members/<int:membership_id>/remove/", views.member_remove,
         name="member_remove"),
    path("settings/invitations/<int:invitation_id>/withdraw/", views.invitation_revoke,
         name="invitation_revoke"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/", views.choose_organisation, name="choose_organisation"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("healthz", views.healthz, name="healthz"),
]
