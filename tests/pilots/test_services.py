"""The pilots' services: checked values with a message at the field, the status
transitions, the retrospective a completed pilot needs, and the audit log."""

from __future__ import annotations

from decimal import Decimal

import pytest

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core.errors import ServiceError
from socialroadmap.excellence.services import add_team_member
from socialroadmap.pilots import services
from socialroadmap.pilots.models import Pilot, PilotKpi
from socialroadmap.pilots.portfolio import Thresholds
from tests.conftest import Persona
from tests.pilots.helpers import all_kinds, move, pilot


def test_a_pilot_is_created_as_a_candidate_and_audited(owner: Persona) -> None:
    row = services.create_pilot(
        owner.organization,
        name="  Instagram   stories ",
        department="marketing",
        budget="1500,50",
        start_date="2026-01-01",
        end_date="2026-03-01",
        fit_score=5,
        actor=owner.user,
    )

    assert row.name == "Instagram stories"
    assert row.status == "candidate"
    assert row.budget == Decimal("1500.50")
    assert row.created_by == owner.user
    entry = AuditEntry.objects.get(kind="pilot")
    assert (entry.action, entry.area, entry.actor) == ("create", "pilots", owner.user)
    assert entry.changes["fit_score"] == 5


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": " "}, "name", "give a name"),
        ({"fit_score": 0}, "fit_score", "give a score from 1 to 5"),
        ({"return_score": 6}, "return_score", "give a score from 1 to 5"),
        ({"learning_score": "x"}, "learning_score", "give a score from 1 to 5"),
        ({"feasibility": 2.5}, "feasibility", "give a score from 1 to 5"),
        ({"budget": -1}, "budget", "give an amount of 0 or more"),
        ({"budget": "lots"}, "budget", "give a number"),
        ({"department": "kitchen"}, "department", "one of:"),
        ({"decision": "maybe"}, "decision", "one of:"),
        ({"start_date": "tomorrow"}, "start_date", "give a date as YYYY-MM-DD"),
        (
            {"start_date": "2026-03-01", "end_date": "2026-02-01"},
            "end_date",
            "the end date comes before the start date",
        ),
        ({"manager": 99999}, "manager", "no such team member"),
        ({"status": "running"}, None, "unknown fields: status"),
    ],
)
def test_bad_values_are_refused_at_their_field(
    owner: Persona, changes: dict[str, object], field: str | None, message: str
) -> None:
    with pytest.raises(ServiceError) as refused:
        services.create_pilot(owner.organization, actor=owner.user, **{"name": "Pilot", **changes})
    assert refused.value.field == field
    assert message in refused.value.message
    assert not Pilot.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_name_is_unique_in_the_organisation(owner: Persona, outsider: Persona) -> None:
    pilot(owner.organization, "TikTok")
    with pytest.raises(ServiceError, match="already a pilot named tiktok") as refused:
        pilot(owner.organization, "tiktok")
    assert refused.value.field == "name"
    pilot(outsider.organization, "TikTok")


def test_the_manager_must_be_of_the_same_organisation(owner: Persona, outsider: Persona) -> None:
    theirs = add_team_member(
        outsider.organization, name="Eve", email="eve@globex.test", role="coe_member", actor=None
    )
    ours = add_team_member(
        owner.organization, name="Ann", email="ann@acme.test", role="coe_member", actor=None
    )
    with pytest.raises(ServiceError, match="no such team member"):
        pilot(owner.organization, manager=theirs)
    assert pilot(owner.organization, manager=ours.pk).manager == ours


def test_an_update_records_only_what_changed(owner: Persona) -> None:
    row = pilot(owner.organization)

    services.update_pilot(row, {"fit_score": 5, "owner": "An"}, actor=owner.user)
    services.update_pilot(row, {"fit_score": 5}, actor=owner.user)

    entries = AuditEntry.objects.filter(action="update")
    assert entries.count() == 1
    assert entries.get().changes == {"fit_score": [4, 5], "owner": ["", "An"]}


def test_the_pilot_moves_along_the_allowed_transitions(owner: Persona) -> None:
    row = pilot(owner.organization)

    row = move(row, "selected", "running", "evaluating")
    assert row.status == "evaluating"
    with pytest.raises(ServiceError, match="cannot become candidate") as refused:
        services.transition_pilot(row, "candidate", actor=owner.user)
    assert refused.value.field == "status"
    with pytest.raises(ServiceError, match="one of:"):
        services.transition_pilot(row, "flying", actor=owner.user)
    statuses = [
        e.changes["status"] for e in AuditEntry.objects.filter(kind="pilot", action="update")
    ]
    assert statuses == [
        ["running", "evaluating"],
        ["selected", "running"],
        ["candidate", "selected"],
    ]


