"""The API's rate limit: requests per minute per person.

A script that loops by mistake, or a token that leaked, must not take the server from
everyone else. DRF counts the requests; here the counts live in the ``shared`` cache
(Redis in production, so every server process counts together; the process's memory on
the embedded default) and the rates are read from the settings when a request comes, so
that ``SOCIALROADMAP_API_RATE`` and tests can change them. A refused request gets 429
with ``Retry-After``. Every API endpoint needs a login, and a request without one gets
401 before anything is counted (DRF checks permissions first): there is no per-address
limit to keep, and a token cannot be guessed.
"""

from __future__ import annotations

from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import UserRateThrottle

ALIAS = "shared"


class PersonRateThrottle(UserRateThrottle):
    """Requests of one person (token or session), every token of theirs together."""

    def __init__(self) -> None:
        self.cache = caches[ALIAS]
        super().__init__()

    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or "")
        return str(rate) if rate else None
