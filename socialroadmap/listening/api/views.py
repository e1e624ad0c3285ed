"""API: listening queries (with preview and the query library), posts, imports and
rollups. Dashboards read rollups, never raw posts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, NoReturn

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.core.errors import ServiceError
from socialroadmap.listening import insights, library
from socialroadmap.listening.api import filters
from socialroadmap.listening.api.serializers import (
    DeletedQuerySerializer,
    ImportJobSerializer,
    ListeningQuerySerializer,
    PostSerializer,
    PreviewSerializer,
    QuarantinedRowSerializer,
    QueryTemplateSerializer,
    QueryTextSerializer,
    RollupPointSerializer,
    ShareOfVoiceSerializer,
)
from socialroadmap.listening.choices import Sentiment
from socialroadmap.listening.insights import Filters
from socialroadmap.listening.models import ImportJob, ListeningQuery, Post, QuarantinedRow, Rollup
from socialroadmap.listening.paging import CappedPagination
from socialroadmap.listening.services.queries import (
    create_query,
    delete_query,
    preview_query,
    update_query,
)
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import OrganizationScopedMixin


def raise_for(error: ServiceError) -> NoReturn:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


def language_of(request: Request) -> str:
    return getattr(request, "LANGUAGE_CODE", "en")


@extend_schema_view(destroy=extend_schema(responses={200: DeletedQuerySerializer}))
class ListeningQueryViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """The organisation's listening queries. Members read; conversation managers write."""

    serializer_class = ListeningQuerySerializer
    queryset = ListeningQuery.objects.none()

    def get_queryset(self) -> QuerySet[ListeningQuery]:
        return self.scope(
            ListeningQuery.objects.annotate(match_count=Count("matches")).order_by("name")
        )

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        try:
            created = create_query(
                self.organization,
                name=data["name"],
                query=data["query"],
                kind=data.get("kind", "brand"),
                actor=self.actor,
            )
        except ServiceError as error:
            raise_for(error)
        serializer.instance = self.get_queryset().get(pk=created.pk)  # with its match count

    def perform_update(self, serializer: Any) -> None:
        try:
            changed = update_query(
                serializer.instance, actor=self.actor, **serializer.validated_data
            )
        except ServiceError as error:
            raise_for(error)
        serializer.instance = self.get_queryset().get(pk=changed.pk)  # with its match count

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete the query with its matches; answers what was deleted with it."""
        return Response(delete_query(self.get_object(), actor=self.actor))

    @extend_schema(request=QueryTextSerializer, responses={200: PreviewSerializer})
    @action(detail=False, methods=["post"])
    def preview(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Run an unsaved query over the recent posts (the last 30 days, at most 5,000).

        Contributors and up, like every POST: it writes nothing, but a viewer's POST is
        refused everywhere.
        """
        payload = QueryTextSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            result = preview_query(self.organization, payload.validated_data["query"])
        except ServiceError as error:
            raise_for(error)
        return Response(PreviewSerializer(result).data)

    def get_permissions(self) -> Any:
        # Trying a query is part of writing one, so it is open a step below saving it.
        if self.action == "preview":
            self.write_capability = Capability.CONTRIBUTE
        return super().get_permissions()


TEMPLATE_KEY = OpenApiParameter(
    "key", str, OpenApiParameter.PATH, enum=[t.key for t in library.TEMPLATES]
)
# Every field name of the library, each an optional query-string value of ``retrieve``.
TEMPLATE_VALUES = [
    OpenApiParameter(name, str, description="A value for the template's field of this name.")
    for name in sorted({f.name for t in library.TEMPLATES for f in t.fields})
]


def template_data(
    template: library.QueryTemplate, language: str, query: str | None = None
) -> dict[str, Any]:
    return {
        "key": template.key,
        "kind": template.kind,
        "title": template.title.get(language),
        "description": template.description.get(language),
        "pattern": template.pattern,
        "fields": [
            {"name": f.name, "shape": f.shape, "label": f.label.get(language), "example": f.example}
            for f in template.fields
        ],
        "example": template.example,
        "query": query,
    }


class QueryTemplateViewSet(OrganizationScopedMixin, viewsets.ViewSet):
    """The query library: templates to fill in with a brand, a handle or a hashtag."""

    lookup_field = "key"
    lookup_value_regex = "[-a-z]+"

    @extend_schema(responses={200: QueryTemplateSerializer(many=True)})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        language = language_of(request)
        return Response([template_data(t, language) for t in library.TEMPLATES])

    @extend_schema(
        parameters=[TEMPLATE_KEY, *TEMPLATE_VALUES], responses={200: QueryTemplateSerializer}
    )
    def retrieve(self, request: Request, key: str, *args: Any, **kwargs: Any) -> Response:
        """One template; with a value for each of its fields, ``query`` is filled in."""
        template = library.BY_KEY.get(key)
        if template is None:
            raise Http404
        query = None
        names = [f.name for f in template.fields]
        if any(name in request.query_params for name in names):
            values = {name: request.query_params.get(name, "") for name in names}
            try:
                query = library.render_template(key, **values)
            except ServiceError as error:
                raise_for(error)
        return Response(template_data(template, language_of(request), query))


