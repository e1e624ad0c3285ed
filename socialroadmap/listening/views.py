"""The listening pages: dashboard, posts, queries, imports, and their exports.

Roles: members read every page (VIEW); contributors upload files (CONTRIBUTE: bringing
in data is everyday work, and the import only adds posts that can be deleted again);
conversation managers write and delete queries and delete imports (MANAGE, like the
API's writes: those change what every dashboard counts).
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from socialroadmap.core import exports
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.http import OrganizationRequest
from socialroadmap.listening import insights, library
from socialroadmap.listening.choices import JobStatus
from socialroadmap.listening.forms import (
    DEFAULT_DAYS,
    FILTER_NAMES,
    DashboardFilterForm,
    ImportForm,
    ListeningQueryForm,
)
from socialroadmap.listening.models import (
    ImportJob,
    ImportPart,
    ListeningQuery,
    Post,
    PostMatch,
    QuarantinedRow,
)
from socialroadmap.listening.paging import CappedPaginator
from socialroadmap.listening.services.imports import delete_import, queue_import, start_import
from socialroadmap.listening.services.queries import (
    create_query,
    delete_query,
    preview_query,
    update_query,
)
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import get_scoped_or_404, org_view

POSTS_PER_PAGE = 25
# A spreadsheet is for reading, not for archives: bigger exports should use the CSV.
XLSX_MAX_POSTS = 100_000
# In plotly.js's URL: the file is served as immutable, a new version is a new URL.
try:
    PLOTLY_VERSION = importlib.metadata.version("plotly")
except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a declared dependency
    PLOTLY_VERSION = "0"
# An hourly series for short periods, a daily one beyond.
HOURLY_UP_TO_DAYS = 2


def _can(request: OrganizationRequest, capability: Capability) -> bool:
    return request.membership.role_enum.allows(capability)


# --- filters and links ----------------------------------------------------------------


def _filter_form(request: OrganizationRequest) -> DashboardFilterForm:
    params = request.GET.copy()
    # Bound forms show no initial values: without this the select would show its first
    # choice while the page shows the default period.
    params.setdefault("period", str(DEFAULT_DAYS))
    return DashboardFilterForm(request.organization, params)


def _query_string(request: OrganizationRequest, **overrides: Any) -> str:
    """The request's filters with ``overrides`` (None drops one), as ``?a=b`` or ""."""
    params = {name: request.GET.get(name, "") for name in FILTER_NAMES}
    params.update({name: "" if value is None else str(value) for name, value in overrides.items()})
    kept = {name: value for name, value in params.items() if value}
    return f"?{urlencode(kept)}" if kept else ""


def _posts_link(request: OrganizationRequest, **overrides: Any) -> str:
    url = reverse("listening:posts", kwargs={"org_slug": request.organization.slug})
    return url + _query_string(request, **overrides)


def _day_link(request: OrganizationRequest, moment: Any) -> str:
    day = timezone.localtime(moment).date().isoformat()
    return _posts_link(request, period="custom", since=day, until=day)


def _interval(filters: insights.Filters) -> str:
    return "hour" if filters.until - filters.since <= timedelta(days=HOURLY_UP_TO_DAYS) else "day"


def _filter_context(request: OrganizationRequest, form: DashboardFilterForm) -> dict[str, Any]:
    filters = form.filters()
    return {
        "form": form,
        "filters": filters,
        "last_day": timezone.localtime(filters.until) - timedelta(days=1),
        "author": form.author_value(),
        "query_string": _query_string(request),
    }


def _for_display(posts: Iterable[Post]) -> list[Post]:
    """Posts with their matched queries, and a link only when it is a web address (a
    post's link is untrusted: no javascript: URLs)."""
    rows = list(posts)
    matches = PostMatch.objects.select_related("query").order_by("query__name")
    prefetch_related_objects(rows, Prefetch("matches", queryset=matches))
    for post in rows:
        post.safe_url = post.url if post.url.startswith(("https://", "http://")) else ""  # type: ignore[attr-defined]
    return rows


# --- dashboard --------------------------------------------------------------------------


@org_view()
@require_safe
def dashboard(request: OrganizationRequest) -> HttpResponse:
    """Volume, sentiment, share of voice, sources, languages and the top posts, authors,
    hashtags and terms of the period, all from rollups and bounded queries."""
    organization = request.organization
    context = _filter_context(request, _filter_form(request))
    filters = context["filters"]
    has_posts = Post.objects.for_org(organization).exists()
    context.update(
        has_queries=ListeningQuery.objects.for_org(organization).exists(),
        has_posts=has_posts,
        can_manage=_can(request, Capability.MANAGE),
        can_import=_can(request, Capability.CONTRIBUTE),
        plotly_version=PLOTLY_VERSION,
    )
    if has_posts:
        context.update(_dashboard_panels(request, filters))
    return render(request, "listening/dashboard.html", context)


