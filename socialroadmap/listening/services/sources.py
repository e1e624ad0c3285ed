"""Live sources: create, change and delete them, and fetch what they posted since the
last run.

A fetch walks the connector's pages oldest first and stores each page's new posts
(deduplicated, analysed, matched) in one transaction together with the cursor that page
carries and the rollups of its hours. A fetch that dies after page k therefore resumes
at page k + 1 next time: nothing is skipped, nothing is stored twice, and the dashboards
already count the pages stored. Credentials are decrypted only to build the connector;
they never reach a log line, an error message or a response.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.connectors.http import AuthenticationError, ConnectorError
from socialroadmap.connectors.live import LIVE_SOURCES
from socialroadmap.connectors.live import LiveSource as SourceKind
from socialroadmap.core.errors import ServiceError
from socialroadmap.listening import secrets as sealing
from socialroadmap.listening.models import LiveSource
from socialroadmap.listening.services.imports import analyzer_for, refresh_rollups, store_posts
from socialroadmap.organizations.models import Organization

logger = logging.getLogger(__name__)

NAME_LENGTH = LiveSource._meta.get_field("name").max_length or 100
MIN_EVERY_MINUTES = 5
MAX_EVERY_MINUTES = 7 * 24 * 60
DEFAULT_EVERY_MINUTES = 15
# Longer errors are cut: the message is shown on a status line.
ERROR_LENGTH = 500


@dataclass(frozen=True)
class FetchResult:
    """What one fetch of a source did. ``error`` is empty when it read up to now (or
    up to ``max_pages``); otherwise it says why it stopped, without credentials."""

    source: int
    pages: int
    read: int
    stored: int
    duplicates: int
    error: str
    authentication_failed: bool
    fetched_at: datetime


@dataclass(frozen=True)
class DeletedSource:
    """What ``delete_source`` removed: the source only. Its posts stay: they are the
    organisation's data, like those of a deleted query."""

    id: int
    name: str
    posts_kept: int


# --- writes -----------------------------------------------------------------------------


def create_source(
    organization: Organization,
    *,
    name: str,
    kind: str,
    config: Mapping[str, Any],
    secrets: Mapping[str, str] | None = None,
    fetch_every_minutes: int = DEFAULT_EVERY_MINUTES,
    actor: User | None,
) -> LiveSource:
    """A new live source of ``kind`` (a name of ``connectors.live.LIVE_SOURCES``), due
    for its first fetch at once. Credentials go in ``secrets`` (encrypted, or
    ``env:VARNAME``); ServiceError names the field that is wrong."""
    source_kind = _kind(kind)
    source = LiveSource(
        organization=organization,
        name=_clean_name(organization, name),
        kind=source_kind.name,
        config=_clean_config(source_kind, config),
        secrets=secrets_column(source_kind, "", secrets or {}),
        fetch_every_minutes=_clean_every(fetch_every_minutes),
        next_fetch_at=timezone.now(),
    )
    source.stamp(actor)
    _save(source)
    logger.info("live source %s (%s) created by %s", source.pk, kind, getattr(actor, "pk", None))
    return source


def update_source(
    source: LiveSource,
    *,
    actor: User | None,
    name: str | None = None,
    kind: str | None = None,
    config: Mapping[str, Any] | None = None,
    secrets: Mapping[str, str] | None = None,
    fetch_every_minutes: int | None = None,
    is_active: bool | None = None,
) -> LiveSource:
    """Change what is given. A credential left out or empty keeps the stored one. New
    settings start the source afresh (empty cursor), since the old cursor points into
    another feed or search; the posts already stored stay and dedup keeps them once."""
    source_kind = _kind(source.kind)
    if kind is not None and kind != source.kind:
        raise ServiceError("a source's kind cannot change; add a new source", field="kind")
    if name is not None:
        source.name = _clean_name(source.organization, name, exclude=source.pk)
    if config is not None:
        cleaned = _clean_config(source_kind, config)
        if cleaned != source.config:
            source.config, source.cursor = cleaned, {}
    if secrets:
        source.secrets = secrets_column(source_kind, source.secrets, secrets)
    if fetch_every_minutes is not None:
        source.fetch_every_minutes = _clean_every(fetch_every_minutes)
    if is_active is not None:
        if is_active and not source.is_active:
            source.next_fetch_at = timezone.now()
        source.is_active = is_active
    source.stamp(actor)
    _save(source)
    return source


