"""Writes of the leverage app: the communications with their outcomes. Every write goes
through these functions and leaves an audit entry in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction

from socialroadmap.accounts.models import User
from socialroadmap.audit import services as audit
from socialroadmap.audit.models import Action
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.saving import check_row, save_unique, set_fields
from socialroadmap.leverage.choices import SocialLink
from socialroadmap.leverage.models import MAX_COUNT, Communication
from socialroadmap.organizations.models import Organization

COMMUNICATION_FIELDS = (
    "name",
    "channel",
    "starts_on",
    "ends_on",
    "cost",
    "linked",
    "links",
    "is_control",
    "control_for",
    "notes",
    "reach",
    "visits",
    "leads",
    "sales",
    "revenue",
)
COUNTS = ("reach", "visits", "leads", "sales")
MONEY = ("cost", "revenue")
MAX_MONEY = Decimal("9999999999.99")


def _check_numbers(row: Communication) -> None:
    for name in COUNTS:
        value = getattr(row, name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise ServiceError(f"{name}: give a whole number, not {value!r}", field=name)
        if value is not None and not 0 <= value <= MAX_COUNT:
            raise ServiceError(f"{name}: give a number from 0 to {MAX_COUNT}", field=name)
    for name in MONEY:
        value = getattr(row, name)
        if value is None:
            continue
        try:
            amount = Decimal(str(value))
        except ArithmeticError as error:
            raise ServiceError(
                f"{name}: give an amount in euro, not {value!r}", field=name
            ) from error
        if not amount.is_finite() or not 0 <= amount <= MAX_MONEY:
            raise ServiceError(f"{name}: give an amount in euro of 0 or more", field=name)
        setattr(row, name, amount.quantize(Decimal("0.01")))


def _check_links(row: Communication) -> None:
    links = row.links if row.links is not None else []
    if not isinstance(links, list | tuple):
        raise ServiceError("links: give a list of links", field="links")
    unknown = [str(link) for link in links if link not in SocialLink.values]
    if unknown:
        raise ServiceError(
            f"links: unknown link(s) {', '.join(unknown)} "
            f"(choose from {', '.join(SocialLink.values)})",
            field="links",
        )
    if links and not row.linked:
        raise ServiceError(
            "links: only a communication linked to the social platforms has links", field="links"
        )
    row.links = [value for value in SocialLink.values if value in links]


def _check_control(row: Communication) -> None:
    if row.is_control and row.linked:
        raise ServiceError(
            "is_control: a control is the communication without the social link", field="is_control"
        )
    target = row.control_for
    if target is None:
        return
    if not row.is_control:
        raise ServiceError(
            "control_for: only a control is compared with another", field="control_for"
        )
    if target.organization_id != row.organization_id:
        raise ServiceError("control_for: no such communication", field="control_for")
    if row.pk is not None and target.pk == row.pk:
        raise ServiceError(
            "control_for: a communication is not its own control", field="control_for"
        )
    if not target.linked:
        raise ServiceError(
            f"control_for: {target.name} is not linked to the social platforms",
            field="control_for",
        )


def _apply(row: Communication, changes: Mapping[str, Any]) -> None:
    if "linked" in changes and not changes["linked"] and "links" not in changes:
        changes = {**changes, "links": []}  # unlinking drops the links that went with it
    set_fields(row, changes, COMMUNICATION_FIELDS)
    if row.links is None:
        row.links = []
    _check_numbers(row)
    _check_links(row)
    check_row(row, exclude=["control_for", "links"])
    if row.ends_on is not None and row.ends_on < row.starts_on:
        raise ServiceError("ends_on: the end date comes before the start date", field="ends_on")
    _check_control(row)


def _save(row: Communication, actor: User | None) -> Communication:
    same = Communication.objects.for_org(row.organization).filter(name__iexact=row.name)
    taken = f"name: there is already a communication named {row.name}"
    return save_unique(row, actor, same, taken, field="name")


@transaction.atomic
def create_communication(
    organization: Organization,
    *,
    name: str,
    starts_on: Any,
    actor: User | None,
    action: Action = Action.CREATE,
    **fields: Any,
) -> Communication:
    """Register a communication; ``fields``: any other of ``COMMUNICATION_FIELDS``."""
    row = Communication(organization=organization)
    _apply(row, {"name": name, "starts_on": starts_on, **fields})
    row = _save(row, actor)
    audit.record(organization, actor, action, row, audit.snapshot(row, COMMUNICATION_FIELDS))
    return row


@transaction.atomic
def update_communication(
    row: Communication,
    changes: Mapping[str, Any],
    *,
    actor: User | None,
    action: Action = Action.UPDATE,
) -> Communication:
    """Change any of ``COMMUNICATION_FIELDS``. A communication that stops being linked
    loses its controls' pairing (they stay, as ordinary unlinked ones)."""
    row = Communication.objects.select_for_update().get(pk=row.pk)
    before = audit.snapshot(row, COMMUNICATION_FIELDS)
    _apply(row, changes)
    if not row.linked and row.controls.exists():
        raise ServiceError(
            "linked: this communication has a control; remove the pairing first", field="linked"
        )
    row = _save(row, actor)
    changed = audit.diff(before, audit.snapshot(row, COMMUNICATION_FIELDS))
    if action == Action.UPDATE or changed:
        audit.record(row.organization, actor, action, row, changed)
    return row


def what_goes_with(row: Communication) -> list[Communication]:
    """The controls that lose their pairing when ``row`` goes."""
    return list(row.controls.order_by("name"))


@transaction.atomic
def delete_communication(row: Communication, *, actor: User | None) -> dict[str, Any]:
    """Remove the communication; its controls stay, unpaired. Returns what was deleted."""
    controls = [c.name for c in what_goes_with(row)]
    gone = {"id": row.pk, "name": row.name, "unpaired_controls": controls}
    audit.record(row.organization, actor, Action.DELETE, row, {"unpaired_controls": controls})
    row.delete()
    return gone
