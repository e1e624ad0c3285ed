from django.urls import path

from socialroadmap.indicators import views

app_name = "indicators"

BASE = "o/<slug:org_slug>/indicators"

urlpatterns = [
    path(f"{BASE}/", views.dashboard, name="dashboard"),
    path(
        f"{BASE}/department/<slug:indicator_department>/",
        views.department,
        name="department",
    ),
    path(f"{BASE}/catalogue/", views.catalogue_page, name="catalogue"),
    path(f"{BASE}/add/", views.indicator_add, name="indicator_add"),
    path(f"{BASE}/<int:pk>/", views.indicator_edit, name="indicator_edit"),
    path(f"{BASE}/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
    path(f"{BASE}/<int:pk>/values/add/", views.indicator_value_add, name="indicator_value_add"),
    path(f"{BASE}/values/<int:pk>/delete/", views.value_delete, name="value_delete"),
    path(f"{BASE}/recompute/", views.recompute, name="recompute"),
    path(f"{BASE}/values/import/", views.values_import, name="values_import"),
    path(f"{BASE}/values/template.csv", views.values_template, name="values_template"),
    path(f"{BASE}/values/export.<str:export_format>", views.values_export, name="values_export"),
    path(
        f"{BASE}/export.<str:export_format>",
        views.indicators_export,
        name="indicators_export",
    ),
]
