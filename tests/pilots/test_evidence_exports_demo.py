"""Evidence for project 5, the CSV and XLSX exports, and the demo."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from socialroadmap.excellence import demo as excellence_demo
from socialroadmap.excellence.services import add_team_member
from socialroadmap.pilots import demo, services
from socialroadmap.pilots.evidence import pilot_portfolio
from socialroadmap.pilots.models import Pilot, PilotKpi, all_kinds_measured
from socialroadmap.pilots.portfolio import meets_all
from tests.conftest import Persona
from tests.pilots.helpers import all_kinds, move, pilot


def scores(owner: Persona) -> dict[str, float]:
    return {e.key: e.score for e in pilot_portfolio(owner.organization)}


def test_no_pilots_no_evidence(owner: Persona) -> None:
    assert pilot_portfolio(owner.organization) == []


def test_the_four_signs_of_project_5(owner: Persona) -> None:
    cm = add_team_member(
        owner.organization,
        name="Jeroen",
        email="j@acme.test",
        role="conversation_manager",
        actor=None,
    )
    first = pilot(owner.organization, "Weak", (2, 2, 2, 2))
    assert scores(owner) == {
        "pilots.chosen": 0.0,
        "pilots.kpis": 0.0,
        "pilots.parallel": 0.0,
        "pilots.retrospective": 0.0,
    }

    one = move(pilot(owner.organization, "One", manager=cm), "selected", "running")
    all_kinds(one)
    assert scores(owner)["pilots.parallel"] == 0.5
    move(pilot(owner.organization, "Two", manager=cm), "selected", "running")
    services.update_pilot(first, {"learned": "No", "decision": "stop"}, actor=None)
    move(first, "selected", "running", "evaluating", "completed")

    evidence = pilot_portfolio(owner.organization)
    assert {e.key: e.score for e in evidence} == {
        "pilots.chosen": 1.0,
        "pilots.kpis": 1.0,
        "pilots.parallel": 1.0,
        "pilots.retrospective": 1.0,
    }
    assert {e.project for e in evidence} == {5}
    assert evidence[0].label.nl


def test_the_portfolio_exports_as_csv_and_xlsx(owner: Persona, member: Persona) -> None:
    row = pilot(owner.organization, "=cmd", (5, 4, 4, 3), department="marketing")
    all_kinds(row)
    client = member.client()

    csv = client.get("/o/acme/pilots/export.csv")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("name,department,owner,manager,status,fit,return,learning")
    assert lines[1].startswith("'=cmd,Marketing,,,candidate,5,4,4,3,yes")
    assert lines[1].endswith(",3,3,3,")
    book = load_workbook(io.BytesIO(client.get("/o/acme/pilots/export.xlsx").content))
    assert list(book.active.iter_rows(values_only=True))[1][:5] == (
        "'=cmd",
        "Marketing",
        None,
        None,
        "candidate",
    )
    kpis = client.get("/o/acme/pilots/kpis/export.csv").content.decode("utf-8-sig").splitlines()
    assert kpis[0] == "pilot,kind,name,unit,baseline,target,measured,direction,status"
    assert len(kpis) == 4 and kpis[1].endswith(",met")
    assert client.get("/o/acme/pilots/kpis/export.xlsx").status_code == 200
    assert client.get("/o/acme/pilots/export.pdf").status_code == 404


def test_the_demo_is_believable_and_idempotent(owner: Persona) -> None:
    excellence_demo.seed(owner.organization, owner.user)
    demo.seed(owner.organization, owner.user)

    pilots = list(Pilot.objects.for_org(owner.organization))
    assert 6 <= len(pilots) <= 8
    thresholds = services.thresholds_of(owner.organization)
    assert 2 <= sum(meets_all(p, thresholds) for p in pilots) <= 3
    running = [p for p in pilots if p.status == "running"]
    assert len(running) == 2
    assert all(all_kinds_measured(list(p.kpis.all())) for p in running)
    assert {p.manager.name for p in running if p.manager} == {"Jeroen De Smet"}
    [done] = [p for p in pilots if p.status == "completed"]
    assert done.learned and done.decision == "scale"
    assert set(scores(owner).values()) == {1.0}

    services.update_pilot(pilots[0], {"owner": "Edited"}, actor=None)
    counts = (Pilot.objects.count(), PilotKpi.objects.count())
    demo.seed(owner.organization, owner.user)
    assert (Pilot.objects.count(), PilotKpi.objects.count()) == counts
    assert Pilot.objects.get(pk=pilots[0].pk).owner == "Edited"


def test_the_demo_page_renders(owner: Persona) -> None:
    demo.seed(owner.organization, owner.user)
    page = owner.client().get("/o/acme/pilots/").content.decode()
    assert page.count('data-testid="pilot-bubble"') == len(Pilot.objects.all())
