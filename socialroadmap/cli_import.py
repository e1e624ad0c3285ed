"""``socialroadmap import``: bring a file of posts into an organisation, in this process.

Registered by ``socialroadmap.cli``, which adds its ``--data-dir`` option. Rejected rows
are printed on stderr as ``line N: reason``; the last line on stdout is
``{"read": n, "imported": n, "duplicates": n, "rejected": n}``. Exit status: 0 when
every row was read, 1 when rows were rejected, 2 when nothing could be imported (an
unknown organisation, an unreadable file or mapping, a file of the wrong shape).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

# The connectors' FILE_FORMATS names (a test keeps them equal); listed here so that the
# command's help does not load every connector.
IMPORT_FORMATS = ("ndjson", "csv", "x-archive", "facebook", "instagram", "linkedin")


def fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _read_mapping(path: Path) -> dict[str, Any]:
    from socialroadmap.datafiles import DataFileError, read_json_or_yaml

    try:
        data = read_json_or_yaml(path)
    except DataFileError as error:
        fail(str(error), 2)
    if not isinstance(data, dict):
        fail(f"{path}: a mapping must be an object of post field: column or JSON path", 2)
    return data


@click.command("import")
@click.option("--org", "org_slug", required=True, help="Organisation short name.")
@click.option(
    "--format", "file_format", required=True, type=click.Choice(IMPORT_FORMATS), help="File format."
)
@click.option(
    "--mapping",
    "mapping_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML or JSON: post field → column or JSON path (ndjson and csv).",
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def import_command(org_slug: str, file_format: str, mapping_path: Path | None, file: Path) -> None:
    """Import posts from FILE into an organisation: analysed, matched, deduplicated."""
    # Imported here, not at the top: socialroadmap.cli imports this module to register it.
    from socialroadmap.cli import django_command

    django_command(_import)(org_slug, file_format, mapping_path, file)


def _import(org_slug: str, file_format: str, mapping_path: Path | None, file: Path) -> None:
    from socialroadmap.connectors import read_file
    from socialroadmap.core.errors import NotFound
    from socialroadmap.listening.choices import JobStatus
    from socialroadmap.listening.models import ImportJob, QuarantinedRow
    from socialroadmap.listening.services import run_import, start_import
    from socialroadmap.organizations.services import find_organization

    try:
        organization = find_organization(org_slug)
    except NotFound as error:
        fail(error.message, 2)
    mapping = _read_mapping(mapping_path) if mapping_path is not None else None
    try:
        with file.open("rb"):
            size = file.stat().st_size
    except OSError as error:
        fail(f"cannot read {file}: {error.strerror or error}", 2)
    try:
        read_file(file_format, file, mapping)  # checks the mapping; reads nothing yet
    except ValueError as error:
        fail(f"{mapping_path}: {error}", 2)
    job = start_import(organization, format=file_format, filename=file.name, size=size, actor=None)
    if sys.stderr.isatty():
        with click.progressbar(length=size, label="Importing", file=sys.stderr) as bar:

            def advance(current: ImportJob) -> None:
                bar.update(current.done_bytes - bar.pos)

            job = run_import(job, file, mapping=mapping, progress=advance)
    else:
        job = run_import(job, file, mapping=mapping)
    if job.status == JobStatus.FAILED:
        fail(f"{file}: {job.error}", 2)
    for line, reason in (
        QuarantinedRow.objects.for_org(organization)
        .filter(import_job=job)
        .order_by("line")
        .values_list("line", "reason")
        .iterator()
    ):
        click.echo(f"line {line}: {reason}", err=True)
    counts = {key: getattr(job, key) for key in ("read", "imported", "duplicates", "rejected")}
    click.echo(json.dumps(counts))
    sys.exit(1 if job.rejected else 0)
