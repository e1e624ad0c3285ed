"""The live source pages: the list with each source's status, adding one (choose the
kind, then its settings), changing, pausing, resuming, fetching now and deleting it.

Roles as the sources API: members see the list (VIEW); conversation managers add,
change, pause, fetch and delete sources (MANAGE). Every change goes through
``services.sources``. Credentials are write-only: a page says only that one is stored.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from socialroadmap.connectors.live import LIVE_SOURCES
from socialroadmap.connectors.live import LiveSource as SourceKind
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.core.jobs import enqueue
from socialroadmap.listening import secrets as sealing
from socialroadmap.listening.forms import (
    SOURCE_CREDENTIAL_PREFIX,
    SOURCE_SETTING_PREFIX,
    LiveSourceForm,
)
from socialroadmap.listening.models import LiveSource
from socialroadmap.listening.services.sources import (
    create_source,
    delete_source,
    update_source,
)
from socialroadmap.listening.tasks import fetch_source_task
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view

# The connectors' registry imports no Django, so its labels and help texts are marked
# for translation here and translated where they are shown. A test checks that every
# label and help text of the registry is in this list.
REGISTRY_STRINGS = (
    gettext_noop("RSS or Atom feed"),
    gettext_noop("Mastodon"),
    gettext_noop("Bluesky"),
    gettext_noop("Reddit"),
    gettext_noop("Feed URL"),
    gettext_noop("Instance URL"),
    gettext_noop("Hashtag"),
    gettext_noop("Search query"),
    gettext_noop("Access token"),
    gettext_noop("AppView or PDS URL"),
    gettext_noop("Subreddit"),
    gettext_noop("User-Agent"),
    gettext_noop("OAuth token"),
    gettext_noop("Give a hashtag or a query."),
    gettext_noop("Full-text search needs a token."),
    gettext_noop("Give a subreddit, a query or both."),
    gettext_noop("Reddit asks for a descriptive one."),
    gettext_noop("Optional; stored encrypted and never shown again."),
)


def _can(request: OrganizationRequest, capability: Capability) -> bool:
    return request.membership.role_enum.allows(capability)


def _list(request: OrganizationRequest) -> Any:
    return redirect("listening:sources", org_slug=request.organization.slug)


def _source(request: OrganizationRequest, pk: int) -> LiveSource:
    source: LiveSource = get_scoped_or_404(LiveSource.objects.all(), request.organization, pk=pk)
    return source


def _kind_label(kind: str) -> str:
    registered = LIVE_SOURCES.get(kind)
    return _(registered.label) if registered else kind


def _for_display(source: LiveSource, now: Any) -> LiveSource:
    """The source with what its row shows: its kind's label, its settings by label,
    which credentials are stored (never their values) and whether it is due."""
    kind = LIVE_SOURCES.get(source.kind)
    labels = {f.name: _(f.label) for f in kind.fields} if kind else {}
    source.kind_label = _kind_label(source.kind)  # type: ignore[attr-defined]
    order = list(labels)
    config = sorted(
        (source.config or {}).items(),
        key=lambda item: order.index(item[0]) if item[0] in order else len(order),
    )
    source.settings_shown = [  # type: ignore[attr-defined]
        (labels.get(name, name), value) for name, value in config
    ]
    source.credentials_stored = [  # type: ignore[attr-defined]
        labels.get(name, name) for name in sealing.status(source.secrets)
    ]
    source.is_due = source.is_active and (  # type: ignore[attr-defined]
        source.next_fetch_at is None or source.next_fetch_at <= now
    )
    return source


# --- the list ---------------------------------------------------------------------------


@org_view()
@require_safe
def sources(request: OrganizationRequest) -> HttpResponse:
    """Every live source with its status: active or paused, how often, when it was last
    and will next be fetched, the posts it stored and the last error."""
    now = timezone.now()
    rows = [
        _for_display(source, now)
        for source in LiveSource.objects.for_org(request.organization).order_by("name")
    ]
    return render(
        request,
        "listening/sources.html",
        {"sources": rows, "can_manage": _can(request, Capability.MANAGE)},
    )


# --- add and change ---------------------------------------------------------------------


def _error_field(form: LiveSourceForm, error: ServiceError) -> str | None:
    """The form field a refusal is about: the field it names, or for settings and
    credentials the one setting its message names (None: about the whole form)."""
    if error.field in form.fields:
        return error.field
    prefix = {"config": SOURCE_SETTING_PREFIX, "secrets": SOURCE_CREDENTIAL_PREFIX}.get(
        error.field or ""
    )
    if prefix is None:
        return None
    named = [
        prefix + f.name
        for f in form.kind.fields
        if re.search(rf"\b{re.escape(f.name)}\b", error.message) and prefix + f.name in form.fields
    ]
    return named[0] if len(named) == 1 else None


def _save(
    request: OrganizationRequest, form: LiveSourceForm, source: LiveSource | None
) -> LiveSource | None:
    """Create or change the source from a valid form; a refusal goes on the form."""
    data = form.cleaned_data
    try:
        if source is None:
            source = create_source(
                request.organization,
                name=data["name"],
                kind=form.kind.name,
                config=form.config(),
                secrets=form.secrets(),
                fetch_every_minutes=data["fetch_every_minutes"],
                actor=request.user,
            )
            if not data["is_active"]:
                source = update_source(source, actor=request.user, is_active=False)
            return source
        return update_source(
            source,
            actor=request.user,
            name=data["name"],
            config=form.config(),
            secrets=form.secrets(),
            fetch_every_minutes=data["fetch_every_minutes"],
            is_active=data["is_active"],
        )
    except ServiceError as error:
        form.add_error(_error_field(form, error), error.message)
        return None


def _form_page(
    request: OrganizationRequest, kind: SourceKind, source: LiveSource | None
) -> HttpResponse:
    if source is None:
        form = LiveSourceForm(kind, request.POST or None)
    else:
        form = LiveSourceForm(
            kind,
            request.POST or None,
            initial=LiveSourceForm.initial_for(source),
            stored_secrets=frozenset(sealing.status(source.secrets)),
        )
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, source)
        if saved is not None:
            messages.success(request, _("Source “%(name)s” saved.") % {"name": saved.name})
            return _list(request)
    return render(
        request,
        "listening/source_form.html",
        {"form": form, "source": source, "kind": kind, "kind_label": _(kind.label)},
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def source_new(request: OrganizationRequest) -> HttpResponse:
    """Choose the kind of source (``?kind=``), then fill in its settings."""
    kind = LIVE_SOURCES.get(request.GET.get("kind", ""))
    if kind is None:
        kinds = [
            {
                "name": k.name,
                "label": _(k.label),
                "fields": [_(f.label) for f in k.fields],
            }
            for k in LIVE_SOURCES.values()
        ]
        return render(request, "listening/source_kinds.html", {"kinds": kinds})
    return _form_page(request, kind, None)


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def source_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    kind = LIVE_SOURCES.get(source.kind)
    if kind is None:
        messages.error(
            request,
            _("This kind of source (%(kind)s) is no longer available; delete the source.")
            % {"kind": source.kind},
        )
        return _list(request)
    return _form_page(request, kind, source)


# --- pause, resume, fetch now -----------------------------------------------------------


def _set_active(request: OrganizationRequest, pk: int, active: bool) -> HttpResponse:
    source = _source(request, pk)
    try:
        update_source(source, actor=request.user, is_active=active)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        message = (
            _("“%(name)s” resumed: it is fetched at the next scheduled run.")
            if active
            else _("“%(name)s” paused: it is not fetched until you resume it.")
        )
        messages.success(request, message % {"name": source.name})
    return _list(request)


@org_view(Capability.MANAGE)
@require_POST
def source_pause(request: OrganizationRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, False)


@org_view(Capability.MANAGE)
@require_POST
def source_resume(request: OrganizationRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, True)


@org_view(Capability.MANAGE)
@require_POST
def source_fetch(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Fetch the source now, from where the last fetch stopped, as the scheduler would.
    Without a broker (the embedded default) the job runs here and the page says what it
    did; with workers it is queued. A paused source is refused, as in the API."""
    source = _source(request, pk)
    name = {"name": source.name}
    if not source.is_active:
        messages.error(request, _("“%(name)s” is paused; resume it before fetching.") % name)
        return _list(request)
    before = (source.last_fetched_at, source.fetched_posts)
    enqueue(fetch_source_task, source.pk)
    source.refresh_from_db(fields=["last_fetched_at", "fetched_posts", "last_error"])
    if (source.last_fetched_at, source.fetched_posts) == before:
        messages.success(
            request,
            _("Fetching “%(name)s”: refresh this page in a moment to see how it went.") % name,
        )
    elif source.last_error:
        messages.error(
            request,
            _("Fetching “%(name)s” failed: %(error)s") % {**name, "error": source.last_error},
        )
    else:
        stored = source.fetched_posts - before[1]
        messages.success(
            request,
            ngettext(
                "“%(name)s” fetched: %(count)s new post.",
                "“%(name)s” fetched: %(count)s new posts.",
                stored,
            )
            % {**name, "count": stored},
        )
    return _list(request)


# --- delete -----------------------------------------------------------------------------


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def source_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Ask first, saying what goes (settings, credentials, place in the feed) and what
    stays (the posts it brought in); delete on POST."""
    source = _source(request, pk)
    if request.method == "POST":
        gone = delete_source(source, actor=request.user)
        messages.success(
            request,
            ngettext(
                "Source “%(name)s” deleted; the %(count)s post it brought in stays.",
                "Source “%(name)s” deleted; the %(count)s posts it brought in stay.",
                gone.posts_kept,
            )
            % {"name": gone.name, "count": gone.posts_kept},
        )
        return _list(request)
    return render(
        request,
        "listening/source_delete.html",
        {"source": _for_display(source, timezone.now())},
    )
