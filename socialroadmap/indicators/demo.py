"""Demo data of the indicators app for Koffiebranderij Mertens: a dozen indicators of
marketing, communication, customer service, HR, sales and R&D with targets. Seven are
computed from the demo's listening, feedback and content data; the others carry 4 to 10
periods of values recorded by hand or imported, in a mix of statuses.

Idempotent: an indicator the demo already has (same department and name) is left as it
is, values included; the computed values are refreshed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.indicators import periods, services
from socialroadmap.indicators.choices import Metric, Origin, Period
from socialroadmap.indicators.compute import compute_values
from socialroadmap.indicators.models import Indicator
from socialroadmap.listening.models import ListeningQuery
from socialroadmap.organizations.models import Organization


@dataclass(frozen=True)
class DemoIndicator:
    department: str
    name: str
    metric: str
    unit: str
    period: str
    target: str
    owner: str
    history: Sequence[str] = ()  # values of the last completed periods, oldest first
    origin: str = Origin.MANUAL
    note: str = ""
    query: str = ""  # the demo query a listening measure counts


INDICATORS = (
    DemoIndicator(
        "marketing",
        "Share of voice",
        Metric.SHARE_OF_VOICE,
        "%",
        Period.MONTH,
        "45",
        "Sara El Amrani",
        query="Mertens",
    ),
    DemoIndicator(
        "marketing",
        "Net sentiment on Mertens",
        Metric.NET_SENTIMENT,
        "-1 to 1",
        Period.WEEK,
        "0.25",
        "Sara El Amrani",
        query="Mertens",
    ),
    DemoIndicator(
        "marketing",
        "Engagement on our content",
        Metric.ENGAGEMENT,
        "interactions",
        Period.MONTH,
        "600",
        "Sara El Amrani",
    ),
    DemoIndicator(
        "marketing",
        "Leads through social media",
        Metric.LEADS,
        "leads",
        Period.MONTH,
        "60",
        "Sara El Amrani",
        history=("21", "24", "30", "28", "35", "41", "44", "49", "53", "56"),
        origin=Origin.IMPORT,
        note="From the webshop's UTM report",
    ),
    DemoIndicator(
        "communication",
        "Conversation volume about Mertens",
        Metric.CONVERSATION_VOLUME,
        "posts",
        Period.WEEK,
        "30",
        "Jeroen De Smet",
        query="Mertens",
    ),
    DemoIndicator(
        "communication",
        "Reach of our content",
        Metric.REACH,
        "people",
        Period.MONTH,
        "9000",
        "Jeroen De Smet",
    ),
    DemoIndicator(
        "customer_service",
        "Response time",
        Metric.RESPONSE_TIME,
        "hours",
        Period.MONTH,
        "4",
        "Jeroen De Smet",
    ),
    DemoIndicator(
        "customer_service",
        "Time to action",
        Metric.TIME_TO_ACTION,
        "days",
        Period.MONTH,
        "10",
        "Jeroen De Smet",
    ),
    DemoIndicator(
        "customer_service",
        "Customer satisfaction (CSAT)",
        Metric.CSAT,
        "%",
        Period.MONTH,
        "85",
        "Jeroen De Smet",
        history=("76", "78", "77", "80", "82", "81", "84", "86"),
        note="Survey after each webshop order",
    ),
    DemoIndicator(
        "customer_service",
        "Net promoter score (NPS)",
        Metric.NPS,
        "score",
        Period.QUARTER,
        "40",
        "Anouk Mertens",
        history=("22", "27", "31", "33"),
        origin=Origin.IMPORT,
        note="Quarterly customer survey",
    ),
    DemoIndicator(
        "hr",
        "People hired through social media",
        Metric.HIRES,
        "hires",
        Period.QUARTER,
        "3",
        "Anouk Mertens",
        history=("1", "1", "2", "3"),
    ),
    DemoIndicator(
        "hr",
        "Employee satisfaction (eNPS)",
        Metric.ENPS,
        "score",
        Period.QUARTER,
        "30",
        "Anouk Mertens",
        history=("15", "19", "24", "28"),
        note="Pulse survey",
    ),
    DemoIndicator(
        "sales",
        "Horeca leads through LinkedIn",
        Metric.LEADS,
        "leads",
        Period.MONTH,
        "12",
        "Anouk Mertens",
        history=("4", "5", "7", "6", "8", "7", "9", "8"),
        note="Cafés and restaurants that asked for a tasting",
    ),
    DemoIndicator(
        "rnd",
        "Product ideas from customers",
        Metric.CUSTOM,
        "ideas",
        Period.QUARTER,
        "10",
        "Anouk Mertens",
        history=("4", "6", "9", "12"),
        note="Ideas from social media and the sounding board taken into a roasting trial",
    ),
)


def _completed_periods(period: str, count: int) -> list[date]:
    """The first days of the ``count`` periods before the current one, oldest first."""
    current = periods.start_of(timezone.localdate(), period)
    starts: list[date] = []
    while len(starts) < count:
        current = periods.previous_start(current, period)
        starts.append(current)
    return starts[::-1]


def seed(organization: Organization, owner: User) -> None:
    queries = {q.name: q for q in ListeningQuery.objects.for_org(organization)}
    existing = {(row.department, row.name) for row in Indicator.objects.for_org(organization)}
    for spec in INDICATORS:
        if (spec.department, spec.name) in existing:
            continue
        indicator = services.create_indicator(
            organization,
            name=spec.name,
            department=spec.department,
            metric=spec.metric,
            unit=spec.unit,
            period=spec.period,
            target=Decimal(spec.target),
            owner=spec.owner,
            query=queries.get(spec.query) if spec.query else None,
            actor=owner,
        )
        for start, value in zip(
            _completed_periods(spec.period, len(spec.history)), spec.history, strict=True
        ):
            services.record_value(
                indicator,
                period_start=start,
                value=value,
                note=spec.note,
                origin=spec.origin,
                actor=owner,
            )
    compute_values(organization, actor=owner)
