"""Pages of the indicators app (being built)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from socialroadmap.core.http import OrganizationRequest
from socialroadmap.organizations.scoping import org_view


@org_view()
@require_safe
def dashboard(request: OrganizationRequest) -> HttpResponse:
    return render(request, "indicators/dashboard.html", {})
