from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerSplitView,
)

from socialroadmap.core.views import healthz
from socialroadmap.organizations import views as organization_views

# The API reference page (Swagger UI) injects inline styles; they show no company data.
api_docs_csp = csp_update({"style-src": [UNSAFE_INLINE]})

api_v1: list[URLPattern | URLResolver] = [
    path("", include("socialroadmap.organizations.api.urls")),
    path("", include("socialroadmap.roadmap.api.urls")),
    path("", include("socialroadmap.listening.api.urls")),
    path("", include("socialroadmap.internalscan.api.urls")),
    path("", include("socialroadmap.alerts.api.urls")),
    path("", include("socialroadmap.registry.api.urls")),
    path("", include("socialroadmap.excellence.api.urls")),
    path("", include("socialroadmap.knowledge.api.urls")),
    path("", include("socialroadmap.policy.api.urls")),
    path("", include("socialroadmap.pilots.api.urls")),
    path("", include("socialroadmap.audit.api.urls")),
    path("", include("socialroadmap.panel.api.urls")),
    path("", include("socialroadmap.content.api.urls")),
    path("", include("socialroadmap.leverage.api.urls")),
    path("", include("socialroadmap.feedback.api.urls")),
    path("", include("socialroadmap.indicators.api.urls")),
    path("", include("socialroadmap.plans.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        api_docs_csp(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="api-docs",
    ),
]

urlpatterns = [
    path("", organization_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("account/", include("socialroadmap.accounts.urls")),
    path("invite/<str:key>/", organization_views.accept_invitation, name="accept_invitation"),
    path("", include("socialroadmap.organizations.urls")),
    path("", include("socialroadmap.roadmap.urls")),
    path("", include("socialroadmap.alerts.urls")),
    path("", include("socialroadmap.internalscan.urls")),
    path("", include("socialroadmap.registry.urls")),
    path("", include("socialroadmap.excellence.urls")),
    path("", include("socialroadmap.knowledge.urls")),
    path("", include("socialroadmap.policy.urls")),
    path("", include("socialroadmap.pilots.urls")),
    path("", include("socialroadmap.audit.urls")),
    path("", include("socialroadmap.panel.urls")),
    path("", include("socialroadmap.content.urls")),
    path("", include("socialroadmap.leverage.urls")),
    path("", include("socialroadmap.feedback.urls")),
    path("", include("socialroadmap.indicators.urls")),
    path("", include("socialroadmap.plans.urls")),
    path("", include("socialroadmap.listening.urls")),
    path("api/v1/", include(api_v1)),
    path("admin/", admin.site.urls),
]
