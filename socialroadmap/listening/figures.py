"""A cache of the dashboards' figures, kept as fresh as the rollups they come from.

A dashboard sums rollups and reads the period's posts for its top posts, authors and
terms: at a million posts that is most of a second of database time per page. The
figures change only when the organisation's rollups are rebuilt (at the end of an
import, after a live fetch, a deleted import or a changed query), so they are computed
once per organisation *version* and read from the cache until the next rebuild: every
write that changes what a dashboard shows calls :func:`changed`, and the next page
computes afresh. Nothing goes stale: while an import runs, its posts are not yet in the
rollups, and the top panels wait for them with the rest of the dashboard.

The cache is the ``figures`` alias: Redis in production (``REDIS_URL``), shared by the
web server's processes and the workers that call :func:`changed`; files in the data
directory on the embedded default, shared by the server and the command line.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from socialroadmap.organizations.models import Organization

ALIAS = "figures"
P = ParamSpec("P")
T = TypeVar("T")


def _scope(organization: Organization) -> str:
    # The creation time tells apart two organisations that had the same id in different
    # databases (a restore, the test databases of parallel test processes).
    return f"{organization.pk}.{organization.created_at.timestamp():.6f}"


def _version_key(organization: Organization) -> str:
    return f"listening:version:{_scope(organization)}"


def version(organization: Organization) -> str:
    """The organisation's current version of its figures (made on first use)."""
    cache = caches[ALIAS]
    key = _version_key(organization)
    token = cache.get(key)
    if token is None:
        cache.add(key, secrets.token_hex(8), timeout=None)
        token = cache.get(key) or ""
    return str(token)


def changed(organization: Organization) -> None:
    """The organisation's posts, matches, rollups or queries changed: its cached figures
    are no longer used. Called at once and again when the transaction commits, so that
    a page computed in between from the old rows is not kept under the new version."""

    def renew() -> None:
        caches[ALIAS].set(_version_key(organization), secrets.token_hex(8), timeout=None)

    renew()
    transaction.on_commit(renew)


def cached(name: str) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Keep the answers of a figure function of ``(organization, *arguments)`` in the
    cache under the organisation's version and the arguments (their ``repr``)."""

    def decorate(function: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            organization = args[0]
            if not isinstance(organization, Organization):
                raise TypeError("the first argument of a cached figure is the organisation")
            arguments = repr((args[1:], sorted(kwargs.items())))
            digest = hashlib.blake2b(arguments.encode(), digest_size=16).hexdigest()
            key = f"listening:{name}:{_scope(organization)}:{version(organization)}:{digest}"
            cache = caches[ALIAS]
            found = cache.get(key)
            if found is not None:
                return found
            value = function(*args, **kwargs)
            cache.set(key, value, timeout=settings.SOCIALROADMAP_FIGURES_CACHE_SECONDS)
            return value

        return wrapper

    return decorate


def clear() -> None:
    """Forget every cached figure (tests; ``socialroadmap`` never needs it)."""
    caches[ALIAS].clear()


__all__ = ["cached", "changed", "clear", "version"]