@transaction.atomic
def delete_source(source: LiveSource, *, actor: User | None) -> DeletedSource:
    """Delete the source (its settings, credentials and cursor). The posts it brought
    in stay: they are the organisation's data; delete them with their import or not
    at all."""
    deleted = DeletedSource(id=source.pk, name=source.name, posts_kept=source.fetched_posts)
    LiveSource.objects.for_org(source.organization).filter(pk=source.pk).delete()
    logger.info("live source %s deleted by %s", deleted.id, getattr(actor, "pk", None))
    return deleted


def secrets_column(kind: SourceKind, stored: str, given: Mapping[str, str]) -> str:
    """The ``secrets`` column after ``given`` (plain values or ``env:`` references;
    empty ones keep what is stored)."""
    if not isinstance(given, Mapping):
        raise ServiceError("credentials are an object of field: value", field="secrets")
    unknown = sorted(set(given) - kind.secret_fields)
    if unknown:
        allowed = ", ".join(sorted(kind.secret_fields)) or "none"
        raise ServiceError(
            f"{kind.name} has no credential {', '.join(unknown)} (it takes: {allowed})",
            field="secrets",
        )
    sealed = sealing.load(stored)
    for name, value in given.items():
        value = str(value or "").strip()
        if value:
            try:
                sealed[name] = sealing.seal(name, value)
            except sealing.SecretError as error:
                raise ServiceError(str(error), field="secrets") from None
    return sealing.dump(sealed)


# --- fetching ---------------------------------------------------------------------------


def due_sources(now: datetime | None = None) -> QuerySet[LiveSource]:
    """Active sources of every organisation whose next fetch is due at ``now``, the
    longest waiting first."""
    now = now or timezone.now()
    return (
        LiveSource.objects.filter(is_active=True)
        .filter(Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now))
        .order_by(F("next_fetch_at").asc(nulls_first=True), "pk")
    )


def claim_due(source_id: int, now: datetime | None = None) -> bool:
    """Move a due source's next fetch on by its interval, if no one did so first; True
    when this caller won it (so two schedulers never enqueue the same fetch twice)."""
    now = now or timezone.now()
    source = LiveSource.objects.filter(pk=source_id).only("fetch_every_minutes").first()
    if source is None:
        return False
    claimed = (
        due_sources(now)
        .filter(pk=source_id)
        .update(next_fetch_at=now + timedelta(minutes=source.fetch_every_minutes))
    )
    return claimed == 1


def fetch_source(
    source: LiveSource,
    *,
    now: datetime | None = None,
    max_pages: int | None = None,
    options: Mapping[str, Any] | None = None,
) -> FetchResult:
    """Read the source from its cursor, storing page by page; returns what it did.

    Each page's posts and its cursor are stored in one transaction, so a fetch that
    stops anywhere resumes without gaps or duplicates. Errors of the network, of the
    settings or of the credentials are recorded in ``last_error`` (a refused token
    says so) and returned, not raised; the source stays active. Database errors are
    raised, for the job to retry. ``options`` go to the connector (tests pass a
    fetcher with a fake clock and small pages).
    """
    now = now or timezone.now()
    LiveSource.objects.filter(pk=source.pk).update(
        next_fetch_at=now + timedelta(minutes=source.fetch_every_minutes)
    )
    source.refresh_from_db(fields=["cursor", "config", "secrets", "fetched_posts"])
    counts = {"pages": 0, "read": 0, "stored": 0, "duplicates": 0}
    error, refused, plain = "", False, {}
    try:
        plain = sealing.unseal_all(source.secrets)
        connector = _kind(source.kind).build({**source.config, **plain}, **dict(options or {}))
        analyzer = analyzer_for(source.organization)
        for page in connector.fetch(source.cursor or None):
            _store_page(source, page.posts, page.cursor, analyzer, counts)
            if max_pages is not None and counts["pages"] >= max_pages:
                break
    except DatabaseError:
        raise
    except AuthenticationError as exc:
        error, refused = _shown(exc, plain), True
    except (ConnectorError, sealing.SecretError, ServiceError, ValueError) as exc:
        error = _shown(exc, plain)
    except Exception as exc:
        # A connector bug must not stop the other sources. The log gets the traceback,
        # credentials masked; the source's status line only the type.
        trace = _masked("".join(traceback.format_exception(exc)), plain)
        logger.error("live source %s: unexpected error\n%s", source.pk, trace)
        error = f"unexpected error ({type(exc).__name__}); see the server log"
    if error:
        logger.warning("live source %s: %s", source.pk, error)
    LiveSource.objects.filter(pk=source.pk).update(last_fetched_at=now, last_error=error)
    source.refresh_from_db()
    return FetchResult(
        source=source.pk,
        **counts,
        error=error,
        authentication_failed=refused,
        fetched_at=now,
    )


