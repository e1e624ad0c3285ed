"""The admin CLI contract: exit codes, one-line errors, the token on the last line."""

import pytest
from click.testing import CliRunner
from rest_framework.test import APIClient

from socialroadmap.accounts.models import User
from socialroadmap.cli import main
from socialroadmap.organizations.models import Membership, Organization

pytestmark = pytest.mark.django_db


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_org_create_and_list() -> None:
    result = run("org", "create", "acme", "--name", "Acme Benelux")
    assert result.exit_code == 0, result.output
    assert Organization.objects.get(slug="acme").name == "Acme Benelux"
    assert "acme\tAcme Benelux\t0 members" in run("org", "list").output


def test_org_create_twice_is_one_clear_error() -> None:
    run("org", "create", "acme", "--name", "Acme")
    result = run("org", "create", "acme", "--name", "Acme")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: an organisation with short name 'acme' already exists"
    ]


def test_user_create_with_password_from_stdin() -> None:
    run("org", "create", "acme", "--name", "Acme")
    result = run(
        "user",
        "create",
        "Anna@Acme.test",
        "--org",
        "acme",
        "--role",
        "manager",
        "--password-stdin",
        stdin="Str0ng-enough-pass\n",
    )
    assert result.exit_code == 0, result.output
    user = User.objects.get(email="anna@acme.test")
    assert user.check_password("Str0ng-enough-pass")
    assert Membership.objects.get(user=user).role == "manager"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["user", "create", "a@acme.test", "--org", "nope", "--role", "viewer"],
            "error: no organisation with short name 'nope'",
        ),
        (
            ["user", "create", "a@acme.test", "--org", "acme", "--role", "boss"],
            "error: unknown role 'boss' (choose owner, manager, contributor, viewer)",
        ),
        (
            ["user", "create", "dup@acme.test", "--org", "acme", "--role", "viewer"],
            "error: a user with e-mail address 'dup@acme.test' already exists",
        ),
        (
            ["user", "create", "not-an-email", "--org", "acme", "--role", "viewer"],
            "error: 'not-an-email' is not a valid e-mail address",
        ),
        (
            ["token", "create", "ghost@acme.test"],
            "error: no user with e-mail address 'ghost@acme.test'",
        ),
    ],
)
def test_errors_exit_non_zero_with_one_line(args: list[str], message: str) -> None:
    run("org", "create", "acme", "--name", "Acme")
    User.objects.create_user("dup@acme.test")
    result = run(*args)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [message]
    assert "Traceback" not in result.output


def test_a_weak_password_is_refused_and_nothing_is_created() -> None:
    run("org", "create", "acme", "--name", "Acme")
    result = run(
        "user",
        "create",
        "w@acme.test",
        "--org",
        "acme",
        "--role",
        "viewer",
        "--password-stdin",
        stdin="1234\n",
    )
    assert result.exit_code == 1
    assert result.output.startswith("error: ")
    assert not User.objects.filter(email="w@acme.test").exists()


def test_token_create_prints_the_token_alone_on_the_last_line() -> None:
    run("org", "create", "acme", "--name", "Acme")
    run("user", "create", "t@acme.test", "--org", "acme", "--role", "viewer")
    result = run("token", "create", "t@acme.test")
    assert result.exit_code == 0
    token = result.output.rstrip("\n").splitlines()[-1]
    assert token.startswith("srm_") and " " not in token
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/organizations/").json()["results"][0]["slug"] == "acme"


def test_user_add_puts_a_consultant_in_a_second_organisation() -> None:
    run("org", "create", "acme", "--name", "Acme")
    run("org", "create", "globex", "--name", "Globex")
    run("user", "create", "eva@consult.test", "--org", "acme", "--role", "manager")
    result = run("user", "add", "eva@consult.test", "--org", "globex", "--role", "owner")
    assert result.exit_code == 0, result.output
    assert Membership.objects.filter(user__email="eva@consult.test").count() == 2


def test_demo_seeding_is_idempotent_and_keeps_changes() -> None:
    from socialroadmap.demo import DEMO_PASSWORD, seed_demo

    assert "organisation demo" in seed_demo()
    owner = User.objects.get(email="owner@demo.socialroadmap.test")
    assert owner.check_password(DEMO_PASSWORD)
    owner.set_password("Changed-by-the-user-1")
    owner.full_name = "Anouk"
    owner.save()
    viewer = Membership.objects.get(
        user__email="viewer@demo.socialroadmap.test", organization__slug="demo"
    )
    viewer.role = "contributor"
    viewer.save()
    counts = (User.objects.count(), Membership.objects.count(), Organization.objects.count())
    assert "nothing changed" in seed_demo()
    assert counts == (
        User.objects.count(),
        Membership.objects.count(),
        Organization.objects.count(),
    )
    owner.refresh_from_db()
    assert owner.check_password("Changed-by-the-user-1") and owner.full_name == "Anouk"
    assert Membership.objects.get(pk=viewer.pk).role == "contributor"
    consultant = User.objects.get(email="consultant@demo.socialroadmap.test")
    assert Membership.objects.filter(user=consultant).count() == 2