def test_selecting_needs_the_three_justifications(owner: Persona) -> None:
    row = pilot(owner.organization, fit_justification="", return_justification="")
    with pytest.raises(ServiceError, match="why it fits") as refused:
        services.transition_pilot(row, "selected", actor=owner.user)
    assert refused.value.field == "fit_justification"


def test_completing_needs_the_retrospective(owner: Persona) -> None:
    row = move(pilot(owner.organization), "selected", "running", "evaluating")

    with pytest.raises(ServiceError, match="what we learned") as refused:
        services.transition_pilot(row, "completed", actor=owner.user)
    assert refused.value.field == "learned"
    services.update_pilot(row, {"learned": "Stories sell."}, actor=owner.user)
    with pytest.raises(ServiceError, match="decision") as refused:
        services.transition_pilot(row, "completed", actor=owner.user)
    assert refused.value.field == "decision"
    services.update_pilot(row, {"decision": "scale"}, actor=owner.user)
    row = services.transition_pilot(row, "completed", actor=owner.user)
    assert row.status == "completed"
    with pytest.raises(ServiceError, match="finished"):
        services.transition_pilot(row, "stopped", actor=owner.user)


def test_a_stopped_pilot_may_become_a_candidate_again(owner: Persona) -> None:
    row = move(pilot(owner.organization), "stopped", "candidate")
    assert row.status == "candidate"


def test_kpis_are_checked_audited_and_go_with_their_pilot(owner: Persona) -> None:
    row = pilot(owner.organization)
    with pytest.raises(ServiceError) as refused:
        services.create_kpi(row, kind="vanity", name="Likes", target=1, actor=None)
    assert refused.value.field == "kind"
    with pytest.raises(ServiceError) as refused:
        services.create_kpi(row, kind="learning", name="", target=1, actor=None)
    assert refused.value.field == "name"
    with pytest.raises(ServiceError) as refused:
        services.create_kpi(row, kind="learning", name="X", target="", actor=None)
    assert (refused.value.field, refused.value.message) == ("target", "give a number")
    with pytest.raises(ServiceError) as refused:
        services.create_kpi(row, kind="learning", name="X", target=1, direction="up", actor=None)
    assert refused.value.field == "direction"

    kpi = services.create_kpi(row, kind="intrinsic", name="Followers", target=100, actor=owner.user)
    assert kpi.status == "not_measured"
    kpi = services.update_kpi(kpi, {"measured": "120"}, actor=owner.user)
    assert kpi.status == "met"
    assert AuditEntry.objects.get(kind="pilotkpi", action="update").changes == {
        "measured": [None, "120.00"]
    }

    gone = services.delete_pilot(row, actor=owner.user)
    assert gone["kpis"] == ["Followers"]
    assert not PilotKpi.objects.exists()
    deleted = AuditEntry.objects.get(kind="pilot", action="delete")
    assert deleted.changes["kpis"] == ["Followers"]


def test_deleting_a_kpi_is_audited(owner: Persona) -> None:
    row = pilot(owner.organization)
    all_kinds(row)
    kpi = row.kpis.get(kind="learning")

    services.delete_kpi(kpi, actor=owner.user)

    assert row.kpis.count() == 2
    assert AuditEntry.objects.filter(kind="pilotkpi", action="delete").count() == 1


def test_thresholds_default_to_four_and_are_saved_in_one_row(owner: Persona) -> None:
    assert services.thresholds_of(owner.organization) == Thresholds(4, 4, 4)
    assert not services.settings_of(owner.organization).pk

    services.update_settings(owner.organization, {"fit_threshold": 3}, actor=owner.user)
    services.update_settings(owner.organization, {"learning_threshold": 5}, actor=owner.user)

    assert services.thresholds_of(owner.organization) == Thresholds(3, 4, 5)
    actions = list(
        AuditEntry.objects.filter(kind="portfoliosettings")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update"]
    with pytest.raises(ServiceError) as refused:
        services.update_settings(owner.organization, {"return_threshold": 0}, actor=None)
    assert refused.value.field == "return_threshold"
    with pytest.raises(ServiceError, match="unknown fields"):
        services.update_settings(owner.organization, {"colour": 1}, actor=None)
