"""Writes of the indicators app: indicators (by hand or from the catalogue) and their
values per period. Every write goes through these functions and leaves an audit entry in
the same transaction. Who may write which department's rows is the callers' check
(``may_change``): the services serve the web pages, the API, imports and jobs alike."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from socialroadmap.accounts.models import User
from socialroadmap.audit import services as audit
from socialroadmap.audit.models import Action
from socialroadmap.core.departments import Department, may_work_on_department
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.saving import check_row, save_unique, set_fields
from socialroadmap.indicators import catalogue, periods
from socialroadmap.indicators.choices import (
    COMPUTED_FROM,
    LOWER_IS_BETTER,
    Direction,
    Metric,
    Origin,
)
from socialroadmap.indicators.models import Indicator, IndicatorValue
from socialroadmap.listening.choices import QueryKind
from socialroadmap.listening.models import ListeningQuery
from socialroadmap.organizations.models import Organization

INDICATOR_FIELDS = (
    "name",
    "department",
    "metric",
    "description",
    "unit",
    "period",
    "direction",
    "target",
    "tolerance_percent",
    "query",
    "owner",
    "is_active",
)
VALUE_FIELDS = ("period_start", "value", "origin", "note")
MAX_VALUE = Decimal("999999999999")
PLACES = Decimal("0.0001")


def may_change(membership: Any, department: str) -> bool:
    """Whether the member may change the department's indicators and values."""
    return may_work_on_department(membership, department)


def decimal_of(value: Any, name: str, *, required: bool = True) -> Decimal | None:
    """``value`` as a decimal of 4 places; text may use a decimal comma."""
    if value is None or value == "":
        if required:
            raise ServiceError(f"{name}: give a number", field=name)
        return None
    if isinstance(value, bool):
        raise ServiceError(f"{name}: give a number, not {value!r}", field=name)
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:  # 1.234,5 or 1,234.5: the last one is the decimal mark
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "")
    text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError) as error:
        raise ServiceError(f"{name}: give a number, not {value!r}", field=name) from error
    if not number.is_finite() or abs(number) > MAX_VALUE:
        raise ServiceError(
            f"{name}: give a number between -{MAX_VALUE} and {MAX_VALUE}", field=name
        )
    return number.quantize(PLACES)


# --- indicators ------------------------------------------------------------------------


def _apply(row: Indicator, changes: Mapping[str, Any]) -> None:
    set_fields(row, changes, INDICATOR_FIELDS)
    row.target = decimal_of(row.target, "target", required=False)
    if row.tolerance_percent is None:
        raise ServiceError(
            "tolerance_percent: give a percentage from 0 to 100", field="tolerance_percent"
        )
    check_row(row, exclude=["query", "target"])
    if row.query_id is not None:
        query = row.query
        if query is None or query.organization_id != row.organization_id:
            raise ServiceError("query: no such listening query", field="query")
    if row.query_id is not None and COMPUTED_FROM.get(row.metric) != "listening":
        row.query = None  # only the listening measures count a query's posts


def _save(row: Indicator, actor: User | None) -> Indicator:
    same = Indicator.objects.for_org(row.organization).filter(
        department=row.department, name__iexact=row.name
    )
    taken = f"name: {row.get_department_display()} already has an indicator named {row.name}"
    return save_unique(row, actor, same, taken, field="name")


@transaction.atomic
def create_indicator(
    organization: Organization,
    *,
    name: str,
    department: str,
    metric: str,
    actor: User | None,
    **fields: Any,
) -> Indicator:
    """Add an indicator; ``fields``: any other of ``INDICATOR_FIELDS``. Without a
    direction, response time and time to action are "lower is better"."""
    if not fields.get("direction"):
        fields["direction"] = Direction.LOWER if metric in LOWER_IS_BETTER else Direction.HIGHER
    row = Indicator(organization=organization)
    _apply(row, {"name": name, "department": department, "metric": metric, **fields})
    row = _save(row, actor)
    audit.record(organization, actor, Action.CREATE, row, audit.snapshot(row, INDICATOR_FIELDS))
    return row


@transaction.atomic
def update_indicator(
    row: Indicator, changes: Mapping[str, Any], *, actor: User | None
) -> Indicator:
    """Change any of ``INDICATOR_FIELDS``. The period changes only while the indicator has
    no values (they would no longer start a period)."""
    row = Indicator.objects.select_for_update(of=("self",)).get(pk=row.pk)
    before = audit.snapshot(row, INDICATOR_FIELDS)
    old_period = row.period
    _apply(row, changes)
    if row.period != old_period and row.values.exists():
        raise ServiceError(
            "period: this indicator has values per "
            f"{old_period}; delete them first, or add a new indicator",
            field="period",
        )
    row = _save(row, actor)
    changed = audit.diff(before, audit.snapshot(row, INDICATOR_FIELDS))
    audit.record(row.organization, actor, Action.UPDATE, row, changed)
    return row


