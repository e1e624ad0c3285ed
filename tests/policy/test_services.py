"""The versions' status machine, who may approve, immutability, copies, audit."""

from __future__ import annotations

import pytest

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core.errors import ServiceError
from socialroadmap.policy import services
from socialroadmap.policy.choices import VersionStatus
from socialroadmap.policy.models import PolicyVersion
from tests.conftest import Persona
from tests.policy.helpers import ANSWERS, published


def test_a_version_goes_from_draft_to_published(owner: Persona, manager: Persona) -> None:
    version = services.create_draft(owner.organization, actor=manager.user, decisions=ANSWERS)
    assert (version.number, version.status) == (1, VersionStatus.DRAFT)
    services.submit_version(version, actor=manager.user)
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_REVIEW
    assert version.submitted_by == manager.user and version.submitted_at is not None
    services.approve_version(version, actor=owner.user)
    services.publish_version(version, actor=manager.user)
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert version.approved_by == owner.user and version.published_by == manager.user
    assert services.published_version(owner.organization) == version


def test_only_an_owner_approves_or_sends_back(owner: Persona, manager: Persona) -> None:
    version = services.create_draft(owner.organization, actor=manager.user)
    services.submit_version(version, actor=manager.user)
    with pytest.raises(ServiceError, match="only an owner may approve"):
        services.approve_version(version, actor=manager.user)
    with pytest.raises(ServiceError, match="only an owner"):
        services.return_version(version, comment="no", actor=manager.user)
    with pytest.raises(ServiceError, match="only an owner"):
        services.approve_version(version, actor=None)
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_REVIEW


def test_an_owner_sends_a_version_back_with_a_comment(owner: Persona) -> None:
    version = services.create_draft(owner.organization, actor=owner.user)
    services.submit_version(version, actor=owner.user)
    with pytest.raises(ServiceError) as refused:
        services.return_version(version, comment="  ", actor=owner.user)
    assert refused.value.field == "comment"
    services.return_version(version, comment="Add the webcare team.", actor=owner.user)
    version.refresh_from_db()
    assert (version.status, version.review_comment) == (
        VersionStatus.DRAFT,
        "Add the webcare team.",
    )


def test_steps_out_of_order_are_refused(owner: Persona) -> None:
    version = services.create_draft(owner.organization, actor=owner.user)
    with pytest.raises(ServiceError, match="only a version that is in review"):
        services.approve_version(version, actor=owner.user)
    with pytest.raises(ServiceError, match="only a version that is approved"):
        services.publish_version(version, actor=owner.user)


def test_approved_and_published_versions_are_immutable(owner: Persona) -> None:
    version = published(owner)
    with pytest.raises(ServiceError, match="cannot change"):
        services.update_draft(version, {"intro_en": "Changed"}, actor=owner.user)
    with pytest.raises(ServiceError, match="cannot change"):
        services.delete_draft(version, actor=owner.user)
    in_review = services.create_draft(owner.organization, actor=owner.user)
    services.submit_version(in_review, actor=owner.user)
    with pytest.raises(ServiceError, match="send it back to draft"):
        services.update_draft(in_review, {"intro_en": "Changed"}, actor=owner.user)


def test_a_new_draft_copies_the_latest_version(owner: Persona) -> None:
    first = services.create_draft(
        owner.organization, actor=owner.user, decisions=ANSWERS, intro_en="Hello", intro_nl="Hallo"
    )
    services.submit_version(first, actor=owner.user)
    services.approve_version(first, actor=owner.user)
    second = services.create_draft(owner.organization, actor=owner.user)
    assert second.number == 2
    assert second.decisions == first.decisions
    assert (second.intro_en, second.intro_nl) == ("Hello", "Hallo")
    with pytest.raises(ServiceError, match="version 2 is still draft"):
        services.create_draft(owner.organization, actor=owner.user)


def test_publishing_supersedes_the_version_published_before(owner: Persona) -> None:
    first = published(owner)
    second = published(owner, {"working_time": {"choice": "freely"}})
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED
    assert second.status == VersionStatus.PUBLISHED
    statuses = PolicyVersion.objects.for_org(owner.organization).values_list("status", flat=True)
    assert list(statuses).count(VersionStatus.PUBLISHED) == 1


@pytest.mark.parametrize(
    ("decisions", "named"),
    [
        ({"holidays": {"choice": "no"}}, "unknown decision 'holidays'"),
        ({"working_time": {"choice": "always"}}, "working_time: unknown option 'always'"),
        ({"confidentiality": {"choice": ["customer_data", "recipes"]}}, "unknown option 'recipes'"),
        ({"working_time": {"choice": ["no", "breaks"]}}, "working_time: choose one option"),
        ({"working_time": {"addition": {"fr": "non"}}}, "unknown language"),
        ({"working_time": {"choice": "no", "when": 1}}, "unknown setting"),
        (["working_time"], "an object keyed by decision"),
    ],
)
def test_bad_decisions_are_refused_by_name(owner: Persona, decisions: object, named: str) -> None:
    with pytest.raises(ServiceError, match=named) as refused:
        services.create_draft(owner.organization, actor=owner.user, decisions=decisions)
    assert refused.value.field == "decisions"
    assert not PolicyVersion.objects.for_org(owner.organization).exists()


def test_decisions_are_stored_in_a_plain_form(owner: Persona) -> None:
    version = services.create_draft(
        owner.organization,
        actor=owner.user,
        decisions={
            "working_time": "breaks",
            "confidentiality": {"choice": ["product_plans", "customer_data"]},
        },
    )
    assert version.decisions["working_time"] == {
        "choice": "breaks",
        "addition": {"en": "", "nl": ""},
    }
    # In the file's order.
    assert version.decisions["confidentiality"]["choice"] == ["customer_data", "product_plans"]


def test_every_write_is_audited(owner: Persona, manager: Persona) -> None:
    version = services.create_draft(owner.organization, actor=manager.user, decisions=ANSWERS)
    services.update_draft(version, {"intro_en": "Why we have this policy"}, actor=manager.user)
    services.submit_version(version, actor=manager.user)
    services.approve_version(version, actor=owner.user)
    services.publish_version(version, actor=manager.user)
    entries = AuditEntry.objects.filter(organization=owner.organization, area="policy")
    actions = list(
        entries.filter(kind="policyversion").order_by("id").values_list("action", flat=True)
    )
    assert actions == ["create", "update", "update", "approve", "publish"]
    assert entries.filter(kind="policy", action="create").exists()
    update = entries.filter(kind="policyversion", action="update").order_by("id").first()
    assert update is not None and update.changes["intro_en"] == ["", "Why we have this policy"]


def test_the_title_changes_in_both_languages(owner: Persona) -> None:
    policy = services.ensure_policy(owner.organization, actor=owner.user)
    services.update_policy(policy, {"title_nl": "Gespreksgids"}, actor=owner.user)
    policy.refresh_from_db()
    assert (policy.title_en, policy.title_nl) == ("Social media policy", "Gespreksgids")
    with pytest.raises(ServiceError) as refused:
        services.update_policy(policy, {"title_en": " "}, actor=owner.user)
    assert refused.value.field == "title_en"


def test_a_draft_can_be_deleted(owner: Persona) -> None:
    version = services.create_draft(owner.organization, actor=owner.user)
    services.delete_draft(version, actor=owner.user)
    assert not PolicyVersion.objects.filter(pk=version.pk).exists()
    assert AuditEntry.objects.filter(kind="policyversion", action="delete").exists()