def _dashboard_panels(request: OrganizationRequest, filters: insights.Filters) -> dict[str, Any]:
    organization = request.organization
    interval = _interval(filters)
    points = insights.series(organization, interval, filters)
    for row in points:
        moment = timezone.localtime(row["period"])
        row["label"] = moment.strftime("%Y-%m-%d %H:00" if interval == "hour" else "%Y-%m-%d")
        row["link"] = _day_link(request, row["period"])
    shares = insights.share_of_voice(organization, filters)
    for row in shares:
        row["link"] = _posts_link(request, query=row["query"])
    sources = insights.breakdown(organization, "source", filters)
    for row in sources:
        row["link"] = _posts_link(request, source=row["key"])
    languages = insights.breakdown(organization, "lang", filters)
    for row in languages:
        row["link"] = _posts_link(request, lang=row["key"]) if row["key"] else ""
    totals = {
        name: sum(row[name] for row in points)
        for name in ("posts", "positive", "neutral", "negative", "engagement")
    }
    judged = totals["positive"] + totals["negative"]
    totals["net_sentiment"] = (
        round((totals["positive"] - totals["negative"]) / judged, 2) if judged else None
    )
    authors = insights.top_authors(organization, filters)
    for rows in authors.values():
        for row in rows:
            row["link"] = _posts_link(request, author=row["author"])
    return {
        "interval": interval,
        "points": points,
        "shares": shares,
        "sources": sources,
        "languages": languages,
        "totals": totals,
        "top_posts": _for_display(insights.top_posts(organization, filters)),
        "authors": authors,
        "terms": insights.top_terms(organization, filters),
        "charts": _chart_data(points, shares, sources, languages),
    }


