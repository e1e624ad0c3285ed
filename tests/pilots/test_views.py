"""Pilot pages for each persona: the owner, a conversation manager, a department lead
(contributor), a viewer and an outsider."""

from __future__ import annotations

import pytest

from socialroadmap.organizations.choices import Role
from socialroadmap.pilots.models import Pilot, PilotKpi
from socialroadmap.pilots.services import thresholds_of
from tests.conftest import Persona, make_persona
from tests.pilots.helpers import all_kinds, move, pilot

BASE = "/o/acme/pilots/"
FORM = {
    "name": "Instagram stories",
    "description": "Behind the scenes",
    "department": "marketing",
    "owner": "Sara",
    "manager": "",
    "start_date": "2026-01-05",
    "end_date": "2026-03-30",
    "budget": "1500",
    "hypothesis": "",
    "baseline": "",
    "fit_score": "5",
    "fit_justification": "Our craft",
    "return_score": "4",
    "return_justification": "Quick",
    "learning_score": "4",
    "learning_justification": "Reels",
    "feasibility": "5",
}
KPI = {"kind": "learning", "name": "Formats", "unit": "", "target": "5", "direction": "higher"}


@pytest.fixture
def contributor(owner: Persona) -> Persona:
    return make_persona("lead@acme.test", owner.organization, Role.CONTRIBUTOR)


def test_the_empty_portfolio_explains_the_criteria(owner: Persona, member: Persona) -> None:
    page = owner.client().get(BASE).content.decode()

    assert 'data-testid="pilots-empty"' in page
    assert "fits the organisation, it gives an immediate return" in page
    assert "Propose the first candidate" in page
    viewer = member.client().get(BASE).content.decode()
    assert "Propose the first candidate" not in viewer
    assert "A department lead or the conversation manager" in viewer


def test_a_contributor_proposes_and_edits_a_candidate(contributor: Persona) -> None:
    client = contributor.client()

    added = client.post(f"{BASE}add/", FORM)
    row = Pilot.objects.get()
    assert added.status_code == 302
    assert added.url == f"{BASE}{row.pk}/"
    assert (row.fit_score, row.budget, row.created_by) == (5, 1500, contributor.user)
    again = client.post(f"{BASE}add/", FORM)
    assert b"already a pilot named" in again.content

    edited = client.post(f"{BASE}{row.pk}/edit/", {**FORM, "return_score": "2"})
    assert edited.status_code == 302
    assert Pilot.objects.get().return_score == 2
    kpi = client.post(f"{BASE}{row.pk}/kpis/add/", KPI)
    assert kpi.status_code == 302
    assert PilotKpi.objects.get().pilot == row

    # A contributor neither moves a pilot on, nor changes the thresholds, nor deletes.
    assert client.post(f"{BASE}{row.pk}/status/", {"status": "selected"}).status_code == 403
    assert client.post(f"{BASE}thresholds/", {"fit_threshold": "1"}).status_code == 403
    assert client.get(f"{BASE}{row.pk}/delete/").status_code == 403
    page = client.get(BASE).content.decode()
    assert "Save thresholds" not in page


def test_a_contributor_does_not_edit_a_chosen_pilot(owner: Persona, contributor: Persona) -> None:
    row = move(pilot(owner.organization), "selected")
    client = contributor.client()

    assert client.get(f"{BASE}{row.pk}/edit/").status_code == 403
    assert client.post(f"{BASE}{row.pk}/edit/", FORM).status_code == 403
    detail = client.get(f"{BASE}{row.pk}/").content.decode()
    assert f"{BASE}{row.pk}/edit/" not in detail


def test_bad_input_is_shown_at_its_field(manager: Persona) -> None:
    client = manager.client()

    response = client.post(f"{BASE}add/", {**FORM, "end_date": "2025-01-01"})

    assert response.status_code == 200
    assert b"the end date comes before the start date" in response.content
    assert not Pilot.objects.exists()


def test_a_manager_moves_a_pilot_to_completed_with_its_retrospective(manager: Persona) -> None:
    row = move(pilot(manager.organization), "selected", "running", "evaluating")
    client = manager.client()

    refused = client.post(f"{BASE}{row.pk}/status/", {"status": "completed"}, follow=True)
    assert b"needs a retrospective" in refused.content
    form = {**FORM, "name": row.name, "learned": "Stories sell", "decision": "scale"}
    assert client.post(f"{BASE}{row.pk}/edit/", form).status_code == 302
    done = client.post(f"{BASE}{row.pk}/status/", {"status": "completed"}, follow=True)
    assert b"Status changed." in done.content
    assert Pilot.objects.get().status == "completed"
    assert b"Stories sell" in done.content
    assert b"Scale up" in done.content


