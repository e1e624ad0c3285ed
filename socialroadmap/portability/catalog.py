"""Which models hold an organisation's data, how to find its rows, and in which order
to write them.

Found generically, so that a new model is exported without anyone remembering to:

* *owned* models have a concrete ``organization`` foreign key to the organisation;
* *children* have no such key but a required foreign key to an exported model (a row
  that hangs off a parent); their rows are those whose parent belongs to the
  organisation;
* many-to-many fields of exported models travel as lists of ids on the row that
  declares them, so their auto-created tables need no file of their own.

Every other model of the project must be named in ``NOT_ORGANISATION_DATA`` with the
reason, or be one of the two rows exported in their own way (the organisation itself and
the people, without passwords). ``unclassified`` lists the models that are neither; a
test keeps that list empty.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q

from socialroadmap.accounts.models import User
from socialroadmap.organizations.models import Organization

ORGANIZATION_LABEL = "organizations.organization"
USER_LABEL = "accounts.user"

# Models that hold no organisation's data, or that an export leaves out on purpose.
NOT_ORGANISATION_DATA: dict[str, str] = {
    "admin.logentry": "the Django admin's log of staff edits, kept per staff user",
    "auth.permission": "Django's permission catalogue, the same in every database",
    "auth.group": "permission groups of staff users, not of an organisation",
    "auth.group_permissions": "permission groups of staff users, not of an organisation",
    "accounts.user_groups": "permission groups of staff users, not of an organisation",
    "accounts.user_user_permissions": "staff permissions, not of an organisation",
    "accounts.apitoken": "API tokens belong to a person, not an organisation; "
    "people create new ones after a restore",
    "contenttypes.contenttype": "Django's catalogue of models, the same in every database",
    "sessions.session": "logins in progress; people log in again",
    "axes.accessattempt": "failed logins per address, a security log of the server",
    "axes.accessattemptexpiration": "failed logins per address, a security log of the server",
    "axes.accessfailurelog": "failed logins per address, a security log of the server",
    "axes.accesslog": "logins per address, a security log of the server",
    "otp_static.staticdevice": "a person's second factor, not an organisation's; "
    "people set it up again after a restore",
    "otp_static.statictoken": "a person's backup codes for the second factor",
    "otp_totp.totpdevice": "a person's second factor, not an organisation's; "
    "people set it up again after a restore",
    "organizations.invitation": "an open invitation carries a secret link; after a restore "
    "the owner invites people again",
}

# Exported in their own way: the organisation (one row) and the people (no passwords).
SPECIAL = {ORGANIZATION_LABEL, USER_LABEL}


def label_of(model: type[models.Model]) -> str:
    return model._meta.label_lower


def organization_field(model: type[models.Model]) -> models.ForeignKey[Any, Any] | None:
    """The model's concrete ``organization`` foreign key to Organization, if it has one."""
    try:
        candidate = model._meta.get_field("organization")
    except Exception:  # FieldDoesNotExist; also reverse relations named so
        return None
    if (
        isinstance(candidate, models.ForeignKey)
        and candidate.concrete
        and candidate.related_model is Organization
    ):
        return candidate
    return None


def foreign_keys(model: type[models.Model]) -> list[models.ForeignKey[Any, Any]]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]


def m2m_fields(model: type[models.Model]) -> list[models.ManyToManyField[Any, Any]]:
    """Many-to-many fields whose table Django made: exported as id lists on the row."""
    return [
        f
        for f in model._meta.local_many_to_many
        if isinstance(f, models.ManyToManyField) and through_of(f)._meta.auto_created
    ]


def through_of(m2m: models.ManyToManyField[Any, Any]) -> Any:
    """The model of a many-to-many field's table."""
    return m2m.remote_field.through


def target_of(field: Any) -> type[models.Model]:
    """The model a foreign key points to (resolved: apps are ready)."""
    return cast(type[models.Model], field.related_model)


