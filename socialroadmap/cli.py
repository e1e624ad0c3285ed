"""The `socialroadmap` command.

Every command reads the database from ``DATABASE_URL`` or, without it, SQLite in the
data directory (``--data-dir`` or ``SOCIALROADMAP_DATA_DIR``, default ``./var``).
Errors print one line to stderr and exit non-zero, without a traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from socialroadmap import __version__

ROLES = "owner|manager|contributor|viewer"


def _set_data_dir(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        os.environ["SOCIALROADMAP_DATA_DIR"] = os.path.abspath(value)
    return value


data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    envvar="SOCIALROADMAP_DATA_DIR",
    expose_value=False,
    is_eager=True,
    callback=_set_data_dir,
    help="Where the embedded default keeps its SQLite database (default ./var).",
)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialroadmap.settings")
    import django

    django.setup()


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def django_command(func: Callable[..., Any]) -> Callable[..., Any]:
    """Set Django up first, and turn service errors into one line on stderr."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        setup_django()
        from django.core.exceptions import ValidationError
        from django.db import DatabaseError

        from socialroadmap.core.errors import ServiceError

        try:
            return func(*args, **kwargs)
        except ServiceError as error:
            fail(error.message)
        except ValidationError as error:
            fail("; ".join(error.messages))
        except DatabaseError as error:
            fail(f"database error: {first_line(error)} (did you run `socialroadmap migrate`?)")

    return data_dir_option(wrapper)


@click.group()
@click.version_option(__version__, prog_name="socialroadmap")
@data_dir_option
def main() -> None:
    """socialroadmap: integrate social media into the whole organisation, stage by stage."""


def _register_engine_commands() -> None:
    """Commands that work on files: analyze, bench and query without Django or a
    database; import, which stores what it reads, sets Django up when it runs."""
    from socialroadmap.bench import bench
    from socialroadmap.cli_analyze import analyze
    from socialroadmap.cli_import import import_command
    from socialroadmap.cli_query import query

    main.add_command(analyze)
    main.add_command(bench)
    main.add_command(query)
    main.add_command(data_dir_option(import_command))


_register_engine_commands()


