from rest_framework.routers import SimpleRouter

from socialroadmap.alerts.api import views

ALERTS = r"organizations/(?P<org_slug>[-a-z0-9]+)/alerts"

router = SimpleRouter()
router.register(f"{ALERTS}/rules", views.AlertRuleViewSet, basename="alert-rule")
router.register(f"{ALERTS}/events", views.AlertEventViewSet, basename="alert-event")

urlpatterns = router.urls
