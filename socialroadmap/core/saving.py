"""Setting, checking and saving a row in the services: readable refusals at the field,
and a key that must be unique in its organisation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, Model, QuerySet, TextField

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


def set_fields(row: Model, changes: Mapping[str, Any], allowed: Sequence[str]) -> None:
    """Set the ``allowed`` fields named in ``changes``: text stripped, None as "" for a
    text field, "" as None for any other field that may be empty. Another field name is
    refused."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ServiceError(f"unknown fields: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        model_field = row._meta.get_field(name)
        is_text = isinstance(model_field, CharField | TextField)
        if isinstance(value, str):
            value = value.strip()
        if value is None and is_text:
            value = ""
        if value == "" and not is_text and getattr(model_field, "null", False):
            value = None
        setattr(row, name, value)


def check_row(row: Model, *, exclude: Sequence[str] = ()) -> None:
    """The model's own validation of the row's fields, as a ServiceError at the first
    field that fails (uniqueness is the saving's concern: see ``save_unique``)."""
    try:
        row.full_clean(
            exclude=["organization", "created_by", "updated_by", *exclude],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise ServiceError(
            str(messages[0]), field=None if name == NON_FIELD_ERRORS else name
        ) from error
