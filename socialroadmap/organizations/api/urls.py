from rest_framework.routers import SimpleRouter

from socialroadmap.organizations.api import views

router = SimpleRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register(
    r"organizations/(?P<org_slug>[-a-z0-9]+)/members",
    views.MembershipViewSet,
    basename="membership",
)

urlpatterns = router.urls
