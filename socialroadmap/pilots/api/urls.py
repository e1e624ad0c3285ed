from django.urls import re_path
from rest_framework.routers import SimpleRouter

from socialroadmap.pilots.api import views

PILOTS = r"organizations/(?P<org_slug>[-a-z0-9]+)/pilots"

router = SimpleRouter()
router.register(f"{PILOTS}/pilots", views.PilotViewSet, basename="pilot")
router.register(f"{PILOTS}/kpis", views.PilotKpiViewSet, basename="pilot-kpi")
router.register(
    f"{PILOTS}/recommendation", views.RecommendationViewSet, basename="pilot-recommendation"
)

settings_view = views.PortfolioSettingsViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update"}
)

urlpatterns = [
    re_path(f"^{PILOTS}/settings/$", settings_view, name="pilot-settings"),
    *router.urls,
]
