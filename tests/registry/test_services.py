"""The registry's services: create, update, delete, and the accounts' CSV."""

from __future__ import annotations

import io
from datetime import date

import pytest

from socialroadmap.core.errors import ServiceError
from socialroadmap.organizations.models import Organization
from socialroadmap.registry import services
from socialroadmap.registry.models import SocialAccount, Tool
from tests.conftest import Persona

HEADER = (
    "network,handle,url,purpose,audience,owner,backup_owner,two_factor,"
    "shared_credentials,last_activity\n"
)


def test_it_registers_an_account_and_stamps_who(owner: Persona) -> None:
    account = services.create_account(
        owner.organization, network=" X ", handle="@AcmeNews", actor=owner.user, owner="An"
    )

    assert (account.network, account.handle) == ("x", "AcmeNews")
    assert account.two_factor == "unknown"
    assert account.created_by == owner.user


def test_it_refuses_the_same_handle_twice_on_one_network(org: Organization) -> None:
    services.create_account(org, network="x", handle="acme", actor=None)

    with pytest.raises(ServiceError, match="already registered") as caught:
        services.create_account(org, network="x", handle="ACME", actor=None)
    assert caught.value.field == "handle"
    services.create_account(org, network="linkedin", handle="acme", actor=None)


def test_another_organisation_may_register_the_same_handle(
    org: Organization, other_org: Organization
) -> None:
    services.create_account(org, network="x", handle="acme", actor=None)
    services.create_account(other_org, network="x", handle="acme", actor=None)

    assert SocialAccount.objects.count() == 2


def test_it_validates_fields(org: Organization) -> None:
    with pytest.raises(ServiceError) as caught:
        services.create_account(org, network="x", handle="a", url="not a link", actor=None)
    assert caught.value.field == "url"
    with pytest.raises(ServiceError) as caught:
        services.create_account(org, network="x", handle="a", two_factor="maybe", actor=None)
    assert caught.value.field == "two_factor"
    with pytest.raises(ServiceError, match="unknown fields"):
        services.create_account(org, network="x", handle="a", password="x", actor=None)


def test_it_updates_and_deletes_an_account(owner: Persona) -> None:
    account = services.create_account(owner.organization, network="x", handle="a", actor=None)

    changed = services.update_account(
        account, {"backup_owner": "Bart", "last_activity": "2026-10-01"}, actor=owner.user
    )
    assert changed.backup_owner == "Bart"
    assert changed.last_activity == date(2026, 10, 1)
    assert changed.updated_by == owner.user
    assert services.delete_account(changed, actor=owner.user)["handle"] == "a"
    assert not SocialAccount.objects.exists()


def test_tools_have_unique_names_and_hardware_a_kind(org: Organization) -> None:
    tool = services.create_tool(org, name="Hootsuite", licences=3, actor=None)
    with pytest.raises(ServiceError, match="already a tool"):
        services.create_tool(org, name="hootsuite", actor=None)
    services.update_tool(tool, {"renewal_date": date(2027, 1, 1)}, actor=None)
    device = services.create_hardware(org, name="Webcare phone", kind="phone", actor=None)
    with pytest.raises(ServiceError):
        services.update_hardware(device, {"kind": "toaster"}, actor=None)

    services.delete_hardware(device, actor=None)
    services.delete_tool(tool, actor=None)
    assert not Tool.objects.exists()


def test_the_import_keeps_the_valid_lines_and_reports_the_bad_ones(owner: Persona) -> None:
    csv_file = io.BytesIO(
        (
            HEADER
            + "x,acme,https://x.com/acme,news,press,An,Bart,yes,no,2026-11-01\n"
            + "x,,,,,,,,,\n"
            + "linkedin,acme-be,,jobs,,An,,ja,nee,\n"
            + "facebook,acmefb,,,,,,,maybe,\n"
            + "instagram,acme.be,,,,,,,,01/11/2026\n"
        ).encode()
    )

    result = services.import_accounts_csv(owner.organization, csv_file, actor=owner.user)

    assert (result.created, result.updated) == (2, 0)
    assert [line for line, _reason in result.errors] == [3, 5, 6]
    assert "network and handle are required" in result.errors[0][1]
    assert "shared_credentials" in result.errors[1][1]
    assert "last_activity" in result.errors[2][1]
    linkedin = SocialAccount.objects.get(network="linkedin")
    assert linkedin.two_factor == "yes"
    assert linkedin.created_by == owner.user


def test_a_second_import_updates_by_network_and_handle(org: Organization) -> None:
    services.import_accounts_csv(org, io.StringIO(HEADER + "x,acme,,,,An,,no,yes,\n"), None)

    result = services.import_accounts_csv(
        org, io.StringIO("network;handle;backup_owner\nX;@ACME;Bart\n"), None
    )

    assert (result.created, result.updated, result.errors) == (0, 1, [])
    account = SocialAccount.objects.get()
    assert (account.owner, account.backup_owner, account.shared_credentials) == (
        "An",
        "Bart",
        True,
    )


def test_the_import_needs_network_and_handle_columns(org: Organization) -> None:
    with pytest.raises(ServiceError, match="handle"):
        services.import_accounts_csv(org, io.StringIO("network,owner\nx,An\n"), None)


def test_the_export_reads_back_in(org: Organization, other_org: Organization) -> None:
    services.create_account(
        org, network="x", handle="acme", shared_credentials=True, notes="a, b", actor=None
    )
    services.create_account(other_org, network="x", handle="globex", actor=None)

    exported = services.export_accounts_csv(org)

    assert "globex" not in exported
    assert exported.splitlines()[1].startswith("x,acme,")
    result = services.import_accounts_csv(org, io.StringIO(exported), None)
    assert (result.created, result.updated, result.errors) == (0, 1, [])
    assert SocialAccount.objects.get(handle="acme").notes == "a, b"


def test_the_export_writes_no_formula_and_reads_its_own_cells_back(org: Organization) -> None:
    services.create_account(
        org, network="x", handle="acme", purpose="=HYPERLINK(1)", notes="- kept", actor=None
    )

    exported = services.export_accounts_csv(org)

    assert ",'=HYPERLINK(1)," in exported and "'- kept" in exported
    services.import_accounts_csv(org, io.StringIO(exported), None)
    account = SocialAccount.objects.get(handle="acme")
    assert (account.purpose, account.notes) == ("=HYPERLINK(1)", "- kept")