POST_FILTERS = [
    filters.QUERY,
    filters.SOURCE,
    filters.LANG,
    OpenApiParameter("sentiment", str, enum=Sentiment.values, description="Only this sentiment."),
    filters.SINCE,
    filters.UNTIL,
    OpenApiParameter("author", str, description="Only this author (exact, any case)."),
    OpenApiParameter("q", str, description="Only posts whose text contains this (any case)."),
]


@extend_schema_view(list=extend_schema(parameters=POST_FILTERS))
class PostViewSet(OrganizationScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Stored posts, newest first, with their analysis and the queries that matched."""

    serializer_class = PostSerializer
    queryset = Post.objects.none()
    # ``count`` stops at 10,000: an exact count walked every matching post.
    pagination_class = CappedPagination

    def get_queryset(self) -> QuerySet[Post]:
        posts = self.scope(Post.objects.prefetch_related("matches"))
        if self.action != "list":
            return posts
        params = self.request.query_params
        query = filters.number(self.request, "query")
        if query is not None:
            posts = posts.filter(matches__query_id=query)
        for name in ("source", "lang", "sentiment"):
            if params.get(name):
                posts = posts.filter(**{name: params[name]})
        if params.get("author"):
            posts = posts.filter(author__iexact=params["author"].removeprefix("@"))
        if params.get("q"):
            posts = posts.filter(text__icontains=params["q"])
        return filters.in_period(posts, self.request, "created_at")


class ImportJobViewSet(OrganizationScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Imports of the organisation, newest first, with their counters and status."""

    serializer_class = ImportJobSerializer
    queryset = ImportJob.objects.none()

    def get_queryset(self) -> QuerySet[ImportJob]:
        return self.scope(ImportJob.objects.all())

    @extend_schema(responses={200: QuarantinedRowSerializer(many=True)})
    @action(detail=True, methods=["get"], serializer_class=QuarantinedRowSerializer)
    def quarantine(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The rows of the import that could not be read: line and reason (paginated)."""
        job = self.get_object()
        rows = QuarantinedRow.objects.for_org(self.organization).filter(import_job=job)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(QuarantinedRowSerializer(page, many=True).data)


INTERVALS = insights.INTERVALS
# An hourly series longer than this is a day series someone forgot to ask for.
HOURLY_SPAN = timedelta(days=31)
ROLLUP_FILTERS = [filters.SINCE, filters.UNTIL, filters.SOURCE, filters.LANG]


class RollupViewSet(OrganizationScopedMixin, viewsets.GenericViewSet):
    """Time series and share of voice, summed from hourly rollups (never raw posts)."""

    queryset = Rollup.objects.none()
    pagination_class = None

    def filters(self, since: datetime, until: datetime, query: int | None) -> Filters:
        params = self.request.query_params
        return Filters(
            since, until, query, source=params.get("source", ""), lang=params.get("lang", "")
        )

    def period(self, interval: str) -> tuple[datetime, datetime]:
        # Rollups are hourly: up to now is up to the end of this hour, and the same
        # period for an hour's requests lets them share the cached figures.
        until = filters.moment(self.request, "until", end=True) or timezone.now().replace(
            minute=0, second=0, microsecond=0
        ) + timedelta(hours=1)
        default = timedelta(days=30 if interval == "day" else 2)
        since = filters.moment(self.request, "since") or until - default
        if since >= until:
            raise ValidationError({"since": ["since must come before until"]})
        return since, until

    @extend_schema(
        parameters=[
            OpenApiParameter("interval", str, enum=list(INTERVALS), default="day"),
            OpenApiParameter(
                "query",
                int,
                description="A query's id: its posts. Without it: all posts.",
            ),
            *ROLLUP_FILTERS,
        ],
        responses={200: RollupPointSerializer(many=True)},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Posts, sentiment and engagement per day or hour (default: the last 30 days,
        or 2 days by the hour). Periods without posts are left out."""
        interval = request.query_params.get("interval", "day")
        if interval not in INTERVALS:
            raise ValidationError({"interval": ["day or hour"]})
        since, until = self.period(interval)
        if interval == "hour" and until - since > HOURLY_SPAN:
            raise ValidationError({"interval": ["by the hour, ask for at most 31 days"]})
        query = filters.number(request, "query")
        return Response(
            insights.series(self.organization, interval, self.filters(since, until, query))
        )

    @extend_schema(parameters=ROLLUP_FILTERS, responses={200: ShareOfVoiceSerializer(many=True)})
    @action(detail=False, methods=["get"], url_path="share-of-voice")
    def share_of_voice(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Posts per query over the period (default: the last 30 days), most first."""
        since, until = self.period("day")
        return Response(
            insights.share_of_voice(self.organization, self.filters(since, until, None))
        )
