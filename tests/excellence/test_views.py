"""Centre-of-excellence pages for the owner, a viewer and an outsider."""

from __future__ import annotations

from socialroadmap.excellence.models import EscalationRule, TeamMember
from tests.conftest import Persona
from tests.excellence.helpers import person, rule

BASE = "/o/acme/excellence/"
MEMBER_FORM = {
    "name": "Hanne Jacobs",
    "email": "hanne@acme.test",
    "role": "spoke",
    "department": "hr",
    "hours_per_week": "3",
    "is_active": "on",
}


def test_the_overview_shows_team_gaps_and_matrix(owner: Persona, member: Persona) -> None:
    ann = person(owner.organization, "Ann Peeters", "conversation_manager")
    rule(owner.organization, ann, "crisis", "urgent", respond_within_minutes=15)

    response = member.client().get(BASE)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Ann Peeters" in content
    assert 'data-testid="escalation-matrix"' in content
    assert "within 15 minutes" in content
    assert "HR has no spoke." in content
    assert "Nobody is the conversation manager." not in content
    assert "/excellence/members/new/" not in content  # a viewer gets no forms
    assert "<script" not in content.split("</header>")[-1]  # CSP: nothing inline


def test_the_owner_adds_edits_and_removes_a_member(owner: Persona) -> None:
    client = owner.client()

    assert client.get(f"{BASE}members/new/").status_code == 200
    response = client.post(f"{BASE}members/new/", MEMBER_FORM)
    assert response.status_code == 302
    hanne = TeamMember.objects.get(email="hanne@acme.test")
    assert (hanne.role, hanne.department, hanne.created_by) == ("spoke", "hr", owner.user)

    response = client.post(f"{BASE}members/{hanne.pk}/", {**MEMBER_FORM, "hours_per_week": "6"})
    assert response.status_code == 302
    hanne.refresh_from_db()
    assert hanne.hours_per_week == 6

    assert b"Remove Hanne Jacobs" in client.get(f"{BASE}members/{hanne.pk}/delete/").content
    assert client.post(f"{BASE}members/{hanne.pk}/delete/").status_code == 302
    assert not TeamMember.objects.exists()


def test_a_spoke_without_department_goes_back_on_the_form(owner: Persona) -> None:
    response = owner.client().post(f"{BASE}members/new/", {**MEMBER_FORM, "department": ""})

    assert response.status_code == 200
    assert b"a department spoke needs a department" in response.content
    assert not TeamMember.objects.exists()


def test_removing_a_member_named_in_rules_shows_the_rules(owner: Persona) -> None:
    ann = person(owner.organization)
    rule(owner.organization, ann, "press", "urgent")
    client = owner.client()

    page = client.get(f"{BASE}members/{ann.pk}/delete/")
    assert b'data-testid="member-in-use"' in page.content
    assert b"Press question (Urgent)" in page.content
    response = client.post(f"{BASE}members/{ann.pk}/delete/", follow=True)

    assert b"is named in escalation rules" in response.content
    assert TeamMember.objects.filter(pk=ann.pk).exists()


def test_removing_a_member_hands_their_rules_to_the_one_chosen(owner: Persona) -> None:
    ann, bob = person(owner.organization, "Ann"), person(owner.organization, "Bob")
    press = rule(owner.organization, ann, "press", "urgent")
    client = owner.client()

    page = client.get(f"{BASE}members/{ann.pk}/delete/")
    assert f'<option value="{bob.pk}">'.encode() in page.content
    client.post(f"{BASE}members/{ann.pk}/delete/", {"hand_over_to": bob.pk})

    press.refresh_from_db()
    assert press.responsible_id == bob.pk
    assert not TeamMember.objects.filter(pk=ann.pk).exists()


def test_the_owner_adds_edits_and_deletes_a_rule(owner: Persona) -> None:
    ann, bob = person(owner.organization, "Ann"), person(owner.organization, "Bob")
    client = owner.client()
    form = {
        "kind": "complaint",
        "severity": "urgent",
        "responsible": ann.pk,
        "backup": bob.pk,
        "respond_within_minutes": "30",
        "notes": "Call first.",
    }

    assert client.get(f"{BASE}rules/new/?kind=crisis").status_code == 200
    assert client.post(f"{BASE}rules/new/", form).status_code == 302
    cell = EscalationRule.objects.get()
    assert (cell.responsible, cell.backup, cell.respond_within_minutes) == (ann, bob, 30)

    again = client.post(f"{BASE}rules/new/", form)
    assert again.status_code == 200
    assert b"already a rule" in again.content

    response = client.post(f"{BASE}rules/{cell.pk}/", {**form, "backup": ""})
    assert response.status_code == 302
    cell.refresh_from_db()
    assert cell.backup is None

    assert b"Delete the rule for" in client.get(f"{BASE}rules/{cell.pk}/delete/").content
    assert client.post(f"{BASE}rules/{cell.pk}/delete/").status_code == 302
    assert not EscalationRule.objects.exists()


def test_a_viewer_cannot_change_anything(owner: Persona, member: Persona) -> None:
    ann = person(owner.organization)
    cell = rule(owner.organization, ann)
    client = member.client()

    for url in (
        f"{BASE}members/new/",
        f"{BASE}members/{ann.pk}/",
        f"{BASE}members/{ann.pk}/delete/",
        f"{BASE}rules/new/",
        f"{BASE}rules/{cell.pk}/",
        f"{BASE}rules/{cell.pk}/delete/",
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, MEMBER_FORM).status_code == 403, url
    assert client.post(BASE).status_code == 405
    assert TeamMember.objects.count() == 1 and EscalationRule.objects.count() == 1


def test_the_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    ann = person(owner.organization)
    cell = rule(owner.organization, ann)
    client = outsider.client()

    for url in (BASE, f"{BASE}members/{ann.pk}/delete/", f"{BASE}rules/{cell.pk}/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{BASE}members/{ann.pk}/delete/").status_code == 404
    assert TeamMember.objects.filter(pk=ann.pk).exists()


def test_another_organisations_objects_are_404_for_the_owner(
    owner: Persona, outsider: Persona
) -> None:
    theirs = person(outsider.organization, "Theirs")

    assert owner.client().get(f"{BASE}members/{theirs.pk}/").status_code == 404


def test_the_team_and_the_matrix_export_as_csv_and_xlsx(owner: Persona, member: Persona) -> None:
    import io

    from openpyxl import load_workbook

    ann, bob = person(owner.organization, "Ann"), person(owner.organization, "Bob")
    rule(owner.organization, ann, "press", "urgent", backup=bob)
    client = member.client()

    team = client.get(f"{BASE}members/export.csv").content.decode("utf-8-sig").splitlines()
    assert team == [
        "name,email,role,department,hours_per_week,is_active",
        "Ann,ann@acme.test,coe_member,,,yes",
        "Bob,bob@acme.test,coe_member,,,yes",
    ]
    matrix = load_workbook(io.BytesIO(client.get(f"{BASE}rules/export.xlsx").content)).active
    assert matrix is not None
    assert [c.value for c in matrix[2]][:6] == [
        "press",
        "urgent",
        "Ann",
        "ann@acme.test",
        "Bob",
        "bob@acme.test",
    ]
    assert client.get(f"{BASE}secrets/export.csv").status_code == 404
