"""Writes for organisations, members and invitations. Views, API and CLI call these."""

from __future__ import annotations

import logging
import secrets
import shutil
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from socialroadmap.accounts.models import User, hash_token
from socialroadmap.accounts.services import create_user, normalize_email
from socialroadmap.core.departments import Department
from socialroadmap.core.errors import NotFound, ServiceError
from socialroadmap.core.jobs import enqueue
from socialroadmap.organizations.choices import Role
from socialroadmap.organizations.models import (
    INVITATION_LIFETIME,
    Invitation,
    Membership,
    Organization,
    slug_validator,
)

logger = logging.getLogger(__name__)


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError as exc:
        choices = ", ".join(Role.values)
        raise ServiceError(f"unknown role '{value}' (choose {choices})", field="role") from exc


def find_organization(slug: str) -> Organization:
    try:
        return Organization.objects.get(slug=slug)
    except Organization.DoesNotExist as exc:
        raise NotFound(f"no organisation with short name '{slug}'", field="org") from exc


@transaction.atomic
def create_organization(slug: str, name: str, *, actor: User | None = None) -> Organization:
    """Create an organisation; ``actor``, when given, becomes its first owner."""
    slug = slug.strip().lower()
    try:
        slug_validator(slug)
    except ValidationError as exc:
        raise ServiceError(
            f"'{slug}' is not a valid short name: {exc.messages[0]}", field="slug"
        ) from exc
    if not name.strip():
        raise ServiceError("the organisation needs a name", field="name")
    if Organization.objects.filter(slug=slug).exists():
        raise ServiceError(f"an organisation with short name '{slug}' already exists", field="slug")
    organization = Organization(slug=slug, name=name.strip())
    organization.stamp(actor)
    organization.save()
    if actor is not None:
        add_member(organization, actor, Role.OWNER, actor=actor)
    return organization


@transaction.atomic
def add_member(
    organization: Organization, user: User, role: Role | str, *, actor: User | None = None
) -> Membership:
    """Give ``user`` a role in ``organization``; a second call is an error, not a change."""
    role = parse_role(role)
    membership = Membership(organization=organization, user=user, role=role)
    membership.stamp(actor)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:
        raise ServiceError(
            f"{user.email} is already a member of {organization.slug}", field="email"
        ) from exc
    return membership


def _owners_left_without(membership: Membership) -> int:
    return (
        Membership.objects.for_org(membership.organization)
        .filter(role=Role.OWNER)
        .exclude(pk=membership.pk)
        .count()
    )


@transaction.atomic
def change_member_role(
    membership: Membership, role: Role | str, *, actor: User | None
) -> Membership:
    """Change a member's role; an organisation always keeps at least one owner."""
    role = parse_role(role)
    Membership.objects.select_for_update().filter(organization=membership.organization).exists()
    if (
        membership.role == Role.OWNER
        and role != Role.OWNER
        and not _owners_left_without(membership)
    ):
        raise ServiceError("an organisation needs at least one owner", field="role")
    membership.role = role
    membership.stamp(actor)
    membership.save(update_fields=["role", "updated_at", "updated_by"])
    return membership


def set_member_department(
    membership: Membership, department: str, *, actor: User | None
) -> Membership:
    """Set the department a member leads (``""`` for none)."""
    if department and department not in Department.values:
        raise ServiceError(f"unknown department {department!r}", field="department")
    membership.department = department
    membership.stamp(actor)
    membership.save(update_fields=["department", "updated_at", "updated_by"])
    return membership


@transaction.atomic
def remove_member(membership: Membership, *, actor: User | None) -> None:
    """Take a person out of an organisation; the last owner cannot be removed."""
    Membership.objects.select_for_update().filter(organization=membership.organization).exists()
    if membership.role == Role.OWNER and not _owners_left_without(membership):
        raise ServiceError("the last owner cannot be removed", field="role")
    user = membership.user
    membership.delete()
    if user.last_organization_id == membership.organization_id:
        user.last_organization = None
        user.save(update_fields=["last_organization"])


@dataclass
class InvitationResult:
    """Either an existing user was added (``membership``) or an invitation was made."""

    membership: Membership | None = None
    invitation: Invitation | None = None
    link: str = ""


