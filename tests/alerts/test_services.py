"""Rules and spike detection, on Rollup rows created directly."""

from __future__ import annotations

from datetime import timedelta

import pytest

from socialroadmap.alerts.models import AlertEvent
from socialroadmap.alerts.services import (
    acknowledge_event,
    create_rule,
    delete_rule,
    evaluate_rules,
    update_rule,
)
from socialroadmap.core.errors import ServiceError
from socialroadmap.listening.services.queries import create_query
from tests.alerts.helpers import HOUR, NOW, negative_rule, rollup, steady_week, volume_rule
from tests.conftest import Persona


def test_a_volume_spike_fires(org) -> None:
    steady_week(org, per_hour=2)
    rule = volume_rule(org)
    rollup(org, HOUR, 12)

    [event] = evaluate_rules(org, now=NOW)

    assert event.rule == rule
    assert event.organization == org
    assert (event.window_start, event.window_end) == (HOUR, HOUR + timedelta(hours=1))
    assert event.observed == 12
    assert event.baseline == pytest.approx(2.0)
    assert event.posts == 12
    assert "12 posts" in event.message


def test_a_normal_hour_does_not_fire(org) -> None:
    steady_week(org, per_hour=5)
    volume_rule(org)
    rollup(org, HOUR, 12)  # 2.4 times the usual, under the factor 3

    assert evaluate_rules(org, now=NOW) == []


def test_fewer_posts_than_the_minimum_never_fire(org) -> None:
    volume_rule(org)  # no history at all: any posts are "a spike"
    rollup(org, HOUR, 2)

    assert evaluate_rules(org, now=NOW) == []

    rollup(org, HOUR, 8, source="mastodon")  # 10 posts: the minimum
    assert len(evaluate_rules(org, now=NOW)) == 1


def test_the_cool_down_holds_a_second_event_back(org) -> None:
    rule = volume_rule(org, cooldown_hours=6)
    rollup(org, HOUR, 20)
    assert len(evaluate_rules(org, now=NOW)) == 1

    later = HOUR + timedelta(hours=3)
    rollup(org, later, 50)
    assert evaluate_rules(org, now=later + timedelta(minutes=5)) == []

    after = HOUR + timedelta(hours=7)
    rollup(org, after, 500)
    assert len(evaluate_rules(org, now=after + timedelta(minutes=5))) == 1
    assert AlertEvent.objects.filter(rule=rule).count() == 2


def test_evaluating_again_fires_once(org) -> None:
    volume_rule(org, cooldown_hours=0)
    rollup(org, HOUR, 20)

    assert len(evaluate_rules(org, now=NOW)) == 1
    assert evaluate_rules(org, now=NOW) == []
    # Without a cool-down, later runs within the same window still fire nothing new.
    assert evaluate_rules(org, now=NOW + timedelta(minutes=5)) == []
    assert AlertEvent.objects.count() == 1


def test_a_negative_share_spike_fires(org) -> None:
    steady_week(org, per_hour=9)
    steady_week(org, per_hour=1, sentiment="negative")  # 10% negative normally
    negative_rule(org)
    rollup(org, HOUR, 6)
    rollup(org, HOUR, 6, sentiment="negative")  # 50% negative now

    [event] = evaluate_rules(org, now=NOW)

    assert event.kind == "negative_share"
    assert event.observed == pytest.approx(50.0)
    assert event.baseline == pytest.approx(10.0)
    assert "50% negative" in event.message


def test_a_small_rise_of_the_negative_share_does_not_fire(org) -> None:
    steady_week(org, per_hour=9)
    steady_week(org, per_hour=1, sentiment="negative")
    negative_rule(org)
    rollup(org, HOUR, 16)
    rollup(org, HOUR, 4, sentiment="negative")  # 20%: 10 points up, under 20

    assert evaluate_rules(org, now=NOW) == []


def test_a_rule_for_one_query_ignores_other_queries(owner: Persona) -> None:
    org = owner.organization
    acme = create_query(org, name="Acme", query="acme", kind="brand", actor=owner.user)
    rival = create_query(org, name="Rival", query="rival", kind="competitor", actor=owner.user)
    volume_rule(org, query=acme)
    rollup(org, HOUR, 40, query=rival)
    rollup(org, HOUR, 40)  # all posts

    assert evaluate_rules(org, now=NOW) == []

    rollup(org, HOUR, 15, query=acme)
    [event] = evaluate_rules(org, now=NOW)
    assert event.observed == 15


def test_another_organisations_rollups_never_count(org, other_org) -> None:
    volume_rule(org)
    rollup(other_org, HOUR, 100)
    assert evaluate_rules(org, now=NOW) == []

    steady_week(other_org, per_hour=50)
    rollup(org, HOUR, 12)
    [event] = evaluate_rules(org, now=NOW)
    assert event.baseline == 0


def test_an_inactive_rule_is_not_evaluated(org) -> None:
    volume_rule(org, is_active=False)
    rollup(org, HOUR, 100)

    assert evaluate_rules(org, now=NOW) == []


def test_it_uses_the_default_thresholds(org) -> None:
    assert volume_rule(org).threshold == 3.0
    assert negative_rule(org).threshold == 20.0


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"recipients": ["not an address"]}, "recipients"),
        ({"webhook_url": "http://hooks.example.com/x"}, "webhook_url"),
        ({"webhook_url": "not a url"}, "webhook_url"),
        ({"window_hours": 0}, "window_hours"),
        ({"threshold": -1}, "threshold"),
    ],
)
def test_it_refuses_bad_settings(org, options, field) -> None:
    with pytest.raises(ServiceError) as caught:
        volume_rule(org, **options)
    assert caught.value.field == field


def test_an_http_webhook_is_accepted_in_debug(org, settings) -> None:
    settings.DEBUG = True
    assert volume_rule(org, webhook_url="http://127.0.0.1:9/x").webhook_url.startswith("http:")


def test_it_refuses_another_organisations_query(owner: Persona, outsider: Persona) -> None:
    theirs = create_query(
        outsider.organization, name="G", query="globex", kind="brand", actor=outsider.user
    )
    with pytest.raises(ServiceError):
        volume_rule(owner.organization, query=theirs)


def test_names_are_unique_per_organisation(org, other_org) -> None:
    volume_rule(org)
    volume_rule(other_org)
    with pytest.raises(ServiceError):
        create_rule(org, name="volume", kind="volume", actor=None)


def test_update_and_delete(owner: Persona) -> None:
    org = owner.organization
    rule = volume_rule(org)
    rule = update_rule(rule, {"threshold": 5, "recipients": "a@acme.test, b@acme.test"}, actor=None)
    assert rule.threshold == 5
    assert rule.recipients == ["a@acme.test", "b@acme.test"]
    rollup(org, HOUR, 20)
    [event] = evaluate_rules(org, now=NOW)

    assert acknowledge_event(event, actor=owner.user).acknowledged_by == owner.user
    rule_id = rule.pk
    assert delete_rule(rule, actor=owner.user) == {"id": rule_id, "name": "Volume", "events": 1}
    assert not AlertEvent.objects.exists()
