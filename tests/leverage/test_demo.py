from socialroadmap.audit.models import AuditEntry
from socialroadmap.engine.lift import A_LIFT
from socialroadmap.leverage import demo
from socialroadmap.leverage.choices import REPORTED_HIGH, REPORTED_LOW
from socialroadmap.leverage.measure import lift_for
from socialroadmap.leverage.models import Communication


def test_the_demo_shows_a_lift_overlapping_the_reported_band(owner) -> None:
    demo.seed(owner.organization, owner.user)
    rows = Communication.objects.for_org(owner.organization)
    assert 25 <= rows.count() <= 35
    linked = rows.filter(linked=True).count()
    assert abs(linked - rows.count() / 2) <= 3
    assert rows.filter(control_for__isnull=False).count() == 2
    result = lift_for(owner.organization)
    print(result)
    assert result.verdict == A_LIFT
    assert result.ci_low is not None and result.ci_high is not None
    assert result.ci_low < REPORTED_HIGH and result.ci_high > REPORTED_LOW


def test_the_demo_is_idempotent_and_keeps_edits(owner) -> None:
    from socialroadmap.leverage import services

    demo.seed(owner.organization, owner.user)
    first = Communication.objects.for_org(owner.organization).count()
    row = Communication.objects.for_org(owner.organization).get(name="Horeca Expo Gent 2025")
    services.update_communication(row, {"reach": 7000}, actor=owner.user)
    entries = AuditEntry.objects.count()
    demo.seed(owner.organization, owner.user)
    assert Communication.objects.for_org(owner.organization).count() == first
    assert AuditEntry.objects.count() == entries
    row.refresh_from_db()
    assert row.reach == 7000
