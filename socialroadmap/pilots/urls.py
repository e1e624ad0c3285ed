from django.urls import path

from socialroadmap.pilots import views

app_name = "pilots"

BASE = "o/<slug:org_slug>/pilots"

urlpatterns = [
    path(f"{BASE}/", views.portfolio, name="portfolio"),
    path(f"{BASE}/thresholds/", views.thresholds, name="thresholds"),
    path(f"{BASE}/export.<str:export_format>", views.portfolio_export, name="export"),
    path(f"{BASE}/kpis/export.<str:export_format>", views.kpis_export, name="kpis_export"),
    path(f"{BASE}/add/", views.pilot_add, name="pilot_add"),
    path(f"{BASE}/<int:pk>/", views.pilot_detail, name="pilot"),
    path(f"{BASE}/<int:pk>/edit/", views.pilot_edit, name="pilot_edit"),
    path(f"{BASE}/<int:pk>/status/", views.pilot_status, name="pilot_status"),
    path(f"{BASE}/<int:pk>/delete/", views.pilot_delete, name="pilot_delete"),
    path(f"{BASE}/<int:pk>/kpis/add/", views.pilot_kpi_add, name="pilot_kpi_add"),
    path(f"{BASE}/kpis/<int:pk>/", views.kpi_edit, name="kpi_edit"),
    path(f"{BASE}/kpis/<int:pk>/delete/", views.kpi_delete, name="kpi_delete"),
]
