from rest_framework.routers import SimpleRouter

from socialroadmap.indicators.api import views

INDICATORS = r"organizations/(?P<org_slug>[-a-z0-9]+)/indicators"

router = SimpleRouter()
# The values first: "indicators/values/" is not an indicator's id.
router.register(f"{INDICATORS}/values", views.IndicatorValueViewSet, basename="indicators-value")
router.register(f"{INDICATORS}", views.IndicatorViewSet, basename="indicators-indicator")

urlpatterns = router.urls
