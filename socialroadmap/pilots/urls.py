from django.urls import path

from socialroadmap.pilots import views

app_name = "pilots"

BASE = "o/<slug:org_slug>/pilots"

urlpatterns = [
    path(f"{BASE}/", views.portfolio, name="portfolio"),
]
