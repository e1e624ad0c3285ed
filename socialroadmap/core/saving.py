"""Saving a row whose key must be unique in its organisation, with a readable refusal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from socialroadmap.core.errors import ServiceError
from socialroadmap.core.models import AuditedModel

if TYPE_CHECKING:
    from socialroadmap.accounts.models import User

Row = TypeVar("Row", bound=AuditedModel)


def save_unique(
    row: Row, actor: User | None, same: QuerySet[Any], message: str, *, field: str | None
) -> Row:
    """Stamp and save ``row`` unless ``same`` (the rows with its key) holds another row;
    ``message`` (under ``field``) says why not. A concurrent save that wins the race is
    refused by the database's constraint, with the same message."""
    if same.exclude(pk=row.pk).exists():
        raise ServiceError(message, field=field)
    row.stamp(actor)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:
        raise ServiceError(message, field=field) from error
    return row