def invitation_link(raw_key: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("accept_invitation", args=[raw_key])


@transaction.atomic
def invite_member(
    organization: Organization, email: str, role: Role | str, *, actor: User | None
) -> InvitationResult:
    """Add a known person at once, or invite a new one by e-mail (link valid 14 days)."""
    email = normalize_email(email)
    role = parse_role(role)
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        return InvitationResult(membership=add_member(organization, existing, role, actor=actor))
    raw = secrets.token_urlsafe(32)
    invitation = Invitation(
        organization=organization,
        email=email,
        role=role,
        key_hash=hash_token(raw),
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    invitation.stamp(actor)
    invitation.save()
    link = invitation_link(raw)
    from socialroadmap.organizations.tasks import send_invitation_email

    enqueue(send_invitation_email, invitation.pk, link)
    return InvitationResult(invitation=invitation, link=link)


def find_open_invitation(raw_key: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("organization")
        .filter(key_hash=hash_token(raw_key))
        .first()
    )
    if invitation is None or not invitation.is_open:
        raise NotFound("this invitation does not exist, was used already or has expired")
    return invitation


@transaction.atomic
def accept_invitation(
    raw_key: str, *, user: User | None = None, password: str = "", full_name: str = ""
) -> Membership:
    """Accept an invitation as a logged-in ``user``, or create the invited account."""
    invitation = find_open_invitation(raw_key)
    Invitation.objects.select_for_update().filter(pk=invitation.pk).exists()
    if user is not None and user.email != invitation.email:
        raise ServiceError(
            f"this invitation is for {invitation.email}; log out and accept it as that person",
            field="email",
        )
    if user is None:
        if not password:
            raise ServiceError("choose a password", field="password")
        user = create_user(invitation.email, password=password, full_name=full_name)
    membership = add_member(
        invitation.organization, user, invitation.role, actor=invitation.created_by
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


def revoke_invitation(invitation: Invitation, *, actor: User | None) -> None:
    if invitation.revoked_at is None and invitation.accepted_at is None:
        invitation.revoked_at = timezone.now()
        invitation.stamp(actor)
        invitation.save(update_fields=["revoked_at", "updated_at", "updated_by"])


def remember_organization(user: User, organization: Organization) -> None:
    """Home opens the organisation a person worked in last (the switcher sets it)."""
    if user.last_organization_id != organization.pk:
        user.last_organization = organization
        user.save(update_fields=["last_organization"])


def organization_rows(organization: Organization) -> list[tuple[str, int]]:
    """What deleting the organisation would remove: (kind of row, count) per model with
    rows, in the reader's language, most first."""
    from socialroadmap.portability.catalog import catalog

    rows = []
    for label, count in catalog().counts(organization).items():
        if count:
            model = apps.get_model(label)
            rows.append((str(model._meta.verbose_name_plural), count))
    rows.sort(key=lambda row: (-row[1], row[0]))
    return rows


@transaction.atomic
def delete_organization(organization: Organization, *, actor: User | None) -> dict[str, int]:
    """Delete the organisation and every row of its data; return the rows per model.

    Model by model, children before their parents (a plain cascade would stop at keys
    that protect a row, such as an escalation rule's responsible team member). The
    people stay: they may belong to other organisations. Uploaded files of the
    organisation in the data directory go once the transaction has committed. Only an
    owner may do this; ``actor=None`` is the system (the CLI).
    """
    from socialroadmap.portability.catalog import (
        ORGANIZATION_LABEL,
        catalog,
        dependency_order,
        upload_folders,
    )

    if actor is not None and not (
        Membership.objects.for_org(organization).filter(user=actor, role=Role.OWNER).exists()
    ):
        raise ServiceError("only an owner may delete the organisation")
    found = catalog()
    counts = found.counts(organization)
    order, _deferred = dependency_order(found.exported)
    folders = upload_folders(organization.pk)
    for model in reversed(order):
        found.rows(model, organization).delete()
    organization.delete()
    counts[ORGANIZATION_LABEL] = 1

    def remove_uploads() -> None:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)

    transaction.on_commit(remove_uploads)
    logger.info(
        "organisation %s deleted by %s: %s rows",
        organization.slug,
        actor.email if actor is not None else "the system",
        sum(counts.values()),
    )
    return counts
