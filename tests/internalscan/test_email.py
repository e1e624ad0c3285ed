"""The roster's e-mail address: how it is checked, stored, imported and shown, and that
erasing a person leaves nothing of them in the audit log."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core.errors import ServiceError
from socialroadmap.internalscan import services
from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.people import employee_for_user
from socialroadmap.organizations.models import Organization
from socialroadmap.organizations.services import create_organization
from tests.conftest import Persona

WEB = "/o/acme/internal-scan"
API = "/api/v1/organizations/acme/internal-scan"


def person(org: Organization, name: str, email: str = "", **fields) -> Employee:
    return services.create_employee(org, full_name=name, email=email, actor=None, **fields)


def roster(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


def entries(org: Organization) -> list[AuditEntry]:
    return list(AuditEntry.objects.for_org(org).filter(area="internalscan").order_by("id"))


# --- the service ----------------------------------------------------------------------


def test_the_address_is_stored_trimmed_and_in_lower_case(org: Organization, owner: Persona) -> None:
    jan = person(org, "Jan Peeters", "  Jan.Peeters@Mertens.BE ")
    assert jan.email == "jan.peeters@mertens.be"
    owner.user.email = "JAN.peeters@mertens.be"
    assert employee_for_user(org, owner.user) == jan


@pytest.mark.parametrize("bad", ["jan", "jan@", "@mertens.be", "jan peeters@mertens.be", "a@b@c"])
def test_an_invalid_address_is_refused_at_its_field(org: Organization, bad: str) -> None:
    with pytest.raises(ServiceError, match="not a valid e-mail address") as refused:
        person(org, "Jan Peeters", bad)
    assert refused.value.field == "email"
    assert not Employee.objects.exists()


def test_an_overlong_address_is_refused(org: Organization) -> None:
    with pytest.raises(ServiceError, match="longer than 254") as refused:
        person(org, "Jan Peeters", "j" * 250 + "@mertens.be")
    assert refused.value.field == "email"


def test_a_blank_address_is_allowed_and_clears_it(org: Organization) -> None:
    jan = person(org, "Jan Peeters", "jan@mertens.be")
    els = person(org, "Els Maes")
    assert els.email == ""
    jan = services.update_employee(jan, {"email": " "}, actor=None)
    assert jan.email == ""
    # Two people without an address are no clash.
    assert services.update_employee(els, {"notes": "x"}, actor=None).email == ""


def test_one_address_is_one_person_of_a_roster(org: Organization, outsider: Persona) -> None:
    person(org, "Jan Peeters", "jan@mertens.be", department="Marketing")
    with pytest.raises(ServiceError) as twice:
        person(org, "Els Maes", "JAN@mertens.be")
    assert twice.value.field == "email"
    assert twice.value.message == (
        "jan@mertens.be is already the e-mail address of Jan Peeters (Marketing)"
    )
    els = person(org, "Els Maes", "els@mertens.be")
    with pytest.raises(ServiceError, match="Jan Peeters") as taken:
        services.update_employee(els, {"email": "jan@mertens.be"}, actor=None)
    assert taken.value.field == "email"
    els.refresh_from_db()
    assert els.email == "els@mertens.be"
    # Keeping one's own address is no clash; another organisation may have it too.
    assert services.update_employee(els, {"email": "ELS@mertens.be"}, actor=None)
    assert person(outsider.organization, "Jan Peeters", "jan@mertens.be").pk


# --- the audit log --------------------------------------------------------------------


def test_changes_to_the_roster_are_in_the_audit_log(owner: Persona) -> None:
    org = owner.organization
    jan = services.create_employee(
        org, full_name="Jan Peeters", email="jan@mertens.be", handles="x:@jan", actor=owner.user
    )
    services.update_employee(jan, {"email": "jp@mertens.be"}, actor=owner.user)
    services.update_employee(jan, {"email": "jp@mertens.be"}, actor=owner.user)  # no change
    services.record_consent(jan, True, actor=owner.user)

    created, changed, consent = entries(org)
    assert (created.action, created.kind, created.label) == ("create", "employee", "Jan Peeters")
    assert created.actor == owner.user
    assert created.changes["email"] == "jan@mertens.be"
    assert created.changes["handles"] == ["x:jan"]
    assert (changed.action, changed.changes) == (
        "update",
        {"email": ["jan@mertens.be", "jp@mertens.be"]},
    )
    assert consent.changes == {"consent": [False, True]}


def test_a_refused_change_leaves_no_audit_entry(org: Organization) -> None:
    person(org, "Jan Peeters", "jan@mertens.be")
    with pytest.raises(ServiceError):
        person(org, "Els Maes", "jan@mertens.be")
    assert [entry.label for entry in entries(org)] == ["Jan Peeters"]


def test_an_import_is_in_the_audit_log(owner: Persona) -> None:
    org = owner.organization
    person(org, "Jan Peeters")
    text = "name;email\nJan Peeters;jan@mertens.be\nEls Maes;els@mertens.be\n"
    services.import_roster(org, roster(text), actor=owner.user)
    logged = [(e.action, e.label, e.changes.get("email")) for e in entries(org)]
    assert logged == [
        ("create", "Jan Peeters", ""),
        ("update", "Jan Peeters", ["", "jan@mertens.be"]),
        ("create", "Els Maes", "els@mertens.be"),
    ]


def test_erasing_a_person_leaves_nothing_of_them_in_the_audit_log(owner: Persona) -> None:
    org = owner.organization
    jan = services.create_employee(
        org,
        full_name="Jan Peeters",
        department="Marketing",
        email="jan.peeters@mertens.be",
        handles="x:@jan_koffie",
        notes="blogt over koffie",
        actor=owner.user,
    )
    services.update_employee(jan, {"full_name": "Jan Peeters-Maes"}, actor=owner.user)
    services.import_roster(
        org, roster("name;department;consent\nJan Peeters-Maes;Marketing;ja\n"), actor=owner.user
    )
    els = person(org, "Els Maes", "els@mertens.be")

    services.erase_employee(jan, actor=owner.user)

    about_jan = [entry for entry in entries(org) if entry.object_id == str(jan.pk)]
    assert [entry.action for entry in about_jan] == ["create", "update", "update", "delete"]
    dump = json.dumps([[e.label, e.changes] for e in about_jan])
    for trace in ("Peeters", "jan.peeters", "jan_koffie", "Marketing", "koffie"):
        assert trace not in dump
    erased = about_jan[-1]
    assert (erased.label, erased.changes, erased.actor) == ("erased person", {}, owner.user)
    # Which fields changed, and who changed them, stays.
    assert set(about_jan[1].changes) == {"full_name"}
    assert all(entry.actor == owner.user for entry in about_jan)
    # Nobody else is touched.
    assert [e.label for e in entries(org) if e.object_id == str(els.pk)] == ["Els Maes"]


def test_the_erasure_page_erases_the_audit_trail_too(owner: Persona) -> None:
    client = owner.client()
    client.post(f"{WEB}/roster/new/", {"full_name": "Jan Peeters", "email": "jan@mertens.be"})
    jan = Employee.objects.get()
    question = client.get(f"{WEB}/roster/{jan.pk}/erase/")
    assert b"jan@mertens.be" in question.content
    client.post(f"{WEB}/roster/{jan.pk}/erase/")
    assert not Employee.objects.exists()
    dump = json.dumps([[e.label, e.changes] for e in entries(owner.organization)])
    assert "Peeters" not in dump and "jan@mertens.be" not in dump


# --- the roster import ----------------------------------------------------------------


def test_an_import_reads_the_address_column(owner: Persona) -> None:
    org = owner.organization
    text = (
        "\ufeffnaam;afdeling;e-mailadres;toestemming\r\n"
        "Jan Peeters;Marketing;Jan.Peeters@Mertens.be;ja\r\n"
        "Els Maes;Klantendienst;els@;nee\r\n"
        "Wim Claes;IT;wim at mertens.be;ja\r\n"
        "Lotte Wouters;HR;;ja\r\n"
        "An Smets;R&D;jan.peeters@mertens.be;ja\r\n"
    )
    summary = services.import_roster(org, roster(text), actor=owner.user)
    assert (summary["read"], summary["created"], summary["updated"]) == (5, 2, 0)
    assert summary["rejected"] == [
        {
            "line": 3,
            "field": "email",
            "reason": "'els@' is not a valid e-mail address (write it as name@example.com)",
        },
        {
            "line": 4,
            "field": "email",
            "reason": (
                "'wim at mertens.be' is not a valid e-mail address (write it as name@example.com)"
            ),
        },
        {
            "line": 6,
            "field": "email",
            "reason": "jan.peeters@mertens.be is already the e-mail address on line 2",
        },
    ]
    emails = dict(Employee.objects.values_list("full_name", "email"))
    assert emails == {"Jan Peeters": "jan.peeters@mertens.be", "Lotte Wouters": ""}


@pytest.mark.parametrize("header", ["email", "E-mail", "email address", "e-mailadres", "Mail"])
def test_the_address_column_has_aliases(owner: Persona, header: str) -> None:
    text = f"name,{header}\nJan Peeters,jan@mertens.be\n"
    summary = services.import_roster(owner.organization, roster(text), actor=None)
    assert summary["rejected"] == []
    assert Employee.objects.get().email == "jan@mertens.be"


def test_an_import_updates_the_address_of_a_person(owner: Persona) -> None:
    org = owner.organization
    jan = person(org, "Jan Peeters", "jan@mertens.be", department="Marketing")
    els = person(org, "Els Maes", "els@mertens.be")
    text = "name;department;email\njan peeters;marketing;JP@mertens.be\nEls Maes;;\n"
    summary = services.import_roster(org, roster(text), actor=None)
    assert (summary["created"], summary["updated"], summary["rejected"]) == (0, 2, [])
    jan.refresh_from_db()
    els.refresh_from_db()
    assert jan.email == "jp@mertens.be"
    assert els.email == "els@mertens.be"  # an empty cell keeps the address
    # A file without the column keeps every address.
    services.import_roster(org, roster("name;department\nJan Peeters;Marketing\n"), actor=None)
    jan.refresh_from_db()
    assert jan.email == "jp@mertens.be"


def test_an_import_refuses_an_address_another_person_has(owner: Persona) -> None:
    org = owner.organization
    person(org, "Jan Peeters", "jan@mertens.be", department="Marketing")
    text = "name;email\nEls Maes;jan@mertens.be\nWim Claes;wim@mertens.be\n"
    summary = services.import_roster(org, roster(text), actor=None)
    assert summary["created"] == 1
    assert summary["rejected"] == [
        {
            "line": 2,
            "field": "email",
            "reason": "jan@mertens.be is already the e-mail address of Jan Peeters (Marketing)",
        }
    ]
    assert not Employee.objects.filter(full_name="Els Maes").exists()


def test_an_import_may_move_an_address_from_one_person_to_the_next(owner: Persona) -> None:
    org = owner.organization
    person(org, "Jan Peeters", "info@mertens.be")
    person(org, "Els Maes")
    text = "name;email\nJan Peeters;jan@mertens.be\nEls Maes;info@mertens.be\n"
    summary = services.import_roster(org, roster(text), actor=None)
    assert (summary["updated"], summary["rejected"]) == (2, [])
    emails = dict(Employee.objects.values_list("full_name", "email"))
    assert emails == {"Jan Peeters": "jan@mertens.be", "Els Maes": "info@mertens.be"}


def test_the_upload_page_shows_a_bad_address_by_line_and_column(owner: Persona) -> None:
    upload = SimpleUploadedFile(
        "roster.csv", b"name;email\nJan Peeters;jan@\nEls Maes;els@mertens.be\n"
    )
    response = owner.client().post(f"{WEB}/roster/import/", {"file": upload})
    content = response.content.decode()
    assert "2 rows read: 1 people added, 0 updated." in content
    assert "<td>2</td><td><code>email</code></td><td>&#x27;jan@&#x27; is not a valid" in content


# --- the pages ------------------------------------------------------------------------


def test_the_form_takes_and_shows_the_address(manager: Persona) -> None:
    client = manager.client()
    new = client.get(f"{WEB}/roster/new/")
    assert b'name="email"' in new.content
    created = client.post(
        f"{WEB}/roster/new/", {"full_name": "Jan Peeters", "email": "Jan@Mertens.be"}
    )
    assert created.status_code == 302
    jan = Employee.objects.get()
    assert jan.email == "jan@mertens.be"
    assert b'value="jan@mertens.be"' in client.get(f"{WEB}/roster/{jan.pk}/").content
    shown = client.get(f"{WEB}/roster/").content.decode()
    assert 'data-testid="employee-email"><a href="mailto:jan@mertens.be">' in shown
    cleared = client.post(f"{WEB}/roster/{jan.pk}/", {"full_name": "Jan Peeters", "email": ""})
    assert cleared.status_code == 302
    jan.refresh_from_db()
    assert jan.email == ""


def test_the_form_shows_a_bad_or_taken_address_at_its_field(owner: Persona) -> None:
    person(owner.organization, "Jan Peeters", "jan@mertens.be", department="Marketing")
    client = owner.client()

    invalid = client.post(f"{WEB}/roster/new/", {"full_name": "Els Maes", "email": "els@"})
    taken = client.post(f"{WEB}/roster/new/", {"full_name": "Els Maes", "email": "JAN@mertens.be"})

    assert invalid.status_code == 200
    assert "email" in invalid.context["form"].errors
    assert taken.status_code == 200
    assert taken.context["form"].errors["email"] == [
        "jan@mertens.be is already the e-mail address of Jan Peeters (Marketing)"
    ]
    assert Employee.objects.count() == 1


# --- the API --------------------------------------------------------------------------


def test_the_api_reads_and_writes_the_address(manager: Persona) -> None:
    api = manager.api()
    created = api.post(
        f"{API}/employees/", {"full_name": "Jan Peeters", "email": "Jan@Mertens.be"}, format="json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["email"] == "jan@mertens.be"
    pk = created.json()["id"]
    assert api.get(f"{API}/employees/{pk}/").json()["email"] == "jan@mertens.be"
    changed = api.patch(f"{API}/employees/{pk}/", {"email": "jp@mertens.be"}, format="json")
    assert changed.json()["email"] == "jp@mertens.be"
    untouched = api.patch(f"{API}/employees/{pk}/", {"notes": "x"}, format="json")
    assert untouched.json()["email"] == "jp@mertens.be"
    cleared = api.patch(f"{API}/employees/{pk}/", {"email": ""}, format="json")
    assert cleared.json()["email"] == ""


def test_the_api_refuses_a_bad_or_taken_address_at_the_field(owner: Persona) -> None:
    api = owner.api()
    person(owner.organization, "Jan Peeters", "jan@mertens.be")
    bad = api.post(f"{API}/employees/", {"full_name": "Els", "email": "els@"}, format="json")
    assert bad.status_code == 400
    assert list(bad.json()) == ["email"]
    taken = api.post(
        f"{API}/employees/", {"full_name": "Els", "email": "jan@mertens.be"}, format="json"
    )
    assert taken.status_code == 400
    assert "Jan Peeters" in taken.json()["email"][0]
    assert Employee.objects.count() == 1


def test_the_api_import_reports_a_bad_address(owner: Persona) -> None:
    upload = SimpleUploadedFile("roster.csv", b"name,mail\nJan,jan@\nEls,els@mertens.be\n")
    response = owner.api().post(f"{API}/employees/import/", {"file": upload}, format="multipart")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["created"], body["rejected"][0]["line"], body["rejected"][0]["field"]) == (
        1,
        2,
        "email",
    )


def test_another_organisations_roster_is_no_clash(owner: Persona, db: None) -> None:
    other = create_organization("mertens", "Koffiebranderij Mertens")
    person(other, "Jan Peeters", "jan@mertens.be")
    created = owner.api().post(
        f"{API}/employees/", {"full_name": "Jan", "email": "jan@mertens.be"}, format="json"
    )
    assert created.status_code == 201


def test_the_demo_roster_has_addresses_that_link_the_demo_users(owner: Persona) -> None:
    from socialroadmap.demo import DEMO_DOMAIN
    from socialroadmap.internalscan import demo

    demo.seed(owner.organization, owner.user)
    roster = Employee.objects.for_org(owner.organization)
    emails = list(roster.values_list("email", flat=True))
    assert len(set(emails)) == 12
    assert all(email.endswith(f"@{DEMO_DOMAIN}") for email in emails)
    owner.user.email = f"manager@{DEMO_DOMAIN}"
    linked = employee_for_user(owner.organization, owner.user)
    assert linked is not None and linked.full_name == "Jeroen De Smet"
    assert roster.get(full_name="Pieter-Jan Wuyts").email == f"pieter.jan.wuyts@{DEMO_DOMAIN}"
