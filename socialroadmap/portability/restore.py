"""Bring an exported organisation back (``socialroadmap restore``).

Into a database where the organisation does not exist: in one transaction, model by
model in the order of their foreign keys, with the same primary keys where they are
free (another key where not; references follow). People are matched by e-mail address
and created without a usable password when missing. The zip is checked against its
manifest first; afterwards the rows per model are counted against it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction

from socialroadmap.accounts.models import User
from socialroadmap.core.errors import ServiceError
from socialroadmap.organizations.models import Organization
from socialroadmap.portability.catalog import (
    ORGANIZATION_LABEL,
    SPECIAL,
    USER_LABEL,
    catalog,
    dependency_order,
    label_of,
    m2m_fields,
    target_of,
    through_of,
)
from socialroadmap.portability.export import CHUNK, FORMAT, FORMAT_VERSION, MANIFEST, data_path

Progress = Callable[[str, int], None]
Model = type[models.Model]
# a row as exported, the row to insert, and its keys written later
Pending = tuple[dict[str, Any], models.Model, list[Any]]


class RestoreError(ServiceError):
    """The zip cannot be restored; nothing was written."""


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    """The manifest, if this is an export of a format this version reads."""
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError as exc:
        raise RestoreError("not a socialroadmap export: the zip has no manifest.json") from exc
    except ValueError as exc:
        raise RestoreError("manifest.json is not valid JSON") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise RestoreError("not a socialroadmap export: manifest.json names another format")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise RestoreError(
            f"the export has format version {version}; this socialroadmap reads version "
            f"{FORMAT_VERSION} (restore it with the version that made it, or a newer one)"
        )
    return manifest


def verify(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    """Refuse a zip whose files differ from the manifest: missing, extra or changed."""
    listed = set(manifest.get("files") or {})
    present = set(archive.namelist()) - {MANIFEST}
    if listed != present:
        odd = sorted(listed ^ present)
        raise RestoreError(f"the zip's files do not match its manifest: {', '.join(odd)}")
    for name in sorted(listed):
        digest = hashlib.sha256()
        with archive.open(name) as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != manifest["files"][name].get("sha256"):
            raise RestoreError(f"{name} does not match its checksum: the zip was changed")


def read_objects(archive: zipfile.ZipFile, name: str) -> Iterator[dict[str, Any]]:
    """The objects of one data file, a line at a time (the layout ``export`` writes)."""
    with archive.open(name) as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            text = line.strip()
            if text in ("[", "]", ""):
                continue
            yield json.loads(text.removesuffix(","))


@contextlib.contextmanager
def _keep_timestamps(restored: list[Model]) -> Iterator[None]:
    """Let the stored created/updated times through: ``auto_now`` would set them to now.
    (Process-wide while it lasts; restore is a command of its own.)"""
    changed = []
    for model in restored:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                changed.append((field, field.auto_now, field.auto_now_add))  # type: ignore[attr-defined]
                field.auto_now = field.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in changed:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add  # type: ignore[attr-defined]


def restore_organization(
    path: str | os.PathLike[str], *, progress: Progress | None = None
) -> Organization:
    """Restore the export at ``path``; return the organisation."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise RestoreError(f"cannot read {os.fspath(path)}: {exc}") from exc
    with archive:
        manifest = read_manifest(archive)
        verify(archive, manifest)
        restorer = _Restorer(archive, manifest, progress or (lambda label, n: None))
        with transaction.atomic(), _keep_timestamps(restorer.all_models):
            return restorer.run()


