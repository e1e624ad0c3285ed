from datetime import date

import pytest

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core.errors import ServiceError
from socialroadmap.leverage import services
from socialroadmap.leverage.models import Communication
from tests.leverage.helpers import communication


def test_create_records_an_audit_entry(owner) -> None:
    row = services.create_communication(
        owner.organization,
        name="Newsletter May",
        starts_on=date(2026, 5, 1),
        linked=True,
        links=["share_buttons", "hashtag"],
        cost="120.5",
        reach=5000,
        actor=owner.user,
    )
    assert row.links == ["hashtag", "share_buttons"]
    assert str(row.cost) == "120.50"
    entry = AuditEntry.objects.get(object_id=str(row.pk), action="create")
    assert entry.area == "leverage"
    assert entry.actor == owner.user
    assert entry.changes["reach"] == 5000


def test_update_and_delete_are_audited(owner) -> None:
    row = communication(owner.organization, reach=10)
    pk = row.pk
    services.update_communication(row, {"reach": 20}, actor=owner.user)
    update = AuditEntry.objects.get(object_id=str(pk), action="update")
    assert update.changes == {"reach": [10, 20]}
    services.delete_communication(row, actor=owner.user)
    assert AuditEntry.objects.filter(object_id=str(pk), action="delete").exists()
    assert not Communication.objects.filter(pk=pk).exists()


def test_an_update_without_change_writes_no_entry(owner) -> None:
    row = communication(owner.organization, reach=10)
    services.update_communication(row, {"reach": 10}, actor=owner.user)
    assert not AuditEntry.objects.filter(object_id=str(row.pk), action="update").exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"reach": -1}, "reach"),
        ({"visits": 1.5}, "visits"),
        ({"leads": "many"}, "leads"),
        ({"cost": -5}, "cost"),
        ({"revenue": "lots"}, "revenue"),
        ({"channel": "carrier pigeon"}, "channel"),
        ({"links": ["hashtag"]}, "links"),
        ({"linked": True, "links": ["smoke signals"]}, "links"),
        ({"ends_on": date(2025, 1, 1)}, "ends_on"),
        ({"linked": True, "is_control": True}, "is_control"),
    ],
)
def test_bad_input_is_refused_at_its_field(owner, fields, field) -> None:
    values = {"name": "Newsletter", "starts_on": date(2026, 1, 5), **fields}
    with pytest.raises(ServiceError) as caught:
        services.create_communication(owner.organization, actor=owner.user, **values)
    assert caught.value.field == field
    assert not Communication.objects.exists()


def test_the_name_is_unique_in_the_organisation(owner, outsider) -> None:
    communication(owner.organization, "Newsletter")
    with pytest.raises(ServiceError, match="already a communication named") as caught:
        communication(owner.organization, "newsletter")
    assert caught.value.field == "name"
    communication(outsider.organization, "Newsletter")  # another organisation may


def test_a_control_pairs_with_a_linked_communication_of_the_organisation(owner, outsider) -> None:
    linked = communication(owner.organization, "Linked", linked=True)
    plain = communication(owner.organization, "Plain")
    control = communication(owner.organization, "Control", is_control=True, control_for=linked)
    assert list(linked.controls.all()) == [control]
    with pytest.raises(ServiceError, match="not linked") as caught:
        communication(owner.organization, "C2", is_control=True, control_for=plain)
    assert caught.value.field == "control_for"
    with pytest.raises(ServiceError, match="only a control"):
        communication(owner.organization, "C3", control_for=linked)
    foreign = communication(outsider.organization, "Foreign", linked=True)
    with pytest.raises(ServiceError, match="no such communication"):
        communication(owner.organization, "C4", is_control=True, control_for=foreign)
    with pytest.raises(ServiceError) as caught:
        services.update_communication(linked, {"linked": False}, actor=owner.user)
    assert caught.value.field == "linked"


def test_deleting_a_linked_communication_unpairs_its_controls(owner) -> None:
    linked = communication(owner.organization, "Linked", linked=True)
    control = communication(owner.organization, "Control", is_control=True, control_for=linked)
    assert services.what_goes_with(linked) == [control]
    gone = services.delete_communication(linked, actor=owner.user)
    assert gone["unpaired_controls"] == ["Control"]
    control.refresh_from_db()
    assert control.control_for is None and control.is_control


def test_unknown_fields_are_refused(owner) -> None:
    row = communication(owner.organization)
    with pytest.raises(ServiceError, match="unknown fields"):
        services.update_communication(row, {"organization": None}, actor=owner.user)


def test_days_counts_the_first_and_last_day(owner) -> None:
    row = communication(owner.organization, ends_on=date(2026, 1, 11))
    assert row.days == 7
    assert communication(owner.organization, "One day").days == 1


def test_unlinking_drops_the_links(owner) -> None:
    row = communication(owner.organization, linked=True, links=["hashtag"])
    row = services.update_communication(row, {"linked": False}, actor=owner.user)
    assert row.links == [] and not row.linked
