"""The suggested indicators per department: what a department lead adds with one click.
Each suggestion is a measure the product computes or one the department reports."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.departments import Department
from socialroadmap.indicators.choices import LOWER_IS_BETTER, Direction, Metric, Period


@dataclass(frozen=True)
class Suggestion:
    key: str  # unique within its department, e.g. "share_of_voice"
    name: Promise
    metric: str
    unit: Promise
    period: str = Period.MONTH
    description: Promise | str = ""

    @property
    def direction(self) -> str:
        return Direction.LOWER if self.metric in LOWER_IS_BETTER else Direction.HIGHER


def _s(
    metric: Metric,
    name: Promise,
    unit: Promise,
    period: str = Period.MONTH,
    description: Promise | str = "",
    key: str = "",
) -> Suggestion:
    return Suggestion(key or metric.value, name, metric.value, unit, period, description)


CATALOGUE: dict[str, tuple[Suggestion, ...]] = {
    Department.MARKETING: (
        _s(Metric.SHARE_OF_VOICE, _("Share of voice"), _("%")),
        _s(Metric.NET_SENTIMENT, _("Net sentiment"), _("-1 to 1")),
        _s(Metric.REACH, _("Reach of our content"), _("people")),
        _s(Metric.ENGAGEMENT, _("Engagement on our content"), _("interactions")),
        _s(Metric.LEADS, _("Leads through social media"), _("leads")),
    ),
    Department.COMMUNICATION: (
        _s(Metric.CONVERSATION_VOLUME, _("Conversation volume"), _("posts"), Period.WEEK),
        _s(Metric.SENTIMENT, _("Average sentiment"), _("-1 to 1")),
        _s(Metric.REACH, _("Reach of our content"), _("people")),
    ),
    Department.CUSTOMER_SERVICE: (
        _s(Metric.RESPONSE_TIME, _("Response time"), _("hours")),
        _s(Metric.TIME_TO_ACTION, _("Time to action"), _("days")),
        _s(Metric.CSAT, _("Customer satisfaction (CSAT)"), _("%")),
        _s(Metric.NPS, _("Net promoter score (NPS)"), _("score"), Period.QUARTER),
    ),
    Department.HR: (
        _s(Metric.HIRES, _("People hired through social media"), _("hires"), Period.QUARTER),
        _s(Metric.ENPS, _("Employee satisfaction (eNPS)"), _("score"), Period.QUARTER),
    ),
    Department.SALES: (
        _s(Metric.LEADS, _("Leads through social media"), _("leads")),
        _s(Metric.REACH, _("Reach of sales content"), _("people")),
    ),
    Department.IT: (
        _s(Metric.RESPONSE_TIME, _("Response time on IT questions"), _("hours")),
        _s(Metric.TIME_TO_ACTION, _("Time to fix reported problems"), _("days")),
    ),
    Department.RND: (
        _s(
            Metric.CUSTOM,
            _("Product ideas from customers"),
            _("ideas"),
            Period.QUARTER,
            _("Ideas from social media and the sounding board taken into development."),
            key="ideas",
        ),
        _s(Metric.TIME_TO_ACTION, _("Time from idea to decision"), _("days")),
        _s(Metric.SENTIMENT, _("Sentiment about our products"), _("-1 to 1")),
    ),
    Department.MANAGEMENT: (
        _s(Metric.NET_SENTIMENT, _("Net sentiment on the brand"), _("-1 to 1"), Period.QUARTER),
        _s(Metric.SHARE_OF_VOICE, _("Share of voice"), _("%"), Period.QUARTER),
    ),
}


def suggestion(department: str, key: str) -> Suggestion | None:
    return next((s for s in CATALOGUE.get(department, ()) if s.key == key), None)
