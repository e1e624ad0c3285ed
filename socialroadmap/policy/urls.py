from django.urls import path

from socialroadmap.policy import views

app_name = "policy"

BASE = "o/<slug:org_slug>/policy"

urlpatterns = [
    path(f"{BASE}/", views.overview, name="overview"),
]
