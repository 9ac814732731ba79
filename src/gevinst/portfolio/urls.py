from django.urls import path

from gevinst.portfolio.views import initiatives as views

# Mounted under /o/<org_slug>/. Each register's views live in views/<register>.py.
org_urlpatterns = [
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/new/", views.initiative_create, name="initiative_create"),
    path("initiatives/export.xlsx", views.initiative_export, name="initiative_export"),
    path("initiatives/<str:reference>/", views.initiative_detail, name="initiative_detail"),
    path("initiatives/<str:reference>/edit/", views.initiative_edit, name="initiative_edit"),
    path("initiatives/<str:reference>/history/", views.initiative_history,
         name="initiative_history"),
]
