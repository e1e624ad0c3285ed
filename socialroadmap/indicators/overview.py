"""What the dashboards show: the indicators per department with their state, a
summary of the statuses and the charts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from socialroadmap.core.departments import Department
from socialroadmap.indicators import charts
from socialroadmap.indicators.choices import COMPUTED_FROM, Status
from socialroadmap.indicators.models import Indicator
from socialroadmap.indicators.status import IndicatorState, states
from socialroadmap.organizations.models import Organization

SUMMARY = (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.NO_DATA)


@dataclass
class Row:
    indicator: Indicator
    state: IndicatorState
    sparkline: charts.Chart
    latest_label: str
    computed: bool

    @property
    def status_label(self) -> str:
        return str(Status(self.state.status).label)


@dataclass
class DepartmentBlock:
    key: str
    label: str
    rows: list[Row] = field(default_factory=list)

    @property
    def summary(self) -> list[tuple[str, str, int]]:
        """(status, label, count) of on track, at risk, off track and no data."""
        counts = Counter(row.state.status for row in self.rows)
        return [(s.value, str(s.label), counts.get(s, 0)) for s in SUMMARY]


def row_of(indicator: Indicator, state: IndicatorState) -> Row:
    return Row(
        indicator,
        state,
        charts.sparkline(state.history, indicator.target, indicator.period),
        charts.period_label(state.latest_period, indicator.period) if state.latest_period else "",
        indicator.metric in COMPUTED_FROM,
    )


def blocks(organization: Organization, department: str | None = None) -> list[DepartmentBlock]:
    """The active indicators per department (in the list's order), with their rows."""
    rows = Indicator.objects.for_org(organization).filter(is_active=True).select_related("query")
    if department:
        rows = rows.filter(department=department)
    indicators = list(rows)
    found = states(indicators)
    labels = dict(Department.choices)
    result: list[DepartmentBlock] = []
    for key in Department.values:
        own = [row_of(i, found[i.pk]) for i in indicators if i.department == key]
        if own:
            result.append(DepartmentBlock(key, str(labels[key]), own))
    return result


@dataclass
class Detail:
    row: Row
    chart: charts.Chart
    values: list[tuple[str, Decimal, str, str, int]]  # label, value, origin label, note, pk


def details(organization: Organization, department: str) -> list[Detail]:
    """Each indicator of the department (active ones first) with its chart and values."""
    indicators = list(
        Indicator.objects.for_org(organization)
        .filter(department=department)
        .select_related("query")
        .order_by("-is_active", "name", "pk")
    )
    found = states(indicators)
    result = []
    for indicator in indicators:
        state = found[indicator.pk]
        values = [
            (
                charts.period_label(v.period_start, indicator.period),
                v.value,
                v.get_origin_display(),
                v.note,
                v.pk,
            )
            for v in indicator.values.order_by("-period_start")[:24]
        ]
        result.append(
            Detail(
                row_of(indicator, state),
                charts.chart(state.history, indicator.target, indicator.period),
                values,
            )
        )
    return result
