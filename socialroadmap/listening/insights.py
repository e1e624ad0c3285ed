"""The figures of the listening dashboards, for the web pages and the API alike.

Series, share of voice and the source and language breakdowns are summed from hourly
``Rollup`` rows. Top posts, authors, hashtags and terms read posts, but only those of
the period with bounded, indexed queries: the terms from the newest ``TERM_SAMPLE``
matched posts, never a scan of every post. Each figure is kept in the ``figures`` cache
until the organisation's rollups change (``figures.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import BigIntegerField, Count, Exists, F, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncDay, TruncHour
from django.utils import timezone

from socialroadmap.engine.aggregates import Aggregator
from socialroadmap.listening.choices import Sentiment
from socialroadmap.listening.figures import cached
from socialroadmap.listening.models import ListeningQuery, Post, PostMatch, Rollup
from socialroadmap.organizations.models import Organization

INTERVALS = {"day": TruncDay, "hour": TruncHour}
# Terms and hashtags are counted over at most this many of the period's newest posts.
TERM_SAMPLE = 2_000


@dataclass(frozen=True)
class Filters:
    """What a dashboard shows: a period (``since`` included, ``until`` excluded) and,
    optionally, one query (its id), source, language and sentiment."""

    since: datetime
    until: datetime
    query: int | None = None
    source: str = ""
    lang: str = ""
    sentiment: str = ""


def rollups(organization: Organization, filters: Filters) -> QuerySet[Rollup]:
    """The rollups of the period, source, language and sentiment (any query)."""
    rows = Rollup.objects.for_org(organization).filter(
        period__gte=filters.since, period__lt=filters.until
    )
    for name in ("source", "lang", "sentiment"):
        if value := getattr(filters, name):
            rows = rows.filter(**{name: value})
    return rows


def _of_query(rows: QuerySet[Rollup], filters: Filters) -> QuerySet[Rollup]:
    # Rollups without a query count every post once; a query's count its matches.
    if filters.query is not None:
        return rows.filter(query_id=filters.query)
    return rows.filter(query=None)


@cached("series")
def series(organization: Organization, interval: str, filters: Filters) -> list[dict[str, Any]]:
    """Posts, sentiment and engagement per ``day`` or ``hour``; empty periods left out.

    The database sums per stored hour (grouping on the column itself); hours are folded
    into days (in the site's time zone, as TruncDay would) here. Truncating each row in
    SQL is a Python function call per rollup on SQLite: 365 ms at a million posts.
    """
    rows = _of_query(rollups(organization, filters), filters)
    hours = (
        rows.values("period")
        .order_by("period")
        .annotate(
            total=Sum("posts"),
            positive=Sum("posts", filter=Q(sentiment=Sentiment.POSITIVE)),
            neutral=Sum("posts", filter=Q(sentiment=Sentiment.NEUTRAL)),
            negative=Sum("posts", filter=Q(sentiment=Sentiment.NEGATIVE)),
            engagement_sum=Sum("engagement"),
            reach_sum=Sum("reach"),
        )
    )
    buckets: dict[datetime, dict[str, Any]] = {}
    for row in hours:
        local = timezone.localtime(row["period"])
        bucket = local if interval == "hour" else _day(local)
        total = buckets.setdefault(bucket, dict.fromkeys(_SUMS, 0))
        for name in _SUMS:
            total[name] += row[name] or 0
    return [point({"bucket": bucket, **sums}) for bucket, sums in sorted(buckets.items())]


_SUMS = ("total", "positive", "neutral", "negative", "engagement_sum", "reach_sum")


def _day(local: datetime) -> datetime:
    """The start of the day of ``local`` (a time in the site's time zone)."""
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def point(row: dict[str, Any]) -> dict[str, Any]:
    positive, negative = row["positive"] or 0, row["negative"] or 0
    judged = positive + negative
    return {
        "period": row["bucket"],
        "posts": row["total"] or 0,
        "positive": positive,
        "neutral": row["neutral"] or 0,
        "negative": negative,
        "net_sentiment": round((positive - negative) / judged, 4) if judged else None,
        "engagement": row["engagement_sum"] or 0,
        "reach": row["reach_sum"] or 0,
    }


@cached("share_of_voice")
def share_of_voice(organization: Organization, filters: Filters) -> list[dict[str, Any]]:
    """Posts per query over the period, most first: every query, also those without
    posts (the query filter is ignored: a share is against the others)."""
    counts = dict(
        rollups(organization, filters)
        .filter(query__isnull=False)
        .values("query")
        .order_by("query")
        .annotate(total=Sum("posts"))
        .values_list("query", "total")
    )
    total = sum(counts.values())
    shares = [
        {
            "query": q.pk,
            "name": q.name,
            "kind": q.kind,
            "posts": counts.get(q.pk, 0),
            "share": round(counts.get(q.pk, 0) / total, 4) if total else None,
        }
        for q in ListeningQuery.objects.for_org(organization)
    ]
    shares.sort(key=lambda row: (-row["posts"], row["name"]))
    return shares


@cached("breakdown")
def breakdown(organization: Organization, field: str, filters: Filters) -> list[dict[str, Any]]:
    """Posts per ``source`` or ``lang`` over the period, most first."""
    if field not in ("source", "lang"):
        raise ValueError(f"no breakdown by {field}")
    rows = (
        _of_query(rollups(organization, filters), filters)
        .values(field)
        .order_by(field)
        .annotate(total=Sum("posts"), engagement_sum=Sum("engagement"))
    )
    result = [
        {"key": row[field], "posts": row["total"] or 0, "engagement": row["engagement_sum"] or 0}
        for row in rows
    ]
    result.sort(key=lambda row: (-row["posts"], row["key"]))
    return result


@cached("facets")
def facets(organization: Organization) -> dict[str, list[str]]:
    """The sources and languages the organisation's posts have (the filter choices)."""
    rollups = Rollup.objects.for_org(organization).filter(query=None).order_by()
    return {
        "sources": sorted(rollups.values_list("source", flat=True).distinct()),
        "langs": sorted(v for v in rollups.values_list("lang", flat=True).distinct() if v),
    }


def posts(organization: Organization, filters: Filters, *, author: str = "") -> QuerySet[Post]:
    """The posts of the period and filters, newest first (a post without a date counts
    when it was stored, as in the rollups)."""
    rows = Post.objects.for_org(organization).filter(
        Q(created_at__gte=filters.since, created_at__lt=filters.until)
        | Q(created_at__isnull=True, stored_at__gte=filters.since, stored_at__lt=filters.until)
    )
    if filters.query is not None:
        rows = rows.filter(matches__query_id=filters.query)
    for name in ("source", "lang", "sentiment"):
        if value := getattr(filters, name):
            rows = rows.filter(**{name: value})
    if author:
        rows = rows.filter(author__iexact=author.removeprefix("@"))
    return rows.order_by(F("created_at").desc(nulls_last=True), "-id")


def _engagement() -> Any:
    def zero(name: str) -> Coalesce:
        return Coalesce(name, Value(0), output_field=BigIntegerField())

    return zero("likes") + zero("shares") + zero("replies")


@cached("top_posts")
def top_posts(organization: Organization, filters: Filters, limit: int = 10) -> list[Post]:
    """The period's posts with the most likes, shares and replies."""
    return list(
        posts(organization, filters)
        .annotate(total_engagement=_engagement())
        .order_by("-total_engagement", "-id")[:limit]
    )


@cached("top_authors")
def top_authors(
    organization: Organization, filters: Filters, limit: int = 10
) -> dict[str, list[dict[str, Any]]]:
    """The period's authors with the most posts and with the most engagement."""
    rows = (
        posts(organization, filters)
        .exclude(author="")
        .order_by()
        .values("author")
        .annotate(count=Count("pk", distinct=True), engagement_sum=Sum(_engagement()))
    )
    return {
        "by_volume": list(rows.order_by("-count", "author")[:limit]),
        "by_engagement": list(
            rows.order_by(F("engagement_sum").desc(nulls_last=True), "author")[:limit]
        ),
    }


@cached("top_terms")
def top_terms(
    organization: Organization, filters: Filters, limit: int = 15
) -> dict[str, list[dict[str, Any]]]:
    """Hashtags and terms of the newest matched posts of the period (at most
    TERM_SAMPLE): what the conversation about the queries is about."""
    matched = posts(organization, filters)
    if filters.query is None:
        matched = matched.filter(Exists(PostMatch.objects.filter(post=OuterRef("pk"))))
    aggregator = Aggregator(top=limit)
    for text, label in matched.values_list("text", "sentiment")[:TERM_SAMPLE]:
        aggregator.add(text=text, label=label)
    figures = aggregator.result()
    return {"hashtags": figures["top_hashtags"], "terms": figures["top_terms"]}
