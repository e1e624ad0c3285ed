"""Write all of an organisation's data to a zip (``socialroadmap export``).

The zip holds ``manifest.json``, one ``data/<app_label>.<model>.json`` per exported
model and ``posts.csv``. Each JSON file is a list with one object per line, so that
``restore`` reads it a line at a time; tables are read in chunks, so memory stays flat
however many posts there are.
"""

from __future__ import annotations

import base64
import csv
import datetime
import decimal
import hashlib
import io
import json
import os
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.duration import duration_iso_string

from socialroadmap import __version__
from socialroadmap.accounts.models import User
from socialroadmap.organizations.models import Membership, Organization
from socialroadmap.portability.catalog import (
    NOT_ORGANISATION_DATA,
    ORGANIZATION_LABEL,
    USER_LABEL,
    catalog,
    dependency_order,
    label_of,
    m2m_fields,
    through_of,
    upload_folders,
)

FORMAT = "socialroadmap-organisation-export"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
POSTS_LABEL = "listening.post"
POSTS_CSV = "posts.csv"
CHUNK = 2000
# What an export keeps of a person: no password hash, no staff flags.
USER_FIELDS = ("id", "email", "full_name", "language", "is_active", "date_joined")

Progress = Callable[[str, int], None]


def data_path(label: str) -> str:
    return f"data/{label}.json"


def encode(value: Any) -> Any:
    """JSON for the values JSON has no type for; ``Field.to_python`` reads them back."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot export a value of type {type(value).__name__}")


class _Entry:
    """A file being written into the zip, hashed on the way."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.name = name
        self.stream: IO[bytes] = archive.open(name, "w", force_zip64=True)
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self.sha256.update(data)
        self.size += len(data)
        self.stream.write(data)

    def close(self) -> dict[str, Any]:
        self.stream.close()
        return {"sha256": self.sha256.hexdigest(), "bytes": self.size}


def _write_json_list(
    archive: zipfile.ZipFile, name: str, objects: Iterable[dict[str, Any]]
) -> tuple[dict[str, Any], int]:
    entry = _Entry(archive, name)
    entry.write("[\n")
    count = 0
    for obj in objects:
        line = json.dumps(obj, default=encode, ensure_ascii=False, separators=(",", ":"))
        entry.write((",\n" if count else "") + line)
        count += 1
    entry.write("\n]\n")
    return entry.close(), count


def _chunks(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _m2m_ids(model: type[models.Model], pks: list[Any]) -> dict[str, dict[Any, list[Any]]]:
    """field name → row pk → sorted target pks, for one chunk of rows."""
    result: dict[str, dict[Any, list[Any]]] = {}
    for m2m in m2m_fields(model):
        through = through_of(m2m)
        source = through._meta.get_field(m2m.m2m_field_name()).attname
        target = through._meta.get_field(m2m.m2m_reverse_field_name()).attname
        ids: dict[Any, list[Any]] = {}
        for owner, other in (
            through._base_manager.filter(**{f"{source}__in": pks})
            .order_by(source, target)
            .values_list(source, target)
        ):
            ids.setdefault(owner, []).append(other)
        result[m2m.name] = ids
    return result


def model_rows(queryset: Any, users: set[int] | None = None) -> Iterator[dict[str, Any]]:
    """The rows of ``queryset`` as exported: field name → value, keys as ids, many-to-many
    as id lists. Adds the people the rows point to into ``users``."""
    model = queryset.model
    fields = list(model._meta.concrete_fields)
    user_keys = [f.attname for f in fields if f.is_relation and f.related_model is User]
    m2m_names = [m.name for m in m2m_fields(model)]
    rows = queryset.order_by("pk").values(*[f.attname for f in fields]).iterator(CHUNK)
    for batch in _chunks(rows):
        m2m = _m2m_ids(model, [row[model._meta.pk.attname] for row in batch]) if m2m_names else {}
        for row in batch:
            if users is not None:
                users.update(row[key] for key in user_keys if row[key] is not None)
            obj = {f.name: row[f.attname] for f in fields}
            for name in m2m_names:
                obj[name] = m2m[name].get(row[model._meta.pk.attname], [])
            yield obj


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return value
    if isinstance(value, list | dict):
        return json.dumps(value, default=encode, ensure_ascii=False)
    return encode(value)


def _write_posts_csv(archive: zipfile.ZipFile, queryset: Any) -> dict[str, Any]:
    """The posts once more, as a spreadsheet opens them (``restore`` reads the JSON)."""
    entry = _Entry(archive, POSTS_CSV)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header: list[str] | None = None
    for obj in model_rows(queryset):
        if header is None:
            header = list(obj)
            writer.writerow(header)
        writer.writerow([_csv_value(value) for value in obj.values()])
        if buffer.tell() > 1 << 16:
            entry.write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
    if header is None:
        writer.writerow([f.name for f in queryset.model._meta.concrete_fields])
    entry.write(buffer.getvalue())
    return entry.close()


def _count_files(folders: list[Path]) -> int:
    return sum(len(files) for folder in folders if folder.is_dir() for *_, files in os.walk(folder))


def export_organization(
    organization: Organization, path: str | os.PathLike[str], *, progress: Progress | None = None
) -> dict[str, Any]:
    """Write ``organization``'s data to the zip at ``path``; return the manifest.

    The zip is written next to ``path`` first and moved into place when complete, so
    that a failed export leaves no half-written file under the name asked for.
    """
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    outermost = not connection.in_atomic_block
    try:
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                # One snapshot for all files: rows written meanwhile are in none or all.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            manifest = _export(organization, partial, progress or (lambda label, n: None))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _export(organization: Organization, path: Path, progress: Progress) -> dict[str, Any]:
    found = catalog()
    order, _deferred = dependency_order(found.exported)
    files: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    users = set(Membership.objects.for_org(organization).values_list("user_id", flat=True))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        own = Organization.objects.filter(pk=organization.pk)
        for label, queryset in [
            (ORGANIZATION_LABEL, own),
            *((label_of(model), found.rows(model, organization)) for model in order),
        ]:
            name = data_path(label)
            files[name], counts[label] = _write_json_list(
                archive, name, model_rows(queryset, users)
            )
            progress(label, counts[label])
        people = User.objects.filter(pk__in=users).order_by("pk").values(*USER_FIELDS)
        name = data_path(USER_LABEL)
        files[name], counts[USER_LABEL] = _write_json_list(archive, name, people.iterator(CHUNK))
        progress(USER_LABEL, counts[USER_LABEL])
        posts = next((m for m in order if label_of(m) == POSTS_LABEL), None)
        if posts is not None:
            files[POSTS_CSV] = _write_posts_csv(archive, found.rows(posts, organization))
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "product_version": __version__,
            "organization": {"slug": organization.slug, "name": organization.name},
            "exported_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "order": [ORGANIZATION_LABEL, USER_LABEL, *(label_of(m) for m in order)],
            "counts": counts,
            "files": files,
            "not_exported": NOT_ORGANISATION_DATA,
            "uploaded_files": {
                "skipped": _count_files(upload_folders(organization.pk)),
                "note": "uploaded files waiting to be imported are not exported; "
                "their imports are, with what they brought in",
            },
            "users": "people without password: they set one with 'Forgot your password?' or "
            "socialroadmap user set-password after a restore",
        }
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return manifest
