"""The services of the centre of excellence: team, escalation matrix, routing."""

from __future__ import annotations

import pytest

from socialroadmap.core.errors import ServiceError
from socialroadmap.excellence import services
from socialroadmap.excellence.models import EscalationRule, TeamMember
from socialroadmap.organizations.models import Organization
from tests.conftest import Persona
from tests.excellence.helpers import person, rule


def test_it_adds_a_member_with_a_normalised_email(owner: Persona) -> None:
    ann = services.add_team_member(
        owner.organization,
        name="  Ann   Peeters ",
        email="Ann@Acme.TEST",
        role="spoke",
        department="hr",
        hours_per_week=4,
        actor=owner.user,
    )

    assert (ann.name, ann.email, ann.department, ann.hours_per_week) == (
        "Ann Peeters",
        "ann@acme.test",
        "hr",
        4,
    )
    assert ann.created_by == owner.user


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"role": "boss"}, "role"),
        ({"role": "spoke"}, "department"),
        ({"department": "finance"}, "department"),
        ({"email": "not an address"}, "email"),
        ({"hours_per_week": 200}, "hours_per_week"),
        ({"name": " "}, "name"),
    ],
)
def test_it_refuses_bad_members(org: Organization, changes: dict, field: str) -> None:
    values = {"name": "Ann", "email": "ann@acme.test", "role": "coe_member", **changes}

    with pytest.raises(ServiceError) as error:
        services.add_team_member(org, actor=None, **values)

    assert error.value.field == field


def test_an_email_is_used_once_per_organisation(org: Organization, other_org: Organization) -> None:
    person(org, "Ann")
    person(other_org, "Ann")  # another organisation may

    with pytest.raises(ServiceError, match="already a team member"):
        person(org, "Ann", email="ANN@acme.test")


def test_it_updates_a_member(org: Organization) -> None:
    ann = person(org)

    services.update_team_member(
        ann, {"is_active": False, "role": "spoke", "department": "it"}, actor=None
    )

    ann.refresh_from_db()
    assert (ann.is_active, ann.role, ann.department) == (False, "spoke", "it")


def test_removing_a_member_named_in_rules_is_refused_with_the_rules(org: Organization) -> None:
    ann, bob = person(org, "Ann"), person(org, "Bob")
    rule(org, bob, "complaint", "urgent", backup=ann)
    rule(org, ann, "press", "normal")

    with pytest.raises(ServiceError) as error:
        services.remove_team_member(ann, actor=None)

    assert "Complaint (Urgent)" in error.value.message
    assert "Press question (Normal)" in error.value.message
    assert TeamMember.objects.filter(pk=ann.pk).exists()


def test_a_member_without_rules_is_removed(org: Organization) -> None:
    ann = person(org)
    pk = ann.pk

    assert services.remove_team_member(ann, actor=None) == {"id": pk, "name": "Ann"}
    assert not TeamMember.objects.exists()


def test_one_rule_per_kind_and_severity(org: Organization) -> None:
    ann = person(org)
    rule(org, ann, "crisis", "urgent")
    rule(org, ann, "crisis", "normal")

    with pytest.raises(ServiceError, match="already a rule"):
        rule(org, ann, "crisis", "urgent")
    press = rule(org, ann, "press", "urgent")
    with pytest.raises(ServiceError, match="already a rule"):
        services.update_escalation_rule(press, {"kind": "crisis"}, actor=None)


def test_a_rule_refuses_members_of_another_organisation(
    org: Organization, other_org: Organization
) -> None:
    stranger = person(other_org, "Stranger")

    with pytest.raises(ServiceError) as error:
        rule(org, stranger)

    assert error.value.field == "responsible"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"respond_within_minutes": 0}, "respond_within_minutes"),
        ({"kind": "gossip"}, "kind"),
        ({"severity": "meh"}, "severity"),
    ],
)
def test_it_refuses_bad_rules(org: Organization, changes: dict, field: str) -> None:
    ann = person(org)

    with pytest.raises(ServiceError) as error:
        rule(org, ann, **changes)

    assert error.value.field == field


