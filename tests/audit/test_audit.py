"""The audit log: entries written with the change, read by owners only."""

from __future__ import annotations

import io

import pytest
from django.db import transaction
from openpyxl import load_workbook

from socialroadmap.audit.models import AuditEntry
from socialroadmap.audit.services import diff, record, snapshot
from socialroadmap.registry import services as registry
from tests.conftest import Persona


def test_registry_changes_are_recorded_with_who_and_what(owner: Persona) -> None:
    org = owner.organization
    account = registry.create_account(org, network="x", handle="acme", actor=owner.user)
    registry.update_account(account, {"owner": "An", "two_factor": "yes"}, actor=owner.user)
    pk = account.pk
    registry.delete_account(account, actor=None)

    created, changed, deleted = AuditEntry.objects.for_org(org).order_by("id")
    assert (created.action, created.area, created.kind, created.label) == (
        "create",
        "registry",
        "socialaccount",
        str(account),
    )
    assert created.changes["handle"] == "acme"
    assert changed.changes == {"owner": ["", "An"], "two_factor": ["unknown", "yes"]}
    assert (deleted.action, deleted.actor, deleted.actor_label) == ("delete", None, "system")
    assert deleted.object_id == str(pk)


def _create_then_fail(owner: Persona) -> None:
    with transaction.atomic():
        registry.create_tool(owner.organization, name="Hootsuite", actor=owner.user)
        raise RuntimeError("the request failed later")


def test_a_change_that_is_rolled_back_leaves_no_entry(owner: Persona) -> None:
    with pytest.raises(RuntimeError):
        _create_then_fail(owner)

    assert not AuditEntry.objects.exists()


def test_an_update_without_changes_writes_nothing(owner: Persona) -> None:
    tool = registry.create_tool(owner.organization, name="Hootsuite", actor=owner.user)
    before = snapshot(tool, ("name", "licences"))

    assert diff(before, snapshot(tool, ("name", "licences"))) == {}
    assert record(owner.organization, owner.user, "update", tool, {}) is None
    assert AuditEntry.objects.count() == 1


def test_only_owners_read_the_log(
    owner: Persona, manager: Persona, member: Persona, outsider: Persona
) -> None:
    registry.create_tool(owner.organization, name="Hootsuite", actor=manager.user)

    page = owner.client().get("/o/acme/audit/")
    assert page.status_code == 200
    assert b"manager@acme.test" in page.content and b"Hootsuite" in page.content
    assert manager.client().get("/o/acme/audit/").status_code == 403
    assert member.client().get("/o/acme/audit/").status_code == 403
    assert outsider.client().get("/o/acme/audit/").status_code == 404
    api = owner.api().get("/api/v1/organizations/acme/audit/?area=registry").json()
    assert [e["object"] for e in api["results"]] == ["Hootsuite"]
    assert owner.api().get("/api/v1/organizations/acme/audit/?area=roadmap").json()["count"] == 0
    assert manager.api().get("/api/v1/organizations/acme/audit/").status_code == 403
    assert outsider.api().get("/api/v1/organizations/acme/audit/").status_code == 404


def test_the_log_downloads_as_csv_and_xlsx(owner: Persona) -> None:
    registry.create_tool(owner.organization, name="=HYPERLINK()", actor=owner.user)

    csv = owner.client().get("/o/acme/audit/export.csv")
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0] == "at,who,action,area,kind,object_id,object,changes"
    assert ",'=HYPERLINK()," in text  # no formula reaches the spreadsheet
    xlsx = owner.client().get("/o/acme/audit/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet.cell(row=2, column=2).value == "owner@acme.test"
    assert owner.client().get("/o/acme/audit/export.pdf").status_code == 404


def test_the_empty_log_says_what_it_will_hold(owner: Persona) -> None:
    page = owner.client().get("/o/acme/audit/")

    assert b'data-testid="audit-empty"' in page.content
