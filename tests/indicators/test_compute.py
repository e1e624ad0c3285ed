from datetime import date, timedelta
from decimal import Decimal

from socialroadmap.content.models import ContentItem, ItemMetrics
from socialroadmap.feedback.models import FeedbackItem
from socialroadmap.indicators import services
from socialroadmap.indicators.compute import compute_values
from socialroadmap.indicators.models import IndicatorValue
from socialroadmap.indicators.tasks import compute_values_task
from socialroadmap.listening.models import ListeningQuery, Rollup
from tests.indicators.helpers import at, indicator, posts

TODAY = date(2026, 4, 2)  # March is the last completed month


def _values(row) -> dict[date, Decimal]:
    return dict(IndicatorValue.objects.filter(indicator=row).values_list("period_start", "value"))


def _listening(org):
    brand = ListeningQuery.objects.create(organization=org, name="Brand", query="b", kind="brand")
    rival = ListeningQuery.objects.create(organization=org, name="Rival", query="r")
    posts(
        org,
        brand,
        [
            ("2026-03-02 10:00", "positive", 0.8),
            ("2026-03-05 10:00", "positive", 0.6),
            ("2026-03-10 23:30", "positive", 0.4),
            ("2026-03-11 09:00", "negative", -0.6),
            ("2026-02-10 09:00", "neutral", 0.0),
        ],
    )
    posts(org, rival, [(f"2026-03-0{d} 12:00", "neutral", 0.0) for d in range(1, 7)], "r")
    return brand


def test_listening_measures_of_a_month(owner) -> None:
    org = owner.organization
    brand = _listening(org)
    volume = indicator(org, "Volume", metric="conversation_volume", query=brand)
    net = indicator(org, "Net", metric="net_sentiment", query=brand)
    mean = indicator(org, "Mean", metric="sentiment", query=brand)
    share = indicator(org, "Share", metric="share_of_voice", query=brand)
    counts = compute_values(org, periods=3, today=TODAY)
    assert counts["indicators"] == 4
    march, february = date(2026, 3, 1), date(2026, 2, 1)
    assert _values(volume) == {february: 1, march: 4}  # January precedes the data: no value
    assert _values(net)[march] == Decimal("0.5")  # 3 positive, 1 negative
    assert february not in _values(net)  # only neutral posts: no net sentiment
    assert _values(mean)[march] == Decimal("0.3")
    assert _values(share)[march] == Decimal("40")  # 4 of the 10 posts of both queries
    assert _values(share)[february] == Decimal("100")


def test_weeks_follow_local_time(owner) -> None:
    org = owner.organization
    brand = _listening(org)
    weekly = indicator(org, "Weekly", metric="conversation_volume", query=brand, period="week")
    compute_values(org, weekly, periods=3, today=date(2026, 3, 20))  # weeks up to 9 March
    # Monday 2 March: posts of 2 and 5 March; Monday 9 March: 10 March 23:30 and 11 March.
    assert _values(weekly)[date(2026, 3, 2)] == 2
    assert _values(weekly)[date(2026, 3, 9)] == 2


def test_a_hand_value_wins_and_stale_computed_values_go(owner) -> None:
    org = owner.organization
    brand = _listening(org)
    volume = indicator(org, "Volume", metric="conversation_volume", query=brand)
    services.record_value(volume, period_start=date(2026, 3, 1), value="99", actor=None)
    counts = compute_values(org, periods=3, today=TODAY)
    assert counts["kept"] == 1
    values = IndicatorValue.objects.filter(indicator=volume)
    assert values.get(period_start=date(2026, 3, 1)).value == 99
    assert values.get(period_start=date(2026, 2, 1)).origin == "computed"
    assert compute_values(org, periods=3, today=TODAY)["created"] == 0  # idempotent
    Rollup.objects.filter(query=brand).delete()  # the data behind the computed values go
    counts = compute_values(org, periods=3, today=TODAY)
    assert counts["removed"] == 1 and values.get().value == 99


def test_feedback_times_use_the_department_when_items_carry_it(owner) -> None:
    org = owner.organization

    def item(received: str, hours: float, days: float | None, department: str = "") -> None:
        start = at(received)
        FeedbackItem.objects.create(
            organization=org,
            kind="complaint",
            title="x",
            department=department,
            received_at=start,
            acknowledged_at=start + timedelta(hours=hours),
            done_at=None if days is None else start + timedelta(days=days),
            state="done" if days is not None else "acknowledged",
        )

    item("2026-03-02 09:00", 2, 4)
    item("2026-03-03 09:00", 4, 6)
    item("2026-03-04 09:00", 9, None)
    response = indicator(org, "Response", "customer_service", "response_time")
    action = indicator(org, "Action", "customer_service", "time_to_action")
    compute_values(org, periods=1, today=TODAY)
    assert _values(response) == {date(2026, 3, 1): Decimal(4)}  # median of 2, 4, 9
    assert _values(action) == {date(2026, 3, 1): Decimal(5)}  # median of 4, 6
    item("2026-03-05 09:00", 1, 1, department="customer_service")
    compute_values(org, periods=1, today=TODAY)
    assert _values(response) == {date(2026, 3, 1): Decimal(1)}  # only the department's


def test_content_reach_and_engagement(owner) -> None:
    org = owner.organization
    for number, (moment, department) in enumerate(
        [
            ("2026-03-03 10:00", "marketing"),
            ("2026-03-09 10:00", "marketing"),
            ("2026-03-10 10:00", "hr"),
        ]
    ):
        item = ContentItem.objects.create(
            organization=org,
            title=f"Post {number}",
            department=department,
            status="published",
            published_at=at(moment),
        )
        ItemMetrics.objects.create(
            organization=org, item=item, reach=1000, likes=10, shares=2, comments=1
        )
    reach = indicator(org, "Reach", metric="reach")
    engagement = indicator(org, "Engagement", metric="engagement")
    assert set(compute_values_task()) == {"acme"}  # every organisation with indicators
    compute_values(org, periods=1, today=TODAY)
    march = date(2026, 3, 1)
    assert _values(reach)[march] == 2000  # the marketing items only
    assert _values(engagement)[march] == 26
