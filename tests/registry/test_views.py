"""Registry pages for the owner, a viewer and an outsider."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from socialroadmap.registry import services
from socialroadmap.registry.models import Hardware, SocialAccount, Tool
from tests.conftest import Persona
from tests.registry.helpers import safe_account

ACCOUNTS = "/o/acme/registry/"
ACCOUNT_FORM = {
    "network": "x",
    "handle": "@acme",
    "url": "https://x.com/acme",
    "purpose": "News",
    "audience": "Press",
    "owner": "An",
    "backup_owner": "",
    "two_factor": "unknown",
    "last_activity": "",
    "notes": "",
}


def test_the_empty_page_says_what_to_do(owner: Persona, member: Persona) -> None:
    response = owner.client().get(ACCOUNTS)

    assert response.status_code == 200
    assert b'data-testid="registry-empty"' in response.content
    assert b"Register the accounts one by one" in response.content
    viewer = member.client().get(ACCOUNTS)
    assert b"A conversation manager of your organisation can register" in viewer.content


def test_the_owner_registers_edits_and_deletes_an_account(owner: Persona) -> None:
    client = owner.client()

    added = client.post(f"{ACCOUNTS}accounts/add/", ACCOUNT_FORM)
    assert added.status_code == 302, added.content
    account = SocialAccount.objects.get()
    assert account.handle == "acme"
    listed = client.get(ACCOUNTS)
    assert b'data-testid="registry-health"' in listed.content
    assert b"@acme has no backup owner" in listed.content

    again = client.post(f"{ACCOUNTS}accounts/add/", ACCOUNT_FORM)
    assert again.status_code == 200
    assert b"already registered" in again.content

    edited = client.post(
        f"{ACCOUNTS}accounts/{account.pk}/", {**ACCOUNT_FORM, "backup_owner": "Bart"}
    )
    assert edited.status_code == 302
    assert SocialAccount.objects.get().backup_owner == "Bart"

    confirm = client.get(f"{ACCOUNTS}accounts/{account.pk}/delete/")
    assert b"Delete x: @acme from the registry?" in confirm.content
    assert client.post(f"{ACCOUNTS}accounts/{account.pk}/delete/").status_code == 302
    assert not SocialAccount.objects.exists()


def test_a_viewer_reads_but_cannot_change(owner: Persona, member: Persona) -> None:
    account = safe_account(owner.organization)
    client = member.client()

    listed = client.get(ACCOUNTS)
    assert listed.status_code == 200
    assert b"@acme" in listed.content
    assert b"accounts/add/" not in listed.content
    assert client.get(f"{ACCOUNTS}accounts/export/").status_code == 200
    assert client.post(f"{ACCOUNTS}accounts/add/", ACCOUNT_FORM).status_code == 403
    assert client.get(f"{ACCOUNTS}accounts/{account.pk}/").status_code == 403
    assert client.post(f"{ACCOUNTS}accounts/{account.pk}/delete/").status_code == 403
    assert client.post(f"{ACCOUNTS}tools/", {"name": "X"}).status_code == 403
    assert client.post(f"{ACCOUNTS}hardware/", {"name": "X", "kind": "phone"}).status_code == 403
    assert SocialAccount.objects.count() == 1
    assert not Tool.objects.exists()


def test_the_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    account = safe_account(owner.organization)
    client = outsider.client()

    for url in (
        ACCOUNTS,
        f"{ACCOUNTS}accounts/{account.pk}/",
        f"{ACCOUNTS}accounts/{account.pk}/delete/",
        f"{ACCOUNTS}accounts/export/",
        f"{ACCOUNTS}accounts/import/",
        f"{ACCOUNTS}tools/",
        f"{ACCOUNTS}hardware/",
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    assert SocialAccount.objects.count() == 1


def test_the_import_page_lists_refused_lines(owner: Persona) -> None:
    upload = SimpleUploadedFile(
        "accounts.csv",
        b"network,handle,two_factor\nx,acme,yes\nx,,yes\nlinkedin,acme,perhaps\n",
        content_type="text/csv",
    )

    response = owner.client().post(f"{ACCOUNTS}accounts/import/", {"file": upload})

    assert response.status_code == 200
    assert b"1 registered, 0 updated." in response.content
    assert b"2 lines refused" in response.content
    assert b"<td>3</td>" in response.content
    assert b"<td>4</td>" in response.content
    assert SocialAccount.objects.count() == 1


def test_the_import_refuses_a_file_without_the_columns(owner: Persona) -> None:
    upload = SimpleUploadedFile("a.csv", b"name\nAcme\n", content_type="text/csv")

    response = owner.client().post(f"{ACCOUNTS}accounts/import/", {"file": upload})

    assert b"the header lacks the column(s): network, handle" in response.content


def test_the_export_is_a_csv_download(owner: Persona) -> None:
    safe_account(owner.organization)

    response = owner.client().get(f"{ACCOUNTS}accounts/export/")

    assert response["Content-Type"].startswith("text/csv")
    assert "acme-accounts.csv" in response["Content-Disposition"]
    assert response.content.decode().splitlines()[1].startswith("x,acme,")


def test_the_owner_manages_tools(owner: Persona) -> None:
    client = owner.client()
    assert b"No tools registered yet" in client.get(f"{ACCOUNTS}tools/").content

    form = {"name": "Hootsuite", "vendor": "", "purpose": "", "licences": "3", "owner": ""}
    assert client.post(f"{ACCOUNTS}tools/", form).status_code == 302
    tool = Tool.objects.get()
    assert b"Hootsuite" in client.get(f"{ACCOUNTS}tools/").content
    assert client.post(f"{ACCOUNTS}tools/", form).status_code == 200  # the same name again
    edited = client.post(f"{ACCOUNTS}tools/{tool.pk}/", {**form, "renewal_date": "2027-01-31"})
    assert edited.status_code == 302
    assert str(Tool.objects.get().renewal_date) == "2027-01-31"
    assert client.get(f"{ACCOUNTS}tools/{tool.pk}/delete/").status_code == 200
    assert client.post(f"{ACCOUNTS}tools/{tool.pk}/delete/").status_code == 302
    assert not Tool.objects.exists()


def test_the_owner_manages_hardware(owner: Persona) -> None:
    client = owner.client()

    form = {"name": "Webcare phone", "kind": "phone", "assigned_to": "Team", "notes": ""}
    assert client.post(f"{ACCOUNTS}hardware/", form).status_code == 302
    device = Hardware.objects.get()
    assert b"Webcare phone" in client.get(f"{ACCOUNTS}hardware/").content
    edited = client.post(f"{ACCOUNTS}hardware/{device.pk}/", {**form, "kind": "tablet"})
    assert edited.status_code == 302
    assert Hardware.objects.get().kind == "tablet"
    assert client.post(f"{ACCOUNTS}hardware/{device.pk}/delete/").status_code == 302
    assert not Hardware.objects.exists()


def test_rows_of_another_organisation_are_404(owner: Persona, outsider: Persona) -> None:
    theirs = services.create_tool(outsider.organization, name="Theirs", actor=None)

    response = owner.client().get(f"{ACCOUNTS}tools/{theirs.pk}/")

    assert response.status_code == 404


def test_tools_due_for_renewal_or_without_owner_are_announced(owner: Persona) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from socialroadmap.registry.services import create_tool

    today = timezone.localdate()
    create_tool(
        owner.organization,
        name="Later",
        renewal_date=today + timedelta(days=90),
        owner="An",
        actor=None,
    )
    create_tool(
        owner.organization,
        name="Soon",
        renewal_date=today + timedelta(days=12),
        owner="An",
        actor=None,
    )
    create_tool(
        owner.organization,
        name="Lapsed",
        renewal_date=today - timedelta(days=3),
        owner="An",
        actor=None,
    )
    create_tool(owner.organization, name="Orphan", actor=None)

    page = owner.client().get("/o/acme/registry/tools/").content.decode()

    notices = page[
        page.index('data-testid="tool-notices"') : page.index(
            "</ul>", page.index('data-testid="tool-notices"')
        )
    ]
    assert "Later" not in notices
    assert (
        notices.index("Lapsed was due for renewal 3 days ago")
        < notices.index("Soon is due for renewal in 12 days")
        < notices.index("Orphan has no owner")
    )


def test_each_list_exports_as_csv_and_xlsx(owner: Persona, member: Persona) -> None:
    import io

    from openpyxl import load_workbook

    from socialroadmap.registry.services import create_hardware, create_tool

    create_tool(owner.organization, name="Hootsuite", licences=3, actor=None)
    create_hardware(owner.organization, name="=cmd", kind="phone", actor=None)

    tools = member.client().get("/o/acme/registry/tools/export.csv").content.decode("utf-8-sig")
    assert tools.splitlines()[:2] == [
        "name,vendor,purpose,licences,renewal_date,owner,notes",
        "Hootsuite,,,3,,,",
    ]
    xlsx = member.client().get("/o/acme/registry/hardware/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert [c.value for c in sheet[2]][:2] == ["'=cmd", "phone"]
    assert member.client().get("/o/acme/registry/secrets/export.csv").status_code == 404
    assert member.client().get("/o/acme/registry/tools/export.json").status_code == 404