@main.command()
@django_command
def migrate() -> None:
    """Apply database migrations."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)


@main.command()
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-serve", is_flag=True, help="Prepare the database and demo data, then exit.")
@data_dir_option
def demo(port: int, no_serve: bool) -> None:
    """Run the product on the embedded default with a demo organisation."""
    os.environ["SOCIALROADMAP_DEMO"] = "1"
    os.environ.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from socialroadmap.demo import DEMO_PASSWORD, seed_demo

    click.echo(f"Data directory: {settings.DATA_DIR}")
    call_command("migrate", interactive=False, verbosity=0)
    summary = seed_demo()
    click.echo(summary)
    if no_serve:
        return
    url = f"http://127.0.0.1:{port}/"
    click.echo("")
    click.echo(f"socialroadmap is running at {url}")
    click.echo(f"Log in as owner@demo.socialroadmap.test with password {DEMO_PASSWORD}")
    click.echo("(other demo users: manager@, marketing@, viewer@, consultant@ — same password)")
    click.echo("Press Ctrl+C to stop.")
    from socialroadmap.server import run_server

    run_server(f"127.0.0.1:{port}", workers=1, threads=8, access_log=False)


@main.command()
@click.option("--bind", default="0.0.0.0:8000", show_default=True, help="Address and port.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64))
@data_dir_option
def serve(bind: str, workers: int, threads: int) -> None:
    """Run the production web server (gunicorn) with static files."""
    from socialroadmap.config import refuse_unsafe_production

    refuse_unsafe_production()
    setup_django()
    from socialroadmap.server import run_server

    run_server(bind, workers=workers, threads=threads, access_log=True)


@main.command()
@click.option("--concurrency", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--loglevel", default="info", show_default=True)
@click.option(
    "--check", is_flag=True, help="Send a task through the broker, print the answer, exit."
)
@click.option("--beat", is_flag=True, help="Also run the periodic jobs (one worker only).")
@click.option(
    "--nice",
    default=10,
    show_default=True,
    type=click.IntRange(0, 19),
    help="CPU priority below the web server's (0: the same): imports yield to pages.",
)
@data_dir_option
def worker(concurrency: int, loglevel: str, check: bool, beat: bool, nice: int) -> None:
    """Run a Celery worker (broker from REDIS_URL)."""
    if not os.environ.get("REDIS_URL"):
        fail("REDIS_URL is not set: a worker needs a Redis broker (e.g. redis://127.0.0.1:6379/0)")
    setup_django()
    from django.conf import settings

    from socialroadmap.celery_app import app

    if check:
        import redis
        from celery.exceptions import TimeoutError as CeleryTimeout
        from kombu.exceptions import OperationalError

        from socialroadmap.core.tasks import check_worker

        try:
            redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=3).ping()
            click.echo(check_worker.delay("check").get(timeout=30))
        except CeleryTimeout:
            fail("no worker answered within 30 s (is `socialroadmap worker` running?)")
        except (redis.RedisError, OperationalError, OSError, RuntimeError) as error:
            fail(f"cannot reach the broker at REDIS_URL: {first_line(error)}")
        return
    if nice:
        os.nice(nice)  # the pool's processes inherit it
    # Beat keeps its schedule state in the data directory, not in the working directory.
    beat_args = ["--beat", f"--schedule={os.path.join(settings.DATA_DIR, 'celerybeat-schedule')}"]
    options = [f"--concurrency={concurrency}", f"--loglevel={loglevel}"]
    app.worker_main(["worker", *options, *(beat_args if beat else [])])


@main.group()
def org() -> None:
    """Organisations."""


@org.command("create")
@click.argument("slug")
@click.option("--name", required=True, help="The organisation's name.")
@django_command
def org_create(slug: str, name: str) -> None:
    """Create an organisation with short name SLUG."""
    from socialroadmap.organizations.services import create_organization

    organization = create_organization(slug, name)
    click.echo(f"created organisation {organization.slug} ({organization.name})")


@org.command("list")
@django_command
def org_list() -> None:
    """List organisations with their member counts."""
    from django.db.models import Count

    from socialroadmap.organizations.models import Membership, Organization

    counts = dict(
        Membership.objects.values_list("organization")
        .annotate(n=Count("id"))
        .values_list("organization", "n")
    )
    for organization in Organization.objects.order_by("slug"):
        click.echo(
            f"{organization.slug}\t{organization.name}\t{counts.get(organization.pk, 0)} members"
        )


@org.command("delete")
@click.argument("slug")
@click.option("--yes", is_flag=True, help="Really delete; without it, show what would go.")
@django_command
def org_delete(slug: str, yes: bool) -> None:
    """Delete organisation SLUG and all its data (people stay)."""
    from socialroadmap.organizations.services import delete_organization, find_organization
    from socialroadmap.portability.catalog import catalog

    organization = find_organization(slug)
    if not yes:
        counts = catalog().counts(organization)
        click.echo(f"deleting {organization.slug} ({organization.name}) would remove:")
        for label, count in counts.items():
            if count:
                click.echo(f"  {label}\t{count}")
        click.echo(f"  total\t{sum(counts.values()) + 1} rows (the organisation included)")
        fail(f"nothing deleted: run again with --yes to delete {organization.slug}")
    counts = delete_organization(organization, actor=None)
    click.echo(f"deleted organisation {slug}: {sum(counts.values())} rows")


def _progress(label: str, count: int) -> None:
    click.echo(f"{label}\t{count}", err=True)


@main.command("export")
@click.option("--org", "org_slug", required=True, help="Organisation short name.")
@click.argument("out_path", metavar="OUT.zip", type=click.Path(dir_okay=False))
@django_command
def export_command(org_slug: str, out_path: str) -> None:
    """Write all data of an organisation to a zip (see docs/export-and-restore.md)."""
    import time

    from socialroadmap.organizations.services import find_organization
    from socialroadmap.portability.export import export_organization

    started = time.monotonic()
    manifest = export_organization(find_organization(org_slug), out_path, progress=_progress)
    rows = sum(manifest["counts"].values())
    click.echo(f"wrote {out_path}: {rows} rows in {time.monotonic() - started:.1f} s")
    if manifest["uploaded_files"]["skipped"]:
        click.echo(f"{manifest['uploaded_files']['skipped']} uploaded file(s) not exported")


@main.command("restore")
@click.argument("in_path", metavar="IN.zip", type=click.Path(exists=True, dir_okay=False))
@django_command
def restore_command(in_path: str) -> None:
    """Bring an exported organisation back into a database that does not have it."""
    import time

    from socialroadmap.portability.restore import restore_organization

    started = time.monotonic()
    organization = restore_organization(in_path, progress=_progress)
    click.echo(
        f"restored organisation {organization.slug} ({organization.name}) "
        f"in {time.monotonic() - started:.1f} s"
    )
    click.echo(
        "people restored without a password set one with "
        "`socialroadmap user set-password EMAIL --password-stdin` or 'Forgot your password?'"
    )


@main.group()
def user() -> None:
    """People and their memberships."""


def _read_password_stdin() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        fail("--password-stdin: no password on standard input")
    return password


@user.command("create")
@click.argument("email")
@click.option("--org", "org_slug", required=True, help="Organisation short name.")
@click.option("--role", required=True, help=ROLES)
@click.option("--full-name", default="", help="The person's name.")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin."
)
@django_command
def user_create(email: str, org_slug: str, role: str, full_name: str, password_stdin: bool) -> None:
    """Create a user with a role in an organisation."""
    from django.db import transaction

    from socialroadmap.accounts.services import create_user
    from socialroadmap.organizations.services import add_member, find_organization, parse_role

    organization = find_organization(org_slug)
    parsed_role = parse_role(role)
    password = _read_password_stdin() if password_stdin else None
    with transaction.atomic():
        person = create_user(email, password=password, full_name=full_name)
        add_member(organization, person, parsed_role)
    click.echo(f"created user {person.email} as {parsed_role.value} of {organization.slug}")
    if not password:
        click.echo(
            "no password set: set one with `socialroadmap user set-password EMAIL --password-stdin`"
        )


@user.command("add")
@click.argument("email")
@click.option("--org", "org_slug", required=True, help="Organisation short name.")
@click.option("--role", required=True, help=ROLES)
@django_command
def user_add(email: str, org_slug: str, role: str) -> None:
    """Give an existing user a role in another organisation."""
    from socialroadmap.accounts.services import find_user
    from socialroadmap.organizations.services import add_member, find_organization

    membership = add_member(find_organization(org_slug), find_user(email), role)
    click.echo(f"added {membership.user.email} as {membership.role} of {org_slug}")


@user.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, required=True, help="Read the password from stdin.")
@django_command
def user_set_password(email: str, password_stdin: bool) -> None:
    """Set a user's password."""
    from socialroadmap.accounts.services import find_user, set_user_password

    set_user_password(find_user(email), _read_password_stdin())
    click.echo(f"password of {email} set")


