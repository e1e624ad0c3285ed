from django.urls import path

from socialroadmap.plans import views

app_name = "plans"

BASE = "o/<slug:org_slug>/plans"

urlpatterns = [
    path(f"{BASE}/", views.map, name="map"),
    path(f"{BASE}/map.<str:export_format>", views.map_export, name="map_export"),
    path(f"{BASE}/export.<str:export_format>", views.plans_export, name="export"),
    path(f"{BASE}/add/", views.plan_add, name="plan_add"),
    path(f"{BASE}/<int:pk>/", views.plan_detail, name="plan"),
    path(f"{BASE}/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path(f"{BASE}/<int:pk>/stage/", views.plan_stage, name="plan_stage"),
    path(f"{BASE}/<int:pk>/delete/", views.plan_delete, name="plan_delete"),
    path(f"{BASE}/<int:pk>/objectives/add/", views.objective_add, name="objective_add"),
    path(f"{BASE}/objectives/<int:pk>/", views.objective_edit, name="objective_edit"),
    path(f"{BASE}/objectives/<int:pk>/delete/", views.objective_delete, name="objective_delete"),
]
