import io

from django.urls import reverse
from openpyxl import load_workbook

from tests.leverage.helpers import communication


def test_csv_export_in_the_import_columns(member, owner) -> None:
    linked = communication(owner.organization, "=Linked", linked=True, links=["hashtag"], reach=7)
    communication(owner.organization, "Plain", is_control=True, control_for=linked, cost=10)
    response = member.client().get(reverse("leverage:communications_export", args=["acme", "csv"]))
    assert response.status_code == 200
    text = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else (response.content.decode())
    )
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("name,channel,starts_on")
    assert "'=Linked,newsletter,2026-01-05,,,yes,hashtag,no,,,7" in lines[1]
    assert "Plain,newsletter,2026-01-05,,10.00,no,,yes,'=Linked" in lines[2]


def test_xlsx_export(member, owner) -> None:
    communication(owner.organization, "Newsletter", reach=7)
    response = member.client().get(reverse("leverage:communications_export", args=["acme", "xlsx"]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "name" and rows[1][0] == "Newsletter"


def test_an_unknown_format_is_404(member) -> None:
    url = reverse("leverage:communications_export", args=["acme", "pdf"])
    assert member.client().get(url).status_code == 404
