from django.urls import re_path
from rest_framework.routers import SimpleRouter

from socialroadmap.excellence.api import views

EXCELLENCE = r"organizations/(?P<org_slug>[-a-z0-9]+)/excellence"

router = SimpleRouter()
router.register(f"{EXCELLENCE}/members", views.TeamMemberViewSet, basename="excellence-member")
router.register(
    f"{EXCELLENCE}/escalation-rules", views.EscalationRuleViewSet, basename="escalation-rule"
)

urlpatterns = [
    re_path(f"^{EXCELLENCE}/route/$", views.RouteView.as_view(), name="excellence-route"),
    *router.urls,
]
