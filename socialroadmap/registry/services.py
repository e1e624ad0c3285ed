"""Writes of the registry: accounts, tools and hardware, and the accounts' CSV import
and export. Every write goes through these functions."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any, TypeVar

from django.db import transaction

from socialroadmap.accounts.models import User
from socialroadmap.audit import services as audit
from socialroadmap.audit.models import Action
from socialroadmap.core.csvfiles import csv_rows, csv_text, dict_reader
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.exports import guard, unguard
from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.core.saving import check_row, save_unique, set_fields
from socialroadmap.organizations.models import Organization
from socialroadmap.registry.choices import TwoFactor
from socialroadmap.registry.models import Hardware, SocialAccount, Tool

ACCOUNT_FIELDS = (
    "network",
    "handle",
    "url",
    "purpose",
    "audience",
    "owner",
    "backup_owner",
    "two_factor",
    "shared_credentials",
    "last_activity",
    "notes",
)
TOOL_FIELDS = ("name", "vendor", "purpose", "licences", "renewal_date", "owner", "notes")
HARDWARE_FIELDS = ("name", "kind", "assigned_to", "notes")
# The columns of the accounts' CSV file; network and handle are required.
CSV_COLUMNS = ACCOUNT_FIELDS
REQUIRED_COLUMNS = ("network", "handle")
MAX_IMPORT_ROWS = 5000

YES = frozenset({"yes", "y", "ja", "j", "true", "1", "x"})
NO = frozenset({"no", "n", "nee", "false", "0"})

Row = TypeVar("Row", bound=OrganizationOwnedModel)


def _apply(row: Row, changes: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    """Set the given fields and check them with the model's own validation."""
    set_fields(row, changes, allowed)
    if isinstance(row, SocialAccount):
        row.network = row.network.lower()
        row.handle = row.handle.lstrip("@").strip()
    check_row(row)


# --- accounts -------------------------------------------------------------------------


def _save_account(account: SocialAccount, actor: User | None) -> SocialAccount:
    same = SocialAccount.objects.for_org(account.organization).filter(
        network=account.network, handle__iexact=account.handle
    )
    taken = f"@{account.handle} on {account.network} is already registered"
    return save_unique(account, actor, same, taken, field="handle")


@transaction.atomic
def create_account(
    organization: Organization, *, network: str, handle: str, actor: User | None, **fields: Any
) -> SocialAccount:
    """Register an account; ``fields``: any other of ``ACCOUNT_FIELDS``."""
    account = SocialAccount(organization=organization)
    _apply(account, {"network": network, "handle": handle, **fields}, ACCOUNT_FIELDS)
    account = _save_account(account, actor)
    audit.record(
        organization, actor, Action.CREATE, account, audit.snapshot(account, ACCOUNT_FIELDS)
    )
    return account


@transaction.atomic
def update_account(
    account: SocialAccount, changes: Mapping[str, Any], *, actor: User | None
) -> SocialAccount:
    """Change any of ``ACCOUNT_FIELDS`` of the account."""
    account = SocialAccount.objects.select_for_update().get(pk=account.pk)
    before = audit.snapshot(account, ACCOUNT_FIELDS)
    _apply(account, changes, ACCOUNT_FIELDS)
    account = _save_account(account, actor)
    after = audit.snapshot(account, ACCOUNT_FIELDS)
    audit.record(account.organization, actor, Action.UPDATE, account, audit.diff(before, after))
    return account


@transaction.atomic
def delete_account(account: SocialAccount, *, actor: User | None) -> dict[str, Any]:
    """Remove the account from the registry; returns what was deleted."""
    gone = {"id": account.pk, "network": account.network, "handle": account.handle}
    audit.record(account.organization, actor, Action.DELETE, account)
    account.delete()
    return gone


# --- tools and hardware ---------------------------------------------------------------


def _save_tool(tool: Tool, actor: User | None) -> Tool:
    same = Tool.objects.for_org(tool.organization).filter(name__iexact=tool.name)
    return save_unique(
        tool, actor, same, f"there is already a tool named {tool.name}", field="name"
    )


@transaction.atomic
def create_tool(
    organization: Organization, *, name: str, actor: User | None, **fields: Any
) -> Tool:
    """Register a tool; ``fields``: any other of ``TOOL_FIELDS``."""
    tool = Tool(organization=organization)
    _apply(tool, {"name": name, **fields}, TOOL_FIELDS)
    tool = _save_tool(tool, actor)
    audit.record(organization, actor, Action.CREATE, tool, audit.snapshot(tool, TOOL_FIELDS))
    return tool


@transaction.atomic
def update_tool(tool: Tool, changes: Mapping[str, Any], *, actor: User | None) -> Tool:
    tool = Tool.objects.select_for_update().get(pk=tool.pk)
    before = audit.snapshot(tool, TOOL_FIELDS)
    _apply(tool, changes, TOOL_FIELDS)
    tool = _save_tool(tool, actor)
    after = audit.snapshot(tool, TOOL_FIELDS)
    audit.record(tool.organization, actor, Action.UPDATE, tool, audit.diff(before, after))
    return tool


