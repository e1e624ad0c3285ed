from rest_framework.routers import SimpleRouter

from socialroadmap.content.api import views

CONTENT = r"organizations/(?P<org_slug>[-a-z0-9]+)/content"

router = SimpleRouter()
router.register(f"{CONTENT}/channels", views.ChannelViewSet, basename="content-channel")
router.register(f"{CONTENT}/items", views.ContentItemViewSet, basename="content-item")
router.register(f"{CONTENT}/gaps", views.ContentGapsViewSet, basename="content-gaps")

urlpatterns = router.urls
