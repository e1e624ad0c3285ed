from django.urls import path

from socialroadmap.leverage import views

app_name = "leverage"

BASE = "o/<slug:org_slug>/leverage"

urlpatterns = [
    path(f"{BASE}/", views.overview, name="overview"),
]
