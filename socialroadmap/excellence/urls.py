from django.urls import path

from socialroadmap.excellence import views

app_name = "excellence"

BASE = "o/<slug:org_slug>/excellence"

urlpatterns = [
    path(f"{BASE}/", views.overview, name="overview"),
    path(f"{BASE}/members/new/", views.member_add, name="member_add"),
    path(f"{BASE}/members/<int:pk>/", views.member_edit, name="member_edit"),
    path(f"{BASE}/members/<int:pk>/delete/", views.member_delete, name="member_delete"),
    path(f"{BASE}/rules/new/", views.rule_add, name="rule_add"),
    path(f"{BASE}/rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path(f"{BASE}/rules/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
    path(f"{BASE}/<str:kind>/export.<str:export_format>", views.export, name="export"),
]
