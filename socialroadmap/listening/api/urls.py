from rest_framework.routers import SimpleRouter

from socialroadmap.listening.api import sources, views

LISTENING = r"organizations/(?P<org_slug>[-a-z0-9]+)/listening"

router = SimpleRouter()
router.register(f"{LISTENING}/queries", views.ListeningQueryViewSet, basename="listening-query")
router.register(
    f"{LISTENING}/query-templates", views.QueryTemplateViewSet, basename="listening-template"
)
router.register(f"{LISTENING}/posts", views.PostViewSet, basename="listening-post")
router.register(f"{LISTENING}/imports", views.ImportJobViewSet, basename="listening-import")
router.register(f"{LISTENING}/rollups", views.RollupViewSet, basename="listening-rollup")
router.register(f"{LISTENING}/sources", sources.LiveSourceViewSet, basename="listening-source")
router.register(
    f"{LISTENING}/source-kinds", sources.SourceKindViewSet, basename="listening-source-kind"
)
urlpatterns = router.urls