@dataclass
class Catalog:
    """The exported models, with the way to find an organisation's rows of each."""

    owned: list[type[models.Model]] = field(default_factory=list)
    # child model → its required foreign keys to exported models
    children: dict[type[models.Model], list[models.ForeignKey[Any, Any]]] = field(
        default_factory=dict
    )

    @property
    def exported(self) -> list[type[models.Model]]:
        return [*self.owned, *self.children]

    def rows(self, model: type[models.Model], organization: Organization | int) -> Any:
        """The organisation's rows of ``model`` (a queryset, not evaluated)."""
        manager = model._base_manager
        if model in self.owned:
            return manager.filter(organization=organization)
        condition = Q()
        for fk in self.children[model]:
            parents = self.rows(target_of(fk), organization).values("pk")
            condition |= Q(**{f"{fk.name}__in": parents})
        return manager.filter(condition)

    def counts(self, organization: Organization | int) -> dict[str, int]:
        """Rows per exported model (label → count), in dependency order."""
        order, _deferred = dependency_order(self.exported)
        return {label_of(m): self.rows(m, organization).count() for m in order}


def upload_folders(organization_id: int) -> list[Path]:
    """Folders of the data directory that hold the organisation's uploaded files
    (listening imports keep their file until the import has ended)."""
    return [Path(settings.DATA_DIR) / "imports" / str(organization_id)]


def _all_models() -> list[type[models.Model]]:
    return list(apps.get_models(include_auto_created=True))


@functools.cache
def catalog() -> Catalog:
    """Find the exported models among the installed ones (cached: models do not change
    while the process runs)."""
    result = Catalog()
    candidates = [
        m
        for m in apps.get_models()
        if label_of(m) not in NOT_ORGANISATION_DATA and label_of(m) not in SPECIAL
    ]
    result.owned = [m for m in candidates if organization_field(m) is not None]
    exported = set(result.owned)
    changed = True
    while changed:  # a child of a child is found on a later round
        changed = False
        for model in candidates:
            if model in exported:
                continue
            parents = [
                fk for fk in foreign_keys(model) if not fk.null and fk.related_model in exported
            ]
            if parents:
                result.children[model] = parents
                exported.add(model)
                changed = True
    return result


def unclassified() -> list[str]:
    """Models that are neither exported nor named as not organisation data."""
    exported = set(catalog().exported)
    covered_through = {f.remote_field.through for m in exported for f in m._meta.local_many_to_many}
    return sorted(
        label_of(m)
        for m in _all_models()
        if m not in exported
        and m not in covered_through
        and label_of(m) not in NOT_ORGANISATION_DATA
        and label_of(m) not in SPECIAL
    )


def problems() -> list[str]:
    """References an export cannot carry: a key from an exported model to a model that is
    not exported, or a many-to-many field through a model of its own."""
    exported = set(catalog().exported) | {Organization, User}
    found = []
    for model in catalog().exported:
        for fk in foreign_keys(model):
            if fk.related_model not in exported:
                found.append(f"{label_of(model)}.{fk.name} points to {fk.related_model}")
            if fk.related_model is model and not fk.null:
                found.append(f"{label_of(model)}.{fk.name} is a required key to itself")
        for m2m in model._meta.local_many_to_many:
            if m2m.related_model not in exported:
                found.append(f"{label_of(model)}.{m2m.name} points to {m2m.related_model}")
    return found


def dependency_order(
    exported: list[type[models.Model]],
) -> tuple[list[type[models.Model]], set[tuple[type[models.Model], str]]]:
    """The models so that each comes after the models its keys point to, and the keys
    written in a second pass: nullable keys to the model itself, and nullable keys that
    close a cycle. A cycle of required keys cannot be restored and is an error."""
    remaining = sorted(exported, key=label_of)
    placed: set[type[models.Model]] = set()
    order: list[type[models.Model]] = []
    deferred: set[tuple[type[models.Model], str]] = set()

    def waits_for(model: type[models.Model], required_only: bool) -> bool:
        return any(
            fk.related_model in remaining
            and fk.related_model not in placed
            and fk.related_model is not model
            and not (required_only and fk.null)
            for fk in foreign_keys(model)
        )

    while len(order) < len(remaining):
        ready = [m for m in remaining if m not in placed and not waits_for(m, False)]
        if not ready:
            ready = [m for m in remaining if m not in placed and not waits_for(m, True)][:1]
            if not ready:
                raise ValueError("a cycle of required foreign keys cannot be restored")
        for model in ready:
            for fk in foreign_keys(model):
                target = fk.related_model
                if target is model or (target in remaining and target not in placed):
                    deferred.add((model, fk.name))
            placed.add(model)
            order.append(model)
    return order, deferred
