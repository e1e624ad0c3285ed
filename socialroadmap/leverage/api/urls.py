from rest_framework.routers import SimpleRouter

from socialroadmap.leverage.api import views

LEVERAGE = r"organizations/(?P<org_slug>[-a-z0-9]+)/leverage"

router = SimpleRouter()
router.register(
    f"{LEVERAGE}/communications", views.CommunicationViewSet, basename="leverage-communication"
)
router.register(f"{LEVERAGE}/lift", views.LiftViewSet, basename="leverage-lift")

urlpatterns = router.urls
