"""Writing the audit log. Service functions of every area call ``record`` in the
transaction of the change they make; ``snapshot`` and ``diff`` give the fields that
changed."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, router
from django.db.models.deletion import Collector

from socialroadmap.audit.models import Action, AuditEntry
from socialroadmap.organizations.models import Organization

LABEL_LENGTH = 200
VALUE_LENGTH = 500


def _plain(value: Any) -> Any:
    """A value as JSON can hold it: dates as ISO text, rows as their label, long text cut."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    text = str(value)
    return text if len(text) <= VALUE_LENGTH else text[: VALUE_LENGTH - 1] + "…"


def snapshot(row: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The plain values of ``fields`` of ``row`` (relations as their label)."""
    return {name: _plain(getattr(row, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for each field whose value differs."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def record(
    organization: Organization,
    actor: Any,
    action: Action | str,
    row: models.Model,
    changes: Mapping[str, Any] | None = None,
    *,
    label: str | None = None,
) -> AuditEntry | None:
    """Write one entry about ``row``; nothing for an update that changed nothing.

    ``changes``: ``{field: [old, new]}`` for updates (see ``diff``), the new values for
    creations, what went with it for deletions.
    """
    if action == Action.UPDATE and not changes:
        return None
    user = actor if getattr(actor, "is_authenticated", False) else None
    text = label if label is not None else str(row)
    return AuditEntry.objects.create(
        organization=organization,
        actor=user,
        actor_label=user.email if user is not None else "system",
        action=str(action),
        area=row._meta.app_label,
        kind=row._meta.model_name or type(row).__name__.lower(),
        object_id="" if row.pk is None else str(row.pk),
        label=text[:LABEL_LENGTH],
        changes={str(k): _plain(v) for k, v in (changes or {}).items()},
    )


# What the log says instead of an erased person's name and values.
ERASED = "erased person"
ERASED_VALUE = "(erased)"


class _Everything(Collector):
    """Collects every row a deletion takes along, also those Django would delete in bulk
    without loading them."""

    def can_fast_delete(self, *args: Any, **kwargs: Any) -> bool:
        return False


def goes_with(row: models.Model) -> dict[type[models.Model], list[Any]]:
    """Model → primary keys of the rows that go when ``row`` is deleted (``row``
    included): for a person, their completions, acknowledgements or answers."""
    collector = _Everything(using=router.db_for_write(type(row)))
    collector.collect([row])
    return {model: [r.pk for r in rows] for model, rows in collector.data.items() if rows}


def forget(row: models.Model) -> None:
    """Blank a person's data in the entries about ``row`` and about the rows that go
    with it: label ``ERASED``, each changed value ``ERASED_VALUE``.

    The one edit the log allows: the right to be forgotten outweighs keeping old values,
    and the entries still say who changed which fields when. Call it in the erasure's
    transaction, before the deletion.
    """
    organization_id = row.organization_id  # type: ignore[attr-defined]
    for model, pks in goes_with(row).items():
        entries = AuditEntry.objects.filter(
            organization_id=organization_id,
            area=model._meta.app_label,
            kind=model._meta.model_name,
            object_id__in=[str(pk) for pk in pks],
        )
        for entry in entries.select_for_update():
            entry.label = ERASED
            entry.changes = dict.fromkeys(entry.changes or {}, ERASED_VALUE)
            entry.save(update_fields=["label", "changes"])