class _Restorer:
    def __init__(self, archive: zipfile.ZipFile, manifest: dict[str, Any], progress: Progress):
        self.archive = archive
        self.manifest = manifest
        self.progress = progress
        self.catalog = catalog()
        self.order, self.deferred = dependency_order(self.catalog.exported)
        known = {label_of(m) for m in self.order} | SPECIAL
        unknown = sorted(set(manifest.get("counts") or {}) - known)
        if unknown:
            raise RestoreError(
                f"the export holds {', '.join(unknown)}, which this version does not know"
            )
        self.all_models: list[Model] = [Organization, User, *self.order]
        # model → {exported pk: restored pk}, only where they differ
        self.moved: dict[Model, dict[Any, Any]] = {}
        self.users: dict[Any, Any] = {}
        self.later_keys: dict[tuple[Model, str], dict[Any, list[Any]]] = {}
        self.later_m2m: list[tuple[models.ManyToManyField[Any, Any], Any, list[Any]]] = []

    def run(self) -> Organization:
        slug = self.manifest["organization"]["slug"]
        if Organization.objects.filter(slug=slug).exists():
            raise RestoreError(
                f"an organisation with short name '{slug}' exists already; restore into a "
                f"database without it (delete it first: socialroadmap org delete {slug})"
            )
        self._restore_users()
        self._restore_model(Organization)
        organization = Organization.objects.get(slug=slug)
        for model in self.order:
            self._restore_model(model)
        self._write_later_keys()
        self._write_m2m()
        self._reset_sequences()
        self._check_counts(organization)
        return organization

    def new_id(self, model: Model, old: Any) -> Any:
        if model is User:
            if old not in self.users:
                raise RestoreError(f"a row points to person {old}, who is not in the export")
            return self.users[old]
        return self.moved.get(model, {}).get(old, old)

    def _restore_users(self) -> None:
        for obj in read_objects(self.archive, data_path(USER_LABEL)):
            email = str(obj["email"]).strip().lower()
            person = User.objects.filter(email__iexact=email).first()
            if person is None:
                person = User.objects.create_user(
                    email,
                    None,
                    full_name=obj.get("full_name") or "",
                    language=obj.get("language") or "",
                    is_active=obj.get("is_active", True),
                )
            self.users[obj["id"]] = person.pk
        self.progress(USER_LABEL, len(self.users))

    @functools.cache  # noqa: B019 - one restorer per restore; a handful of models
    def _names(self, model: Model) -> frozenset[str]:
        fields = [f.name for f in (*model._meta.concrete_fields, *m2m_fields(model))]
        return frozenset(fields)

    def _instance(self, model: Model, obj: dict[str, Any]) -> tuple[models.Model, list[Any]]:
        """The row to insert, and the exported values of the keys written later."""
        fields = {f.name: f for f in model._meta.concrete_fields}
        unknown = obj.keys() - self._names(model)
        if unknown:
            raise RestoreError(
                f"{label_of(model)} has fields this version does not know: "
                + ", ".join(sorted(unknown))
            )
        values: dict[str, Any] = {}
        later = []
        for name, field in fields.items():
            if name not in obj:
                continue
            raw = obj[name]
            if not field.is_relation or raw is None:
                values[field.attname] = field.to_python(raw)
            elif (model, name) in self.deferred:
                values[field.attname] = None
                later.append((name, raw))
            else:
                values[field.attname] = self.new_id(target_of(field), raw)
        return model(**values), later

    def _restore_model(self, model: Model) -> None:
        label = label_of(model)
        name = data_path(label)
        if name not in self.manifest["files"]:
            return
        batch: list[Pending] = []
        restored = 0
        for obj in read_objects(self.archive, name):
            batch.append((obj, *self._instance(model, obj)))
            if len(batch) == CHUNK:
                restored += self._insert(model, batch)
                batch = []
        restored += self._insert(model, batch)
        self.progress(label, restored)

    def _insert(self, model: Model, batch: list[Pending]) -> int:
        if not batch:
            return 0
        pk_name = model._meta.pk.name
        wanted = [instance.pk for _obj, instance, _later in batch]
        taken = set(model._base_manager.filter(pk__in=wanted).values_list("pk", flat=True))
        for _obj, instance, _later in batch:
            if instance.pk in taken:
                instance.pk = None
        model._base_manager.bulk_create([instance for _obj, instance, _later in batch])
        for obj, instance, later in batch:
            old = obj[pk_name]
            if instance.pk != old:
                self.moved.setdefault(model, {})[old] = instance.pk
            for field_name, target in later:
                self.later_keys.setdefault((model, field_name), {}).setdefault(target, []).append(
                    instance.pk
                )
            for m2m in m2m_fields(model):
                if obj.get(m2m.name):
                    self.later_m2m.append((m2m, instance.pk, obj[m2m.name]))
        return len(batch)

    def _write_later_keys(self) -> None:
        """The keys that waited for their rows: to the model itself, or across a cycle."""
        for (model, field_name), targets in self.later_keys.items():
            field = model._meta.get_field(field_name)
            for target, pks in targets.items():
                new_target = self.new_id(target_of(field), target)
                for start in range(0, len(pks), CHUNK):
                    model._base_manager.filter(pk__in=pks[start : start + CHUNK]).update(
                        **{field.attname: new_target}  # type: ignore[union-attr]
                    )

    def _write_m2m(self) -> None:
        rows: dict[Model, list[models.Model]] = {}
        for m2m, owner, targets in self.later_m2m:
            through = through_of(m2m)
            source = through._meta.get_field(m2m.m2m_field_name()).attname
            target = through._meta.get_field(m2m.m2m_reverse_field_name()).attname
            rows.setdefault(through, []).extend(
                through(**{source: owner, target: self.new_id(target_of(m2m), old)})
                for old in targets
            )
        for through, objs in rows.items():
            through._base_manager.bulk_create(objs, batch_size=CHUNK)
            self.all_models.append(through)

    def _reset_sequences(self) -> None:
        """Rows came with their own keys: move PostgreSQL's counters past them."""
        statements = connection.ops.sequence_reset_sql(no_style(), self.all_models)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

    def _check_counts(self, organization: Organization) -> None:
        found = {label_of(m): self.catalog.rows(m, organization).count() for m in self.order}
        found[ORGANIZATION_LABEL] = 1
        found[USER_LABEL] = len(self.users)
        for label, expected in (self.manifest.get("counts") or {}).items():
            if found.get(label, 0) != expected:
                raise RestoreError(
                    f"{label}: restored {found.get(label, 0)} rows, the manifest says "
                    f"{expected}; nothing was written"
                )
