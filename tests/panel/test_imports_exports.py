"""CSV import of members (bad lines refused by line and field), the exports."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from socialroadmap.core.errors import ServiceError
from socialroadmap.panel import services
from socialroadmap.panel.models import PanelMember
from tests.conftest import Persona
from tests.panel.helpers import member, open_question

CSV = (
    "name,email,segment,handle,consent\n"
    "An Peeters,an@example.be,horeca,instagram:cafe_an,yes\n"
    ",nobody@example.be,consumer,,yes\n"
    "Bo Claes,bo@example.be,consumer,myspace:bo,no\n"
    "Cas Wuyts,not-an-address,consumer,,ja\n"
    "Dirk Maes,dirk@example.be,reseller,,maybe\n"
    "Eva Smet,eva@example.be,'=consumer,,nee\n"
)


def test_good_lines_are_kept_and_bad_ones_refused_by_line_and_field(owner: Persona) -> None:
    result = services.import_members_csv(
        owner.organization, io.BytesIO(CSV.encode()), actor=owner.user
    )

    assert (result.created, result.updated) == (2, 0)
    assert [(line, reason.split(":")[0]) for line, reason in result.errors] == [
        (3, "name"),
        (4, "handle"),
        (5, "email"),
        (6, "consent"),
    ]
    an = PanelMember.objects.get(email="an@example.be")
    assert an.is_active and an.handle == "instagram:cafe_an"
    eva = PanelMember.objects.get(email="eva@example.be")
    assert eva.segment == "=consumer" and not eva.is_active


def test_a_reimport_updates_by_address(owner: Persona) -> None:
    member(owner.organization, "An Peeters", email="an@example.be", consent=False)
    text = "Name;Email;Segment;Consent\nAn Peeters-Claes;AN@example.be;reseller;yes\n"
    result = services.import_members_csv(owner.organization, io.StringIO(text), actor=owner.user)
    assert (result.created, result.updated, result.errors) == (0, 1, [])
    an = PanelMember.objects.get()
    assert (an.name, an.segment, an.is_active) == ("An Peeters-Claes", "reseller", True)


def test_a_file_without_the_required_columns_is_refused(owner: Persona) -> None:
    with pytest.raises(ServiceError, match="email"):
        services.import_members_csv(owner.organization, io.StringIO("name\nAn\n"), actor=None)
    with pytest.raises(ServiceError, match="UTF-8"):
        services.import_members_csv(
            owner.organization, io.BytesIO(b"name;email\nJos\xe9\n"), actor=None
        )


def test_the_import_page_shows_refused_lines(manager: Persona) -> None:
    url = "/o/acme/panel/members/import/"
    upload = SimpleUploadedFile("members.csv", CSV.encode(), content_type="text/csv")
    response = manager.client().post(url, {"file": upload})
    assert response.status_code == 200
    assert b"2 added, 0 updated." in response.content
    assert b"4 lines refused" in response.content


def test_the_template_has_the_import_columns(manager: Persona) -> None:
    response = manager.client().get("/o/acme/panel/members/template.csv")
    assert response.status_code == 200
    assert (
        response.content.decode().lstrip("\ufeff").startswith("name,email,segment,handle,consent")
    )


def test_members_as_csv_and_xlsx(member: Persona) -> None:
    from tests.panel.helpers import member as add_member

    add_member(member.organization, "An Peeters", segment="horeca")
    csv_response = member.client().get("/o/acme/panel/members/export.csv")
    assert csv_response.status_code == 200
    text = csv_response.content.decode()
    assert "An Peeters" in text and "horeca" in text and "yes" in text

    xlsx = member.client().get("/o/acme/panel/members/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.values)  # type: ignore[union-attr]
    assert rows[0][0] == "name" and rows[1][0] == "An Peeters"
    assert member.client().get("/o/acme/panel/members/export.pdf").status_code == 404


def test_questions_with_results_and_decisions_as_csv_and_xlsx(owner: Persona) -> None:
    question = open_question(owner.organization, "Which origin?")
    services.answer_question(question, member(owner.organization), choice=0, actor=None)
    question = services.transition_question(question, "closed", actor=None)
    services.record_decision(question, decision="Sidamo", actor=None)

    text = owner.client().get("/o/acme/panel/questions/export.csv").content.decode()
    assert "Which origin?" in text
    assert "Sidamo: 1 (100%); Huila: 0 (0%)" in text
    assert ",Sidamo," in text
    xlsx = owner.client().get("/o/acme/panel/questions/export.xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)  # type: ignore[union-attr]
    assert rows[0][-1] == "what_changed" and rows[1][0] == "Which origin?"
    assert owner.client().get("/o/acme/panel/questions/export.txt").status_code == 404
