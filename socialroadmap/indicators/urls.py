from django.urls import path

from socialroadmap.indicators import views

app_name = "indicators"

BASE = "o/<slug:org_slug>/indicators"

urlpatterns = [
    path(f"{BASE}/", views.dashboard, name="dashboard"),
]