@main.group()
def token() -> None:
    """API tokens."""


@token.command("create")
@click.argument("email")
@click.option("--name", default="cli", show_default=True, help="What the token is for.")
@django_command
def token_create(email: str, name: str) -> None:
    """Create an API token; the token is printed alone on the last line."""
    from socialroadmap.accounts.services import create_api_token, find_user

    _token, raw = create_api_token(find_user(email), name)
    click.echo(f"API token for {email} (shown once; use it as 'Authorization: Bearer <token>'):")
    click.echo(raw)


@main.command("model")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("--model-version", default=None, help="Model version (default: current).")
def model_command(fmt: str, model_version: str | None) -> None:
    """Print the maturity model: stages, projects, action points and questions (no database)."""
    import json

    from socialroadmap.engine.model import CURRENT_VERSION, ModelError, load_model
    from socialroadmap.engine.serialize import model_to_dict

    try:
        model = load_model(model_version or CURRENT_VERSION)
    except ModelError as error:
        fail(str(error))
    click.echo(json.dumps(model_to_dict(model), ensure_ascii=False, indent=2))


def _read_answers(path: str) -> dict[str, str]:
    from pathlib import Path

    from socialroadmap.datafiles import DataFileError, read_json_or_yaml

    try:
        data = read_json_or_yaml(Path(path))
    except DataFileError as error:
        fail(str(error))
    if data is None:
        data = {}
    if not isinstance(data, dict):
        fail(f"{path}: expected a mapping of question id to option value")

    def as_value(value: object) -> str:
        # YAML reads a bare yes/no as a boolean; the model's option values are strings.
        if isinstance(value, bool):
            return "yes" if value else "no"
        return "" if value is None else str(value)

    return {str(key): as_value(value) for key, value in data.items()}


@main.command("assess")
@click.option(
    "--answers", "answers_path", required=True, help="JSON or YAML: question id → option value."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "html", "pdf", "csv"]),
    default="json",
    show_default=True,
)
@click.option("--lang", type=click.Choice(["nl", "en"]), default="en", show_default=True)
@click.option("--out", "out_path", default=None, help="Write here instead of standard output.")
@click.option("--organization", default="", help="Organisation name printed on reports.")
def assess_command(
    answers_path: str, fmt: str, lang: str, out_path: str | None, organization: str
) -> None:
    """Score answers against the model and print the result or a report (no database)."""
    import json

    from socialroadmap.engine.model import load_model
    from socialroadmap.engine.scoring import AnswerError, score
    from socialroadmap.engine.serialize import result_to_dict
    from socialroadmap.reports.assessment import ReportContext, render_csv, render_html, render_pdf

    model = load_model()
    try:
        result = score(model, _read_answers(answers_path))
    except AnswerError as error:
        fail(str(error))
    ctx = ReportContext(model, result, language=lang, organization=organization)
    output: str | bytes
    if fmt == "json":
        output = json.dumps(result_to_dict(model, result), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        output = render_csv(ctx)
    elif fmt == "html":
        output = render_html(ctx)
    else:
        output = render_pdf(ctx)
    if out_path:
        if isinstance(output, bytes):
            with open(out_path, "wb") as binary:
                binary.write(output)
        else:
            with open(out_path, "w", encoding="utf-8") as text:
                text.write(output)
        click.echo(f"wrote {out_path}", err=True)
    elif isinstance(output, bytes):
        sys.stdout.buffer.write(output)
    else:
        click.echo(output, nl=False)
    if result.unanswered:
        click.echo(
            f"{len(result.unanswered)} unanswered question(s) counted as the lowest option: "
            + ", ".join(result.unanswered),
            err=True,
        )
