from rest_framework.routers import SimpleRouter

from socialroadmap.plans.api import views

PLANS = r"organizations/(?P<org_slug>[-a-z0-9]+)/plans"

router = SimpleRouter()
router.register(f"{PLANS}/map", views.PlanMapViewSet, basename="plans-map")
router.register(f"{PLANS}/objectives", views.PlanObjectiveViewSet, basename="plans-objective")
router.register(PLANS, views.PlanViewSet, basename="plans-plan")

urlpatterns = router.urls
