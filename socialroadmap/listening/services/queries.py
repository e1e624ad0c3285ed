"""Writes and checks for listening queries: create, change, delete, validate, preview.

Views, the API and the CLI call these. A query's matches are recomputed by the import
service's ``rematch_query`` whenever what it matches may have changed.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.core.errors import ServiceError
from socialroadmap.engine.posts import Engagement
from socialroadmap.engine.posts import Post as EnginePost
from socialroadmap.engine.query import Matcher, QueryError, parse
from socialroadmap.listening.choices import QueryKind
from socialroadmap.listening.figures import changed
from socialroadmap.listening.models import ListeningQuery, Post, PostMatch, Rollup
from socialroadmap.organizations.models import Organization

NAME_LENGTH = ListeningQuery._meta.get_field("name").max_length or 100
# A preview must answer while someone types: it reads at most this many recent posts.
PREVIEW_POSTS = 5_000
CHANGEABLE = frozenset({"name", "query", "kind", "is_active"})


def validate_query(text: str) -> None:
    """Raise ServiceError (field ``query``) naming the position and what was expected."""
    try:
        parse(text)
    except QueryError as error:
        raise ServiceError(str(error), field="query") from error


def _clean_name(organization: Organization, name: str, *, exclude: int | None = None) -> str:
    name = " ".join(str(name).split())
    if not name:
        raise ServiceError("a query needs a name", field="name")
    if len(name) > NAME_LENGTH:
        raise ServiceError(f"a name has at most {NAME_LENGTH} characters", field="name")
    taken = ListeningQuery.objects.for_org(organization).filter(name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ServiceError(f"a query named '{name}' already exists", field="name")
    return name


def _clean_kind(kind: str) -> str:
    if kind not in QueryKind.values:
        choices = ", ".join(QueryKind.values)
        raise ServiceError(f"unknown kind '{kind}' (choose {choices})", field="kind")
    return kind


def _save(query_obj: ListeningQuery) -> None:
    # The name check above can race with a concurrent request; the constraint decides.
    try:
        with transaction.atomic():
            query_obj.save()
    except IntegrityError as error:
        raise ServiceError(
            f"a query named '{query_obj.name}' already exists", field="name"
        ) from error


def _rematch(query_obj: ListeningQuery) -> None:
    try:
        from socialroadmap.listening.services.imports import rematch_query
    except ImportError:
        # The import service (issue 5) brings rematch_query; without it there are no
        # stored matches to bring up to date.
        return
    rematch_query(query_obj)


@transaction.atomic
def create_query(
    organization: Organization, *, name: str, query: str, kind: str, actor: User | None
) -> ListeningQuery:
    """Add a listening query; its matches among the stored posts are computed at once."""
    validate_query(query)
    query_obj = ListeningQuery(
        organization=organization,
        name=_clean_name(organization, name),
        query=query.strip(),
        kind=_clean_kind(kind),
    )
    query_obj.stamp(actor)
    _save(query_obj)
    _rematch(query_obj)
    changed(organization)  # share of voice lists every query
    return query_obj


@transaction.atomic
def update_query(
    query_obj: ListeningQuery, *, actor: User | None, **changes: Any
) -> ListeningQuery:
    """Change ``name``, ``query``, ``kind`` or ``is_active``; a new query text or
    (de)activation recomputes its matches."""
    unknown = set(changes) - CHANGEABLE
    if unknown:
        raise ServiceError(f"cannot change {', '.join(sorted(unknown))}", field=min(unknown))
    locked = ListeningQuery.objects.select_for_update().get(pk=query_obj.pk)
    if "name" in changes:
        locked.name = _clean_name(locked.organization, changes["name"], exclude=locked.pk)
    if "kind" in changes:
        locked.kind = _clean_kind(changes["kind"])
    rematch = False
    if "query" in changes:
        validate_query(changes["query"])
        rematch = changes["query"].strip() != locked.query
        locked.query = changes["query"].strip()
    if "is_active" in changes:
        rematch = rematch or bool(changes["is_active"]) != locked.is_active
        locked.is_active = bool(changes["is_active"])
    locked.stamp(actor)
    _save(locked)
    if rematch:
        _rematch(locked)
    changed(locked.organization)  # share of voice shows names and kinds
    return locked


@transaction.atomic
def delete_query(query_obj: ListeningQuery, actor: User | None) -> dict[str, Any]:
    """Delete a query with its matches and rollups; returns what went with it.

    No rematch afterwards: the database removes the query's matches and rollups with it
    (cascade), and the rollups of all posts (query none) do not depend on queries.
    """
    organization = query_obj.organization
    gone = {
        "id": query_obj.pk,
        "name": query_obj.name,
        "matches": PostMatch.objects.for_org(organization).filter(query=query_obj).count(),
        "rollups": Rollup.objects.for_org(organization).filter(query=query_obj).count(),
    }
    query_obj.delete()
    changed(organization)
    return gone


def engine_post(post: Post) -> EnginePost:
    """A stored post in the engine's shape, for matching."""
    return EnginePost(
        id=post.external_id,
        text=post.text,
        author=post.author or None,
        created_at=post.created_at,
        source=post.source or None,
        url=post.url or None,
        lang=post.lang or None,
        engagement=Engagement(post.likes, post.shares, post.replies, post.reach),
    )


def post_summary(post: Post) -> dict[str, Any]:
    return {
        "id": post.pk,
        "text": post.text,
        "author": post.author,
        "created_at": post.created_at,
        "source": post.source,
        "url": post.url,
        "lang": post.lang,
        "sentiment": post.sentiment,
    }


def preview_query(
    organization: Organization, text: str, *, limit: int = 20, days: int = 30
) -> dict[str, Any]:
    """Run a query, unsaved, over the organisation's recent posts (the last ``days``
    days, at most PREVIEW_POSTS, newest first).

    Returns ``checked`` (posts read), ``matched`` and the first ``limit`` matching posts.
    Writes nothing.
    """
    validate_query(text)
    matcher = Matcher([("preview", text)])
    since = timezone.now() - timedelta(days=days)
    recent = (
        Post.objects.for_org(organization)
        .filter(Q(created_at__gte=since) | Q(created_at__isnull=True, stored_at__gte=since))
        .order_by(F("created_at").desc(nulls_last=True), "-id")[:PREVIEW_POSTS]
    )
    checked = matched = 0
    found: list[dict[str, Any]] = []
    for post in recent.iterator(chunk_size=1_000):
        checked += 1
        if matcher.match(engine_post(post)):
            matched += 1
            if len(found) < limit:
                found.append(post_summary(post))
    return {"checked": checked, "matched": matched, "posts": found}
