"""The policy pages per persona: the owner approves, the manager builds and publishes,
a viewer reads and acknowledges, an outsider gets 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialroadmap.internalscan.services import create_employee
from socialroadmap.policy import services
from socialroadmap.policy.choices import VersionStatus
from socialroadmap.policy.models import Acknowledgement, PolicyVersion
from tests.conftest import Persona
from tests.policy.helpers import published


def url(name: str, *args: object) -> str:
    return reverse(f"policy:{name}", args=["acme", *args])


def builder_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title_en": "Conversation guide",
        "title_nl": "Gespreksgids",
        "d_working_time": "work_related",
        "a_working_time_en": "Within reason.",
        "d_confidentiality": ["customer_data", "product_plans"],
        "d_disclosure": "required",
    }
    data.update(overrides)
    return data


def test_an_empty_overview_says_what_to_do(manager: Persona, member: Persona) -> None:
    page = manager.client().get(url("overview"))
    assert page.status_code == 200
    assert b"No policy published yet" in page.content and b"Build the policy" in page.content
    viewer = member.client().get(url("overview"))
    assert b"A conversation manager of your organisation can build the policy" in viewer.content
    assert b"Build the policy" not in viewer.content


def test_a_manager_builds_and_submits_a_draft(manager: Persona) -> None:
    client = manager.client()
    response = client.post(url("version_new"))
    version = PolicyVersion.objects.get()
    assert response.url == url("version_edit", version.pk)
    assert b"Is social media expertise a recruitment criterion?" in client.get(response.url).content
    saved = client.post(url("version_edit", version.pk), builder_data())
    assert saved.status_code == 302
    version.refresh_from_db()
    assert version.decisions["working_time"]["choice"] == "work_related"
    assert version.decisions["working_time"]["addition"]["en"] == "Within reason."
    assert version.decisions["confidentiality"]["choice"] == ["customer_data", "product_plans"]
    assert version.decisions["evaluation"]["choice"] is None
    assert version.policy.title_nl == "Gespreksgids"
    page = client.get(url("version", version.pk))
    assert b"for their work" in page.content and b"Submit for approval" in page.content
    client.post(url("version_submit", version.pk))
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_REVIEW
    page = client.get(url("version", version.pk))
    assert b"Waiting for an owner" in page.content


def test_a_bad_option_is_shown_at_its_question(manager: Persona) -> None:
    version = services.create_draft(manager.organization, actor=manager.user)
    page = manager.client().post(
        url("version_edit", version.pk), builder_data(d_working_time="always")
    )
    assert page.status_code == 200
    assert b"Select a valid choice" in page.content


def test_only_the_owner_approves_and_sends_back(owner: Persona, manager: Persona) -> None:
    version = services.create_draft(owner.organization, actor=manager.user)
    services.submit_version(version, actor=manager.user)
    assert manager.client().post(url("version_approve", version.pk)).status_code == 403
    page = owner.client().get(url("version", version.pk))
    assert b"Approve" in page.content and b"Send back to draft" in page.content
    owner.client().post(url("version_return", version.pk), {"comment": "Add the shop staff."})
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert b"Add the shop staff." in manager.client().get(url("version", version.pk)).content
    services.submit_version(version, actor=manager.user)
    owner.client().post(url("version_approve", version.pk))
    manager.client().post(url("version_publish", version.pk))
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED


def test_an_approved_version_cannot_be_edited(owner: Persona) -> None:
    version = published(owner)
    response = owner.client().get(url("version_edit", version.pk), follow=True)
    assert b"Only a draft can be edited." in response.content


def test_a_viewer_reads_and_acknowledges(owner: Persona, member: Persona) -> None:
    published(owner)
    client = member.client()
    page = client.get(url("overview"))
    assert b"I have read and accept this policy" in page.content
    assert b"In breaks" not in page.content  # the option's label is not the policy's text
    assert b"during their breaks" in page.content
    client.post(url("acknowledge"))
    client.post(url("acknowledge"))
    assert Acknowledgement.objects.filter(user=member.user).count() == 1
    page = client.get(url("overview"))
    assert b"You acknowledged this version on" in page.content
    for name in ("version_new",):
        assert client.post(url(name)).status_code == 403


def test_the_overview_speaks_dutch_on_request(owner: Persona) -> None:
    published(owner)
    page = owner.client().get(url("overview") + "?lang=nl")
    assert b"tijdens hun pauzes" in page.content


def test_the_version_page_shows_what_changed(owner: Persona) -> None:
    published(owner)
    draft = services.create_draft(owner.organization, actor=owner.user)
    services.update_draft(
        draft,
        {"decisions": {**draft.decisions, "disclosure": {"choice": "recommended"}}},
        actor=owner.user,
    )
    page = owner.client().get(url("version", draft.pk))
    assert b"Changes since version 1" in page.content
    assert b"Personal accounts and disclosure" in page.content


@pytest.mark.parametrize(("fmt", "kind"), [("md", "text/markdown"), ("pdf", "application/pdf")])
def test_the_document_downloads(owner: Persona, member: Persona, fmt: str, kind: str) -> None:
    version = published(owner)
    response = member.client().get(url("version_document", version.pk, fmt) + "?lang=nl")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(kind)
    assert "policy-v1-nl" in response["Content-Disposition"]
    assert member.client().get(url("version_document", version.pk, "doc")).status_code == 404


def test_the_acknowledgements_page_shows_shares_and_records(
    owner: Persona, manager: Persona
) -> None:
    published(owner)
    an = create_employee(owner.organization, full_name="An Peeters", department="HR", actor=None)
    create_employee(owner.organization, full_name="Bert Maes", department=" hr", actor=None)
    client = manager.client()
    page = client.get(url("acknowledgements"))
    assert b"0/2" in page.content and b"An Peeters (HR)" in page.content
    client.post(url("acknowledgements"), {"employees": [an.pk]})
    page = client.get(url("acknowledgements"))
    assert b"1/2" in page.content


def test_a_viewer_cannot_record_or_import(owner: Persona, member: Persona) -> None:
    published(owner)
    an = create_employee(owner.organization, full_name="An Peeters", department="HR", actor=None)
    client = member.client()
    assert client.post(url("acknowledgements"), {"employees": [an.pk]}).status_code == 403
    assert client.get(url("acknowledgements_import")).status_code == 403
    assert b"Record acknowledgements" not in client.get(url("acknowledgements")).content


def test_the_import_page_reports_refused_lines(owner: Persona) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    published(owner)
    create_employee(owner.organization, full_name="An Peeters", department="HR", actor=None)
    upload = SimpleUploadedFile("a.csv", b"name,department\nAn Peeters,HR\nNobody,HR\n")
    page = owner.client().post(url("acknowledgements_import"), {"file": upload})
    assert b"1 recorded, 0 already recorded." in page.content
    assert b"no one on the roster is called Nobody in HR" in page.content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_acknowledgements_export(owner: Persona, member: Persona, fmt: str) -> None:
    published(owner)
    create_employee(owner.organization, full_name="An Peeters", department="HR", actor=None)
    services.acknowledge(owner.organization, actor=member.user)
    response = owner.client().get(url("acknowledgements_export", fmt))
    assert response.status_code == 200
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        assert text.splitlines()[0] == "version,name,department,email,acknowledged_at,source"
        assert "member@acme.test" in text
    else:
        assert response.content.startswith(b"PK")
    assert owner.client().get(url("acknowledgements_export", "pdf")).status_code == 404


def test_an_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    version = published(owner)
    client = outsider.client()
    for path in (url("overview"), url("version", version.pk), url("acknowledgements")):
        assert client.get(path).status_code == 404
    assert client.post(url("acknowledge")).status_code == 404
    assert not Acknowledgement.objects.exists()


def test_a_second_draft_is_refused_and_a_draft_is_deleted_after_confirmation(
    manager: Persona,
) -> None:
    client = manager.client()
    client.post(url("version_new"))
    version = PolicyVersion.objects.get()
    refused = client.post(url("version_new"), follow=True)
    assert b"version 1 is still draft: finish it first" in refused.content
    confirm = client.get(url("version_delete", version.pk))
    assert b"Delete the draft of version 1?" in confirm.content
    client.post(url("version_delete", version.pk))
    assert not PolicyVersion.objects.exists()
