"""Query-string filters shared by the listening API's lists and series."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request


def moment(request: Request, name: str, *, end: bool = False) -> datetime | None:
    """``name`` from the query string as an aware datetime.

    A bare date means its start, or with ``end`` the start of the next day, so that
    ``until=2026-12-01`` includes that day.
    """
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    # A date first: Python reads "2026-12-01" as a datetime too, and would lose ``end``.
    try:
        day = parse_date(raw)
        value = None if day is not None else parse_datetime(raw)
    except ValueError:
        day = value = None
    if day is not None:
        value = datetime.combine(day + timedelta(days=1 if end else 0), time())
    if value is None:
        raise ValidationError({name: ["an ISO 8601 date (2026-12-01) or date and time"]})
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def number(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationError({name: ["a number (the id)"]})
    return int(raw)


def in_period(queryset: QuerySet, request: Request, field: str) -> QuerySet:
    since, until = moment(request, "since"), moment(request, "until", end=True)
    if since is not None:
        queryset = queryset.filter(**{f"{field}__gte": since})
    if until is not None:
        queryset = queryset.filter(**{f"{field}__lt": until})
    return queryset


def _text(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, str, OpenApiParameter.QUERY, description=description)


SINCE = _text("since", "From this ISO date or date and time on.")
UNTIL = _text("until", "Up to this ISO date (included) or date and time (excluded).")
SOURCE = _text("source", "Only this network, e.g. `instagram`.")
LANG = _text("lang", "Only this language code, e.g. `nl`.")
QUERY = OpenApiParameter(
    "query", int, OpenApiParameter.QUERY, description="Only posts this query (id) matched."
)
