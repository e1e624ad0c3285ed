from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.core.errors import ServiceError
from socialroadmap.organizations import services
from socialroadmap.organizations.choices import Capability, Role
from socialroadmap.organizations.models import Invitation, Membership, Organization
from tests.conftest import Persona


@pytest.mark.django_db
def test_the_creator_of_an_organisation_becomes_its_owner() -> None:
    user = User.objects.create_user("eva@consult.test", "x-Long-passw0rd")
    organization = services.create_organization("client-a", "Client A", actor=user)
    membership = Membership.objects.for_org(organization).get()
    assert (membership.user, membership.role) == (user, Role.OWNER)
    assert organization.created_by == user


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["", "Has Space", "-dash", "dash-", "x" * 51, "émile"])
def test_it_refuses_bad_short_names(slug: str) -> None:
    with pytest.raises(ServiceError) as caught:
        services.create_organization(slug, "Name")
    assert caught.value.field == "slug"
    assert not Organization.objects.exists()


def test_it_refuses_a_second_organisation_with_the_same_short_name(org: Organization) -> None:
    with pytest.raises(ServiceError, match="already exists"):
        services.create_organization("acme", "Another")


def test_it_refuses_an_unknown_role(org: Organization) -> None:
    with pytest.raises(ServiceError, match="unknown role 'admin'"):
        services.parse_role("admin")


def test_roles_are_ordered_by_what_they_may_do() -> None:
    assert Role.VIEWER.allows(Capability.VIEW)
    assert not Role.VIEWER.allows(Capability.CONTRIBUTE)
    assert Role.CONTRIBUTOR.allows(Capability.CONTRIBUTE)
    assert not Role.CONTRIBUTOR.allows(Capability.MANAGE)
    assert Role.MANAGER.allows(Capability.MANAGE)
    assert not Role.MANAGER.allows(Capability.ADMINISTER)
    assert Role.OWNER.allows(Capability.ADMINISTER)


def test_a_person_may_belong_to_several_organisations(
    owner: Persona, other_org: Organization
) -> None:
    services.add_member(other_org, owner.user, Role.MANAGER)
    assert Membership.objects.filter(user=owner.user).count() == 2
    with pytest.raises(ServiceError, match="already a member"):
        services.add_member(other_org, owner.user, Role.VIEWER)


def test_the_last_owner_keeps_the_role(owner: Persona) -> None:
    membership = Membership.objects.get(user=owner.user)
    with pytest.raises(ServiceError, match="at least one owner"):
        services.change_member_role(membership, Role.VIEWER, actor=owner.user)
    with pytest.raises(ServiceError, match="last owner"):
        services.remove_member(membership, actor=owner.user)
    assert Membership.objects.get(pk=membership.pk).role == Role.OWNER


def test_an_owner_may_step_down_when_another_owner_remains(
    owner: Persona, manager: Persona
) -> None:
    other = Membership.objects.get(user=manager.user)
    services.change_member_role(other, Role.OWNER, actor=owner.user)
    mine = Membership.objects.get(user=owner.user)
    services.change_member_role(mine, Role.VIEWER, actor=owner.user)
    assert Membership.objects.get(pk=mine.pk).role == Role.VIEWER
    assert Membership.objects.get(pk=other.pk).updated_by == owner.user


def test_inviting_a_known_person_adds_them_at_once(owner: Persona, outsider: Persona) -> None:
    result = services.invite_member(
        owner.organization, "OUTSIDER@globex.test", "viewer", actor=owner.user
    )
    assert result.membership is not None
    assert result.invitation is None
    assert result.membership.role == Role.VIEWER


def test_inviting_a_new_person_sends_a_link(
    owner: Persona, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = services.invite_member(
            owner.organization, "new@acme.test", "contributor", actor=owner.user
        )
    assert result.invitation is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@acme.test"]
    assert result.link in mail.outbox[0].body
    assert "Acme Benelux" in mail.outbox[0].subject
    assert result.invitation.key_hash not in result.link


def test_an_invitation_works_once(owner: Persona) -> None:
    result = services.invite_member(
        owner.organization, "new@acme.test", "contributor", actor=owner.user
    )
    key = result.link.rstrip("/").rsplit("/", 1)[-1]
    membership = services.accept_invitation(key, password="Welcome-t0-acme!", full_name="Nina New")
    assert membership.role == Role.CONTRIBUTOR
    assert membership.user.check_password("Welcome-t0-acme!")
    with pytest.raises(ServiceError, match="used already"):
        services.accept_invitation(key, password="Welcome-t0-acme!")


def test_an_expired_or_withdrawn_invitation_is_refused(owner: Persona) -> None:
    result = services.invite_member(
        owner.organization, "late@acme.test", "viewer", actor=owner.user
    )
    key = result.link.rstrip("/").rsplit("/", 1)[-1]
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ServiceError):
        services.accept_invitation(key, password="Welcome-t0-acme!")
    assert not User.objects.filter(email="late@acme.test").exists()


def test_accepting_with_a_weak_password_creates_nothing(owner: Persona) -> None:
    result = services.invite_member(
        owner.organization, "weak@acme.test", "viewer", actor=owner.user
    )
    key = result.link.rstrip("/").rsplit("/", 1)[-1]
    with pytest.raises(ServiceError):
        services.accept_invitation(key, password="123")
    assert not User.objects.filter(email="weak@acme.test").exists()
    assert Invitation.objects.get().is_open
