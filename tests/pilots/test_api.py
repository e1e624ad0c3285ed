"""The pilots API: pilots with their transition, KPIs, thresholds and the recommendation."""

from __future__ import annotations

import pytest

from socialroadmap.audit.models import AuditEntry
from socialroadmap.organizations.choices import Role
from socialroadmap.pilots.models import Pilot, PilotKpi
from tests.conftest import Persona, make_persona
from tests.pilots.helpers import JUSTIFIED, move, pilot

BASE = "/api/v1/organizations/acme/pilots/"


@pytest.fixture
def contributor(owner: Persona) -> Persona:
    return make_persona("lead@acme.test", owner.organization, Role.CONTRIBUTOR)


def test_pilots_are_created_read_and_moved_on(manager: Persona) -> None:
    api = manager.api()

    created = api.post(
        f"{BASE}pilots/",
        {
            "name": "Webcare",
            "fit_score": 5,
            "return_score": 5,
            "learning_score": 4,
            "feasibility": 3,
            "budget": "2000.00",
            **JUSTIFIED,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["status"], body["budget"], body["fit_score"]) == ("candidate", "2000.00", 5)
    pk = body["id"]

    moved = api.post(f"{BASE}pilots/{pk}/transition/", {"status": "selected"}, format="json")
    assert moved.status_code == 200
    assert moved.json()["status"] == "selected"
    wrong = api.post(f"{BASE}pilots/{pk}/transition/", {"status": "completed"}, format="json")
    assert wrong.status_code == 400
    assert "cannot become completed" in wrong.json()["status"][0]
    assert api.get(f"{BASE}pilots/").json()["results"][0]["name"] == "Webcare"
    assert AuditEntry.objects.filter(kind="pilot").count() == 2


def test_bad_values_answer_400_at_the_field(manager: Persona) -> None:
    api = manager.api()
    too_high = api.post(f"{BASE}pilots/", {"name": "X", "fit_score": 6}, format="json")
    assert too_high.status_code == 400
    assert "fit_score" in too_high.json()
    dates = api.post(
        f"{BASE}pilots/",
        {"name": "X", "start_date": "2026-02-01", "end_date": "2026-01-01"},
        format="json",
    )
    assert dates.status_code == 400
    assert dates.json() == {"end_date": ["the end date comes before the start date"]}
    pilot(manager.organization, "X")
    same = api.post(f"{BASE}pilots/", {"name": "x"}, format="json")
    assert same.json() == {"name": ["there is already a pilot named x"]}


def test_a_contributor_edits_candidates_only_and_deletes_nothing(
    owner: Persona, contributor: Persona
) -> None:
    candidate = pilot(owner.organization, "Candidate")
    chosen = move(pilot(owner.organization, "Chosen"), "selected")
    api = contributor.api()

    assert (
        api.patch(f"{BASE}pilots/{candidate.pk}/", {"owner": "An"}, format="json").status_code
        == 200
    )
    assert (
        api.patch(f"{BASE}pilots/{chosen.pk}/", {"owner": "An"}, format="json").status_code == 403
    )
    assert api.delete(f"{BASE}pilots/{candidate.pk}/").status_code == 403
    moved = api.post(f"{BASE}pilots/{candidate.pk}/transition/", {"status": "selected"})
    assert moved.status_code == 403
    assert api.put(f"{BASE}settings/", {"fit_threshold": 1}, format="json").status_code == 403
    assert Pilot.objects.get(pk=chosen.pk).owner == ""


def test_kpis_filtered_by_pilot(owner: Persona, outsider: Persona) -> None:
    one = pilot(owner.organization, "One")
    two = pilot(owner.organization, "Two")
    theirs = pilot(outsider.organization, "Theirs")
    api = owner.api()

    for row in (one, two):
        made = api.post(
            f"{BASE}kpis/",
            {"pilot": row.pk, "kind": "change", "name": "Support", "target": "3"},
            format="json",
        )
        assert made.status_code == 201, made.content
    assert made.json()["status"] == "not_measured"
    listed = api.get(f"{BASE}kpis/?pilot={one.pk}").json()["results"]
    assert [k["pilot"] for k in listed] == [one.pk]
    assert api.get(f"{BASE}kpis/?pilot=x").status_code == 400
    foreign = api.post(
        f"{BASE}kpis/",
        {"pilot": theirs.pk, "kind": "change", "name": "X", "target": 1},
        format="json",
    )
    assert foreign.status_code == 400
    kpi = PilotKpi.objects.get(pilot=two)
    measured = api.patch(f"{BASE}kpis/{kpi.pk}/", {"measured": "4"}, format="json")
    assert measured.json()["status"] == "met"
    moved = api.patch(f"{BASE}kpis/{kpi.pk}/", {"pilot": one.pk}, format="json")
    assert moved.status_code == 400
    assert api.delete(f"{BASE}kpis/{kpi.pk}/").status_code == 204


def test_thresholds_and_recommendation(manager: Persona, member: Persona) -> None:
    pilot(manager.organization, "Strong", (5, 5, 5, 5))
    pilot(manager.organization, "Slow", (5, 3, 5, 5))
    api = manager.api()

    assert api.get(f"{BASE}settings/").json() == {
        "fit_threshold": 4,
        "return_threshold": 4,
        "learning_threshold": 4,
    }
    before = member.api().get(f"{BASE}recommendation/").json()
    assert [p["name"] for p in before["selected"]] == ["Strong"]
    assert before["rejected"][0]["misses"] == [{"criterion": "return", "score": 3, "threshold": 4}]
    bad = api.put(f"{BASE}settings/", {"fit_threshold": 0}, format="json")
    assert bad.status_code == 400
    saved = api.put(
        f"{BASE}settings/",
        {"fit_threshold": 4, "return_threshold": 3, "learning_threshold": 4},
        format="json",
    )
    assert saved.status_code == 200
    assert api.patch(f"{BASE}settings/", {"learning_threshold": 5}, format="json").json() == {
        "fit_threshold": 4,
        "return_threshold": 3,
        "learning_threshold": 5,
    }
    after = api.get(f"{BASE}recommendation/").json()
    assert [p["name"] for p in after["selected"]] == ["Strong", "Slow"]
    assert after["thresholds"]["return_threshold"] == 3
    assert member.api().put(f"{BASE}settings/", {"fit_threshold": 1}).status_code == 403


def test_the_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    row = pilot(owner.organization)
    api = outsider.api()
    for url in (
        f"{BASE}pilots/",
        f"{BASE}pilots/{row.pk}/",
        f"{BASE}settings/",
        f"{BASE}recommendation/",
        f"{BASE}kpis/",
    ):
        assert api.get(url).status_code == 404
    other = f"/api/v1/organizations/globex/pilots/pilots/{row.pk}/"
    assert api.get(other).status_code == 404