def test_the_backup_is_someone_else(org: Organization) -> None:
    ann = person(org)

    with pytest.raises(ServiceError) as error:
        rule(org, ann, backup=ann)

    assert error.value.field == "backup"


def test_routing_finds_the_rule_of_the_cell(org: Organization, other_org: Organization) -> None:
    ann, bob = person(org, "Ann"), person(org, "Bob")
    urgent = rule(org, ann, "complaint", "urgent", backup=bob)
    rule(other_org, person(other_org, "Other"), "press", "urgent")

    assert services.route_conversation(org, "complaint", "urgent") == urgent
    assert services.route_conversation(org, "complaint", "normal") is None
    assert services.route_conversation(org, "press", "urgent") is None  # other organisation's


def test_the_backup_takes_over_from_an_inactive_responsible(org: Organization) -> None:
    ann, bob = person(org, "Ann"), person(org, "Bob")
    rule(org, ann, "crisis", "urgent", backup=bob)
    services.update_team_member(ann, {"is_active": False}, actor=None)

    routed = services.route_conversation(org, "crisis", "urgent")

    assert routed is not None and routed.handler == bob
    services.update_team_member(bob, {"is_active": False}, actor=None)
    routed = services.route_conversation(org, "crisis", "urgent")
    assert routed is not None and routed.handler is None


def test_deleting_a_rule_empties_the_cell(org: Organization) -> None:
    crisis = rule(org, person(org), "crisis", "urgent")
    pk = crisis.pk

    assert services.delete_escalation_rule(crisis, actor=None) == {
        "id": pk,
        "kind": "crisis",
        "severity": "urgent",
    }
    assert not EscalationRule.objects.exists()


def test_removing_a_member_hands_their_rules_over(org: Organization) -> None:
    ann, bob, cas = person(org, "Ann"), person(org, "Bob"), person(org, "Cas")
    complaint = rule(org, ann, "complaint", "urgent", backup=bob)
    press = rule(org, bob, "press", "normal", backup=ann)
    crisis = rule(org, cas, "crisis", "urgent", backup=ann)

    services.remove_team_member(ann, actor=None, hand_over_to=bob)

    complaint.refresh_from_db()
    press.refresh_from_db()
    crisis.refresh_from_db()
    # Bob was the backup of the complaint rule: now responsible, with no backup.
    assert (complaint.responsible_id, complaint.backup_id) == (bob.pk, None)
    # Bob was responsible for press: Ann's backup place is left empty, not Bob twice.
    assert (press.responsible_id, press.backup_id) == (bob.pk, None)
    assert (crisis.responsible_id, crisis.backup_id) == (cas.pk, bob.pk)
    assert not TeamMember.objects.filter(pk=ann.pk).exists()


def test_rules_are_not_handed_to_an_inactive_member_or_to_the_same_one(org: Organization) -> None:
    ann, bob = person(org, "Ann"), person(org, "Bob")
    rule(org, ann, "complaint", "urgent")
    services.update_team_member(bob, {"is_active": False}, actor=None)

    for successor in (bob, ann):
        with pytest.raises(ServiceError) as error:
            services.remove_team_member(ann, actor=None, hand_over_to=successor)
        assert error.value.field == "hand_over_to"
    assert TeamMember.objects.filter(pk=ann.pk).exists()


def test_team_and_rule_changes_are_audited(owner: Persona) -> None:
    from socialroadmap.audit.models import AuditEntry

    org = owner.organization
    ann = services.add_team_member(
        org, name="Ann", email="ann@acme.test", role="coe_member", actor=owner.user
    )
    services.update_team_member(ann, {"hours_per_week": 8}, actor=owner.user)
    services.update_team_member(ann, {"hours_per_week": 8}, actor=owner.user)  # no change
    services.remove_team_member(ann, actor=owner.user)

    entries = list(AuditEntry.objects.for_org(org).order_by("id"))
    assert [(e.action, e.kind, e.actor_label) for e in entries] == [
        ("create", "teammember", "owner@acme.test"),
        ("update", "teammember", "owner@acme.test"),
        ("delete", "teammember", "owner@acme.test"),
    ]
    assert entries[1].changes == {"hours_per_week": [None, 8]}