def values_count(row: Indicator) -> int:
    """How many values go with the indicator when it is deleted."""
    return row.values.count()


@transaction.atomic
def delete_indicator(row: Indicator, *, actor: User | None) -> dict[str, Any]:
    """Remove the indicator with its values. Returns what was deleted."""
    gone = {"id": row.pk, "name": row.name, "values": values_count(row)}
    audit.record(row.organization, actor, Action.DELETE, row, {"values": gone["values"]})
    row.delete()
    return gone


def brand_query(organization: Organization) -> ListeningQuery | None:
    """The query a listening indicator from the catalogue counts: the first active brand
    query, else the first active one."""
    queries = ListeningQuery.objects.for_org(organization).filter(is_active=True).order_by("pk")
    return queries.filter(kind=QueryKind.BRAND).first() or queries.first()


def added_keys(organization: Organization, department: str) -> set[str]:
    """The catalogue's suggestions the department already has (same measure, or for an
    own measure the same name)."""
    rows = Indicator.objects.for_org(organization).filter(department=department)
    metrics = {m for m in rows.values_list("metric", flat=True) if m != Metric.CUSTOM}
    names = {n.lower() for n in rows.values_list("name", flat=True)}
    return {
        s.key
        for s in catalogue.CATALOGUE.get(department, ())
        if (s.metric in metrics) or str(s.name).lower() in names
    }


@transaction.atomic
def add_from_catalogue(
    organization: Organization, department: str, key: str, *, actor: User | None
) -> Indicator:
    """Add the catalogue's suggestion ``key`` to ``department``, without a target yet;
    a listening measure counts the brand query."""
    if department not in Department.values:
        raise ServiceError(f"department: unknown department {department!r}", field="department")
    found = catalogue.suggestion(department, key)
    if found is None:
        raise ServiceError(f"key: no suggestion {key!r} for this department", field="key")
    if key in added_keys(organization, department):
        raise ServiceError(f"key: {found.name} is already one of the department's", field="key")
    query = brand_query(organization) if COMPUTED_FROM.get(found.metric) == "listening" else None
    return create_indicator(
        organization,
        name=str(found.name),
        department=department,
        metric=found.metric,
        unit=str(found.unit),
        period=found.period,
        direction=found.direction,
        description=str(found.description),
        query=query,
        actor=actor,
    )


# --- values ----------------------------------------------------------------------------


def _period_start(indicator: Indicator, value: Any) -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError as error:
            raise ServiceError(
                f"period_start: give a date as YYYY-MM-DD, not {value!r}", field="period_start"
            ) from error
    if not isinstance(value, date):
        raise ServiceError("period_start: give the period's first day", field="period_start")
    why = periods.must_start(value, indicator.period)
    if why:
        raise ServiceError(why, field="period_start")
    return value


@transaction.atomic
def record_value(
    indicator: Indicator,
    *,
    period_start: Any,
    value: Any,
    actor: User | None,
    note: str = "",
    origin: str = Origin.MANUAL,
) -> tuple[IndicatorValue, str]:
    """Set the indicator's value for the period starting on ``period_start`` (which must
    be a period's first day); a value already there is replaced. Returns the row and
    "created", "updated" or "unchanged"."""
    if origin not in Origin.values:
        raise ServiceError(f"origin: unknown origin {origin!r}", field="origin")
    start = _period_start(indicator, period_start)
    number = decimal_of(value, "value")
    if number is None:  # decimal_of refuses an empty value already
        raise ServiceError("value: give a number", field="value")
    note = " ".join(str(note or "").split())
    if len(note) > 300:
        raise ServiceError("note: at most 300 characters", field="note")
    row = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, period_start=start)
        .first()
    )
    organization = indicator.organization
    if row is None:
        row = IndicatorValue(
            organization=organization,
            indicator=indicator,
            period_start=start,
            value=number,
            origin=origin,
            note=note,
        )
        row.stamp(actor)
        row.save()
        audit.record(
            organization,
            actor,
            Action.IMPORT if origin == Origin.IMPORT else Action.CREATE,
            row,
            audit.snapshot(row, VALUE_FIELDS),
        )
        return row, "created"
    before = audit.snapshot(row, VALUE_FIELDS)
    row.value, row.origin, row.note = number, origin, note
    changed = audit.diff(before, audit.snapshot(row, VALUE_FIELDS))
    if not changed:
        return row, "unchanged"
    row.stamp(actor)
    row.save()
    audit.record(
        organization,
        actor,
        Action.IMPORT if origin == Origin.IMPORT else Action.UPDATE,
        row,
        changed,
    )
    return row, "updated"


@transaction.atomic
def delete_value(row: IndicatorValue, *, actor: User | None) -> dict[str, Any]:
    gone = {"id": row.pk, "period_start": row.period_start.isoformat(), "value": str(row.value)}
    audit.record(row.organization, actor, Action.DELETE, row, gone)
    row.delete()
    return gone