@transaction.atomic
def delete_tool(tool: Tool, *, actor: User | None) -> dict[str, Any]:
    gone = {"id": tool.pk, "name": tool.name}
    audit.record(tool.organization, actor, Action.DELETE, tool)
    tool.delete()
    return gone


@transaction.atomic
def create_hardware(
    organization: Organization, *, name: str, actor: User | None, **fields: Any
) -> Hardware:
    """Register a device; ``fields``: any other of ``HARDWARE_FIELDS``."""
    device = Hardware(organization=organization)
    _apply(device, {"name": name, **fields}, HARDWARE_FIELDS)
    device.stamp(actor)
    device.save()
    audit.record(
        organization, actor, Action.CREATE, device, audit.snapshot(device, HARDWARE_FIELDS)
    )
    return device


@transaction.atomic
def update_hardware(
    device: Hardware, changes: Mapping[str, Any], *, actor: User | None
) -> Hardware:
    device = Hardware.objects.select_for_update().get(pk=device.pk)
    before = audit.snapshot(device, HARDWARE_FIELDS)
    _apply(device, changes, HARDWARE_FIELDS)
    device.stamp(actor)
    device.save()
    after = audit.snapshot(device, HARDWARE_FIELDS)
    audit.record(device.organization, actor, Action.UPDATE, device, audit.diff(before, after))
    return device


@transaction.atomic
def delete_hardware(device: Hardware, *, actor: User | None) -> dict[str, Any]:
    gone = {"id": device.pk, "name": device.name}
    audit.record(device.organization, actor, Action.DELETE, device)
    device.delete()
    return gone


# --- CSV ------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did; ``errors`` are (line number, reason) of the refused lines."""

    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _yes_no(value: str, name: str) -> bool:
    word = value.strip().lower()
    if word in YES:
        return True
    if word in NO or not word:
        return False
    raise ServiceError(f"{name}: give yes or no, not {value!r}", field=name)


def _two_factor(value: str) -> str:
    word = value.strip().lower()
    if not word or word in TwoFactor.values:
        return word or TwoFactor.UNKNOWN
    return TwoFactor.YES if _yes_no(word, "two_factor") else TwoFactor.NO


def _activity(value: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as error:
        raise ServiceError(f"last_activity: give a date as YYYY-MM-DD, not {value!r}") from error


def _record_changes(record: Mapping[str, str | None]) -> dict[str, Any]:
    """The fields of one CSV line; absent columns leave the account as it is."""
    changes: dict[str, Any] = {
        name: unguard(record[name] or "") for name in ACCOUNT_FIELDS if name in record
    }
    if "two_factor" in changes:
        changes["two_factor"] = _two_factor(changes["two_factor"])
    if "shared_credentials" in changes:
        changes["shared_credentials"] = _yes_no(changes["shared_credentials"], "shared_credentials")
    if "last_activity" in changes:
        changes["last_activity"] = _activity(changes["last_activity"])
    return changes


def _import_line(
    organization: Organization, record: Mapping[str, str | None], actor: User | None
) -> bool:
    """Create or update the account of one line; True when it was created."""
    changes = _record_changes(record)
    network = (changes.get("network") or "").strip().lower()
    handle = (changes.get("handle") or "").strip().lstrip("@")
    if not network or not handle:
        raise ServiceError("network and handle are required")
    existing = (
        SocialAccount.objects.for_org(organization)
        .filter(network=network, handle__iexact=handle)
        .first()
    )
    if existing is None:
        create_account(organization, actor=actor, **changes)
        return True
    update_account(existing, changes, actor=actor)
    return False


def import_accounts_csv(
    organization: Organization, stream: IO[Any], actor: User | None
) -> ImportResult:
    """Register or update the accounts of a CSV file (header: ``CSV_COLUMNS``; network
    and handle required). An account with the same network and handle is updated.
    A bad line is refused with its line number and reason; the valid lines are kept."""
    reader = dict_reader(csv_text(stream, windows_1252=False))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ServiceError(f"the header lacks the column(s): {', '.join(missing)}")
    reader.fieldnames = header
    result = ImportResult()

    def refuse(line: int, reason: str) -> None:
        result.errors.append((line, reason))

    for number, (line, record) in enumerate(csv_rows(reader, refuse)):
        if number >= MAX_IMPORT_ROWS:
            refuse(line, f"only {MAX_IMPORT_ROWS} lines are read")
            break
        if not any((value or "").strip() for value in record.values() if isinstance(value, str)):
            continue
        try:
            with transaction.atomic():
                created = _import_line(organization, record, actor)
        except ServiceError as error:
            reason = f"{error.field}: {error.message}" if error.field else error.message
            result.errors.append((line, reason))
            continue
        if created:
            result.created += 1
        else:
            result.updated += 1
    return result


def export_accounts_csv(organization: Organization) -> str:
    """The organisation's accounts as CSV, in the columns the import reads."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for account in SocialAccount.objects.for_org(organization).order_by("network", "handle"):
        row = []
        for name in CSV_COLUMNS:
            value = getattr(account, name)
            if isinstance(value, bool):
                value = "yes" if value else "no"
            row.append("" if value is None else guard(str(value)))
        writer.writerow(row)
    return out.getvalue()