def test_the_detail_shows_kpis_by_kind_with_their_status(owner: Persona) -> None:
    row = pilot(owner.organization, scores=(4, 3, 4, 4))
    all_kinds(row)

    page = owner.client().get(f"{BASE}{row.pk}/").content.decode()

    for kind in ("intrinsic", "learning", "change"):
        assert f'data-testid="pilot-kpis-{kind}"' in page
    assert "All three kinds of KPI are measured" in page
    assert page.count(">Met<") == 3
    assert "Immediate return (3 &lt; 4)" in page


def test_the_manager_changes_the_thresholds(manager: Persona) -> None:
    pilot(manager.organization, scores=(4, 3, 4, 4))
    client = manager.client()

    response = client.post(
        f"{BASE}thresholds/",
        {"fit_threshold": "4", "return_threshold": "3", "learning_threshold": "4"},
        follow=True,
    )

    assert b"Thresholds saved." in response.content
    assert thresholds_of(manager.organization).ret == 3
    assert b'data-testid="pilot-selected"' in response.content
    bad = client.post(f"{BASE}thresholds/", {"fit_threshold": "9"}, follow=True)
    assert b"Give each threshold" in bad.content


def test_deleting_lists_the_kpis_that_go_with_it(owner: Persona) -> None:
    row = pilot(owner.organization)
    all_kinds(row)
    client = owner.client()

    confirm = client.get(f"{BASE}{row.pk}/delete/").content.decode()
    assert "Its 3 KPIs go with it" in confirm
    assert "learning KPI" in confirm
    assert client.post(f"{BASE}{row.pk}/delete/").status_code == 302
    assert not Pilot.objects.exists() and not PilotKpi.objects.exists()


def test_a_kpi_is_edited_and_deleted(owner: Persona) -> None:
    row = pilot(owner.organization)
    all_kinds(row, measured=False)
    kpi = row.kpis.get(kind="change")
    client = owner.client()

    assert client.get(f"{BASE}kpis/{kpi.pk}/").status_code == 200
    saved = client.post(f"{BASE}kpis/{kpi.pk}/", {**KPI, "kind": "change", "measured": "3"})
    assert saved.status_code == 302
    assert PilotKpi.objects.get(pk=kpi.pk).status == "not_met"
    assert b"Delete the KPI" in client.get(f"{BASE}kpis/{kpi.pk}/delete/").content
    assert client.post(f"{BASE}kpis/{kpi.pk}/delete/").status_code == 302
    assert row.kpis.count() == 2


def test_a_viewer_reads_but_changes_nothing(owner: Persona, member: Persona) -> None:
    row = pilot(owner.organization)
    all_kinds(row)
    client = member.client()

    assert client.get(BASE).status_code == 200
    detail = client.get(f"{BASE}{row.pk}/").content.decode()
    assert row.name in detail
    assert "/edit/" not in detail and "Add a KPI" not in detail and "Move to:" not in detail
    assert client.get(f"{BASE}add/").status_code == 403
    assert client.post(f"{BASE}add/", FORM).status_code == 403
    assert client.post(f"{BASE}{row.pk}/edit/", FORM).status_code == 403
    assert client.post(f"{BASE}{row.pk}/kpis/add/", KPI).status_code == 403
    assert client.post(f"{BASE}{row.pk}/delete/").status_code == 403
    assert Pilot.objects.count() == 1


def test_the_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    row = pilot(owner.organization)
    kpi = row.kpis.create(organization=owner.organization, kind="learning", name="x", target=1)
    client = outsider.client()

    for url in (BASE, f"{BASE}{row.pk}/", f"{BASE}{row.pk}/edit/", f"{BASE}kpis/{kpi.pk}/"):
        assert client.get(url).status_code == 404
    # and their own organisation's URL does not reach acme's pilot
    assert client.get(f"/o/globex/pilots/{row.pk}/").status_code == 404


def test_the_edit_form_shows_dates_as_the_date_picker_reads_them(owner: Persona) -> None:
    from datetime import date

    from django.utils import translation

    from socialroadmap.pilots.forms import PilotForm

    row = pilot(owner.organization, start_date=date(2026, 1, 5))
    with translation.override("nl"):
        html = str(PilotForm(owner.organization, initial=PilotForm.initial_for(row)))
    assert 'value="2026-01-05"' in html


def test_the_portfolio_shows_the_pilots_under_way_per_accountable_person(owner: Persona) -> None:
    from socialroadmap.excellence.services import add_team_member

    jeroen = add_team_member(
        owner.organization, name="Jeroen", email="j@acme.test", role="coe_member", actor=None
    )
    for name in ("One", "Two"):
        move(pilot(owner.organization, name, manager=jeroen), "selected", "running")
    move(pilot(owner.organization, "Three", owner="Sara"), "selected", "running", "evaluating")
    pilot(owner.organization, "Idea")

    page = owner.client().get(BASE).content.decode()

    part = page[page.index('data-testid="pilot-under-way"') :]
    assert part.index("Jeroen") < part.index("Sara")
    assert ">One</a>, <a" in part
    assert "Idea" not in part[: part.index("</ul>")]