def _chart_data(
    points: list[dict[str, Any]],
    shares: list[dict[str, Any]],
    sources: list[dict[str, Any]],
    languages: list[dict[str, Any]],
) -> dict[str, Any]:
    """What static/listening/dashboard.js draws (read from a json_script element)."""

    def bars(rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
        return {
            "x": [row[key] or "?" for row in rows],
            "y": [row["posts"] for row in rows],
            "links": [row["link"] for row in rows],
        }

    return {
        "labels": {
            "positive": _("Positive"),
            "neutral": _("Neutral"),
            "negative": _("Negative"),
            "net": _("Net sentiment"),
            "posts": _("Posts"),
        },
        "volume": {
            "x": [row["label"] for row in points],
            **{name: [row[name] for row in points] for name in ("positive", "neutral", "negative")},
            "net": [row["net_sentiment"] for row in points],
            "links": [row["link"] for row in points],
        },
        "share": bars(shares, "name"),
        "sources": bars(sources, "key"),
        "languages": bars(languages, "key"),
    }


# --- posts ------------------------------------------------------------------------------


def _filtered_posts(request: OrganizationRequest) -> tuple[DashboardFilterForm, Any]:
    form = _filter_form(request)
    posts = insights.posts(request.organization, form.filters(), author=form.author_value())
    matches = PostMatch.objects.select_related("query").order_by("query__name")
    return form, posts.prefetch_related(Prefetch("matches", queryset=matches))


@org_view()
@require_safe
def posts(request: OrganizationRequest) -> HttpResponse:
    """The filtered posts, newest first, 25 a page."""
    form, rows = _filtered_posts(request)
    page = CappedPaginator(rows, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = _for_display(page.object_list)
    query_string = _query_string(request)
    context = _filter_context(request, form)
    context.update(
        page=page,
        page_prefix=f"{query_string}&page=" if query_string else "?page=",
        has_posts=Post.objects.for_org(request.organization).exists(),
        can_import=_can(request, Capability.CONTRIBUTE),
    )
    return render(request, "listening/posts.html", context)


# --- exports ----------------------------------------------------------------------------

SERIES_COLUMNS = [
    "period",
    "posts",
    "positive",
    "neutral",
    "negative",
    "net_sentiment",
    "engagement",
    "reach",
]
POST_COLUMNS = [
    "posted_at",
    "source",
    "author",
    "language",
    "sentiment",
    "sentiment_score",
    "likes",
    "shares",
    "replies",
    "reach",
    "queries",
    "url",
    "text",
]


def _post_row(post: Post) -> list[Any]:
    return [
        post.created_at,
        post.source,
        post.author,
        post.lang,
        post.sentiment,
        post.sentiment_score,
        post.likes,
        post.shares,
        post.replies,
        post.reach,
        "; ".join(match.query.name for match in post.matches.all()),
        post.url,
        post.text,
    ]


def _series_rows(request: OrganizationRequest) -> list[list[Any]]:
    filters = _filter_form(request).filters()
    points = insights.series(request.organization, _interval(filters), filters)
    return [[row[name] for name in SERIES_COLUMNS] for row in points]


@org_view()
@require_safe
def series_export(request: OrganizationRequest, export_format: str) -> Any:
    """The dashboard's series (per day or hour) as CSV or XLSX."""
    return exports.table_response(
        request.organization.slug,
        "listening-series",
        export_format,
        SERIES_COLUMNS,
        _series_rows(request),
    )


@org_view()
@require_safe
def posts_export(request: OrganizationRequest, export_format: str) -> Any:
    """The filtered posts as CSV (streamed, any number) or XLSX (at most XLSX_MAX_POSTS)."""
    _form, rows = _filtered_posts(request)
    if export_format == "csv":
        posts = rows.iterator(chunk_size=1000)
    else:
        posts = rows[:XLSX_MAX_POSTS].iterator(chunk_size=1000)
    return exports.table_response(
        request.organization.slug,
        "listening-posts",
        export_format,
        POST_COLUMNS,
        (_post_row(p) for p in posts),
        stream=export_format == "csv",
    )


# --- queries ----------------------------------------------------------------------------


@org_view()
@require_safe
def queries(request: OrganizationRequest) -> HttpResponse:
    """The organisation's queries with their number of matches."""
    rows = ListeningQuery.objects.for_org(request.organization).annotate(
        match_count=Count("matches")
    )
    return render(
        request,
        "listening/queries.html",
        {"queries": rows.order_by("name"), "can_manage": _can(request, Capability.MANAGE)},
    )


def _library(request: OrganizationRequest) -> list[dict[str, Any]]:
    language = request.LANGUAGE_CODE
    return [
        {
            "key": t.key,
            "title": t.title.get(language),
            "description": t.description.get(language),
            "example": t.example,
            "fields": [
                {"name": f.name, "label": f.label.get(language), "example": f.example}
                for f in t.fields
            ],
        }
        for t in library.TEMPLATES
    ]


def _from_template(request: OrganizationRequest, initial: dict[str, Any]) -> None:
    """Fill ``initial`` from a library template picked with ?template=key&brand=…"""
    template = library.BY_KEY.get(request.GET.get("template", ""))
    if template is None:
        return
    values = {f.name: request.GET.get(f.name, "") for f in template.fields}
    try:
        initial["query"] = library.render_template(template.key, **values)
    except ServiceError as error:
        messages.error(request, error.message)
        return
    initial["kind"] = template.kind
    initial.setdefault("name", next(iter(values.values()), "")[:100])


def _query_form(request: OrganizationRequest, query_obj: ListeningQuery | None) -> HttpResponse:
    initial: dict[str, Any] = {"is_active": True}
    if query_obj is not None:
        fields = ("name", "kind", "query", "is_active")
        initial = {name: getattr(query_obj, name) for name in fields}
    if request.method == "GET":
        _from_template(request, initial)
    form = ListeningQueryForm(request.POST or None, initial=initial)
    form.fields["query"].widget.attrs.update(
        {
            # The live preview: htmx sends the field's text a moment after typing stops.
            "hx-get": reverse(
                "listening:query_preview", kwargs={"org_slug": request.organization.slug}
            ),
            "hx-trigger": "input changed delay:400ms, load",
            "hx-target": "#query-preview",
            "hx-sync": "this:replace",
        }
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if query_obj is None:
                saved = create_query(
                    request.organization,
                    name=data["name"],
                    query=data["query"],
                    kind=data["kind"],
                    actor=request.user,
                )
                if not data["is_active"]:
                    update_query(saved, actor=request.user, is_active=False)
            else:
                saved = update_query(query_obj, actor=request.user, **data)
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Query “%(name)s” saved.") % {"name": saved.name})
            return redirect("listening:queries", org_slug=request.organization.slug)
    return render(
        request,
        "listening/query_form.html",
        {"form": form, "query_obj": query_obj, "templates": _library(request)},
    )


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def query_new(request: OrganizationRequest) -> HttpResponse:
    return _query_form(request, None)


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def query_edit(request: OrganizationRequest, pk: int) -> HttpResponse:
    query_obj = get_scoped_or_404(ListeningQuery.objects.all(), request.organization, pk=pk)
    return _query_form(request, query_obj)


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def query_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Ask first, saying how many matches go with the query; delete on POST."""
    query_obj = get_scoped_or_404(ListeningQuery.objects.all(), request.organization, pk=pk)
    if request.method == "POST":
        gone = delete_query(query_obj, actor=request.user)
        messages.success(
            request,
            _("Query “%(name)s” deleted with its %(matches)s matches.")
            % {"name": gone["name"], "matches": gone["matches"]},
        )
        return redirect("listening:queries", org_slug=request.organization.slug)
    matches = PostMatch.objects.for_org(request.organization).filter(query=query_obj).count()
    return render(
        request, "listening/query_delete.html", {"query_obj": query_obj, "matches": matches}
    )


@org_view(Capability.CONTRIBUTE)
@require_safe
def query_preview(request: OrganizationRequest) -> HttpResponse:
    """The htmx fragment under the query field: how many recent posts the unsaved query
    matches, and the first 10. Contributors and up, like the API's preview."""
    text = request.GET.get("query", "").strip()
    context: dict[str, Any] = {"text": text}
    if text:
        try:
            context["result"] = preview_query(request.organization, text, limit=10)
        except ServiceError as error:
            context["error"] = error.message
    return render(request, "listening/_preview.html", context)


# --- imports ----------------------------------------------------------------------------


def _upload_dir(job: ImportJob) -> Path:
    return Path(settings.DATA_DIR) / "imports" / str(job.organization_id) / str(job.pk)


def _save_upload(job: ImportJob, upload: Any) -> Path:
    folder = _upload_dir(job)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (get_valid_filename(job.filename) or "upload")
    with open(path, "wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return path


@org_view(write=Capability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def imports(request: OrganizationRequest) -> HttpResponse:
    """Past imports, and the upload form (contributors and up)."""
    can_import = _can(request, Capability.CONTRIBUTE)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = start_import(
                request.organization,
                format=form.cleaned_data["format"],
                filename=upload.name or "upload",
                size=upload.size or 0,
                actor=request.user,
            )
        except ServiceError as error:
            form.add_error("format", error.message)
        else:
            path = _save_upload(job, upload)
            queue_import(job, str(path), mapping=form.cleaned_data["mapping"])
            messages.success(request, _("File received; the import has started."))
            return redirect("listening:import", org_slug=request.organization.slug, pk=job.pk)
    jobs = ImportJob.objects.for_org(request.organization).order_by("-created_at")[:100]
    return render(
        request, "listening/imports.html", {"form": form, "jobs": jobs, "can_import": can_import}
    )


@org_view()
@require_safe
def import_detail(request: OrganizationRequest, pk: int) -> HttpResponse:
    """One import: its progress (htmx polls the fragment every 2 s while it runs) and,
    once finished, the rows it could not read."""
    job = get_scoped_or_404(ImportJob.objects.all(), request.organization, pk=pk)
    active = job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    quarantine = (
        []
        if active
        else list(QuarantinedRow.objects.for_org(request.organization).filter(import_job=job)[:500])
    )
    context = {
        "job": job,
        "active": active,
        "quarantine": quarantine,
        "percent": min(100, round(100 * job.done_bytes / job.size)) if job.size else None,
        "can_delete": _can(request, Capability.MANAGE),
        # A split import (services.split): how many of its parts the workers stored.
        "parts_stored": (
            ImportPart.objects.for_org(request.organization)
            .filter(import_job=job, done=True)
            .count()
            if job.parts
            else None
        ),
    }
    template = "listening/_job_progress.html" if request.htmx else "listening/import.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@org_view(Capability.MANAGE)
@require_http_methods(["GET", "POST"])
def import_delete(request: OrganizationRequest, pk: int) -> HttpResponse:
    """Ask first, saying how many posts go with the import; delete on POST."""
    job = get_scoped_or_404(ImportJob.objects.all(), request.organization, pk=pk)
    slug = request.organization.slug
    if request.method == "POST":
        try:
            gone = delete_import(job, actor=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("listening:import", org_slug=slug, pk=job.pk)
        messages.success(
            request,
            _("Import deleted with %(posts)s posts and %(matches)s matches.")
            % {"posts": gone.posts, "matches": gone.matches},
        )
        return redirect("listening:imports", org_slug=slug)
    count = Post.objects.for_org(request.organization).filter(import_job=job).count()
    return render(request, "listening/import_delete.html", {"job": job, "posts": count})