def _store_page(
    source: LiveSource,
    posts: list[Any],
    cursor: dict[str, Any],
    analyzer: Any,
    counts: dict[str, int],
) -> None:
    """One page's posts, the cursor after them and the rollups of their hours, all or
    nothing: a worker killed after this page leaves no hour for the next fetch to
    rebuild."""
    with transaction.atomic():
        chunk = store_posts(source.organization, posts, analyzer=analyzer)
        LiveSource.objects.filter(pk=source.pk).update(
            cursor=cursor, fetched_posts=F("fetched_posts") + chunk.stored
        )
        refresh_rollups(source.organization, chunk.hours)
    source.cursor = cursor
    counts["pages"] += 1
    counts["read"] += len(posts)
    counts["stored"] += chunk.stored
    counts["duplicates"] += chunk.duplicates


def _shown(error: BaseException, plain: Mapping[str, str]) -> str:
    """The first line of an error message, any credential in it masked."""
    text = error.message if isinstance(error, ServiceError) else str(error).strip()
    return _masked(text or type(error).__name__, plain).splitlines()[0][:ERROR_LENGTH]


def _masked(text: str, plain: Mapping[str, str]) -> str:
    for value in plain.values():
        if value:
            text = text.replace(value, "***")
    return text


# --- checks -----------------------------------------------------------------------------


def _kind(kind: str) -> SourceKind:
    try:
        return LIVE_SOURCES[kind]
    except KeyError:
        known = ", ".join(LIVE_SOURCES)
        message = f"unknown kind of source '{kind}' (choose {known})"
        raise ServiceError(message, field="kind") from None


def _clean_name(organization: Organization, name: str, *, exclude: int | None = None) -> str:
    name = " ".join(str(name or "").split())
    if not name:
        raise ServiceError("a source needs a name", field="name")
    if len(name) > NAME_LENGTH:
        raise ServiceError(f"a name has at most {NAME_LENGTH} characters", field="name")
    taken = LiveSource.objects.for_org(organization).filter(name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ServiceError(f"a source named '{name}' already exists", field="name")
    return name


def _clean_config(kind: SourceKind, config: Mapping[str, Any]) -> dict[str, str]:
    """The non-secret settings, checked against the registry and the connector."""
    if not isinstance(config, Mapping):
        raise ServiceError("settings are an object of field: value", field="config")
    secret = sorted(set(config) & kind.secret_fields)
    if secret:
        raise ServiceError(
            f"{', '.join(secret)} is a credential: give it under secrets", field="config"
        )
    known = {f.name for f in kind.fields} - kind.secret_fields
    unknown = sorted(set(config) - known)
    if unknown:
        takes = ", ".join(sorted(known))
        message = f"{kind.name} has no setting {', '.join(unknown)} (it takes: {takes})"
        raise ServiceError(message, field="config")
    cleaned = {}
    for name, value in config.items():
        if value is not None and not isinstance(value, str | int | float):
            raise ServiceError(f"{name} must be text", field="config")
        text = str(value if value is not None else "").strip()
        if text:
            cleaned[name] = text
    missing = [f.name for f in kind.fields if f.required and f.name not in cleaned]
    if missing:
        raise ServiceError(f"{kind.name} needs {', '.join(missing)}", field="config")
    try:
        kind.build(cleaned)  # the connector's own checks; it opens no connection
    except ValueError as error:
        raise ServiceError(" ".join(str(error).split()), field="config") from None
    return dict(sorted(cleaned.items()))


def _clean_every(minutes: Any) -> int:
    try:
        value = int(minutes)
    except (TypeError, ValueError):
        raise ServiceError("give a whole number of minutes", field="fetch_every_minutes") from None
    if not MIN_EVERY_MINUTES <= value <= MAX_EVERY_MINUTES:
        raise ServiceError(
            f"fetch every {MIN_EVERY_MINUTES} to {MAX_EVERY_MINUTES} minutes",
            field="fetch_every_minutes",
        )
    return value


def _save(source: LiveSource) -> None:
    # The name check can race with a concurrent request; the constraint decides.
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError as error:
        raise ServiceError(
            f"a source named '{source.name}' already exists", field="name"
        ) from error
