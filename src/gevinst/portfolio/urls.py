from django.urls import path

from gevinst.portfolio.views import dashboard as dashboard_views
from gevinst.portfolio.views import dependencies as dependency_views
from gevinst.portfolio.views import gates as gate_views
from gevinst.portfolio.views import imports as import_views
from gevinst.portfolio.views import initiatives as views
from gevinst.portfolio.views import logs as log_views
from gevinst.portfolio.views import money as money_views
from gevinst.portfolio.views import overview as overview_views
from gevinst.portfolio.views import programmes as programme_views
from gevinst.portfolio.views import reports as report_views
from gevinst.portfolio.views import roadmap as roadmap_views

# Mounted under /o/<org_slug>/. Each register's views live in views/<register>.py.
org_urlpatterns = [
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/new/", views.initiative_create, name="initiative_create"),
    path("initiatives/export.xlsx", views.initiative_export, name="initiative_export"),
    path("initiatives/views/", overview_views.saved_view_create, name="saved_view_create"),
    path("initiatives/views/<int:view_id>/", overview_views.saved_view_apply,
         name="saved_view_apply"),
    path("initiatives/views/<int:view_id>/delete/", overview_views.saved_view_delete,
         name="saved_view_delete"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("roadmap/", roadmap_views.roadmap, name="roadmap"),
    path("initiatives/<str:reference>/", views.initiative_detail, name="initiative_detail"),
    path("initiatives/<str:reference>/edit/", views.initiative_edit, name="initiative_edit"),
    path("initiatives/<str:reference>/history/", views.initiative_history,
         name="initiative_history"),
    # Money, log and dependencies of an initiative; programmes; portfolio money; lessons.
    path("initiatives/<str:reference>/money/", money_views.initiative_money,
         name="initiative_money"),
    path("initiatives/<str:reference>/money/new/", money_views.initiative_money_new,
         name="initiative_money_new"),
    path("initiatives/<str:reference>/money/<int:money_id>/", money_views.initiative_money_edit,
         name="initiative_money_edit"),
    path("money/", money_views.portfolio_money, name="portfolio_money"),
    path("money/export.xlsx", money_views.portfolio_money_export, name="portfolio_money_export"),
    path("programmes/", programme_views.programme_list, name="programme_list"),
    path("programmes/new/", programme_views.programme_create, name="programme_create"),
    path("programmes/<str:programme>/", programme_views.programme_detail,
         name="programme_detail"),
    path("programmes/<str:programme>/edit/", programme_views.programme_edit,
         name="programme_edit"),
    path("programmes/<str:programme>/history/", programme_views.programme_history,
         name="programme_history"),
    path("initiatives/<str:reference>/log/", log_views.initiative_log, name="initiative_log"),
    path("initiatives/<str:reference>/log/new/", log_views.initiative_log_new,
         name="initiative_log_new"),
    path("initiatives/<str:reference>/log/<int:entry_id>/", log_views.initiative_log_edit,
         name="initiative_log_edit"),
    path("initiatives/<str:reference>/log/<int:entry_id>/status/",
         log_views.initiative_log_status, name="initiative_log_status"),
    path("lessons/", log_views.lesson_search, name="lesson_search"),
    path("initiatives/<str:reference>/dependencies/", dependency_views.initiative_dependencies,
         name="initiative_dependencies"),
    path("initiatives/<str:reference>/dependencies/new/",
         dependency_views.initiative_dependency_new, name="initiative_dependency_new"),
    path("initiatives/<str:reference>/dependencies/<int:dependency_id>/delete/",
         dependency_views.initiative_dependency_delete, name="initiative_dependency_delete"),
    path("initiatives/<str:reference>/status/", report_views.initiative_status,
         name="initiative_status"),
    path("initiatives/<str:reference>/status/new/", report_views.report_create,
         name="status_report_create"),
    path("initiatives/<str:reference>/status/<int:report_id>/", report_views.report_detail,
         name="status_report_detail"),
    path("initiatives/<str:reference>/status/<int:report_id>/edit/", report_views.report_edit,
         name="status_report_edit"),
    path("initiatives/<str:reference>/status/<int:report_id>/delete/",
         report_views.report_delete, name="status_report_delete"),
    path("status-reports/", report_views.status_reports, name="status_reports"),
    path("initiatives/<str:reference>/gates/", gate_views.initiative_gates,
         name="initiative_gates"),
    path("initiatives/<str:reference>/gates/items/<int:item_id>/",
         gate_views.checklist_item_update, name="checklist_item_update"),
    path("initiatives/<str:reference>/gates/decide/", gate_views.gate_decision_create,
         name="gate_decision_create"),
    path("settings/phases/", gate_views.phase_list, name="phase_list"),
    path("settings/phases/new/", gate_views.phase_create, name="phase_create"),
    path("settings/phases/defaults/", gate_views.phase_defaults, name="phase_defaults"),
    path("settings/phases/<int:phase_id>/", gate_views.phase_edit, name="phase_edit"),
    path("settings/phases/<int:phase_id>/move/", gate_views.phase_move, name="phase_move"),
    path("settings/phases/<int:phase_id>/delete/", gate_views.phase_delete,
         name="phase_delete"),
    path("settings/phases/<int:phase_id>/items/new/", gate_views.template_item_create,
         name="template_item_create"),
    path("settings/checklist-items/<int:template_item_id>/", gate_views.template_item_edit,
         name="template_item_edit"),
    path("settings/checklist-items/<int:template_item_id>/delete/",
         gate_views.template_item_delete, name="template_item_delete"),
    # Excel import (PMO and admin).
    path("import/", import_views.import_start, name="import_start"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("import/<int:job_id>/", import_views.import_job, name="import_job"),
    path("import/<int:job_id>/errors.xlsx", import_views.import_errors, name="import_errors"),
]
