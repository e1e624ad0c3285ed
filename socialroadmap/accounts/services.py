"""Writes for people and their tokens. Views, API and CLI call these."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from socialroadmap.accounts.choices import Language
from socialroadmap.accounts.models import ApiToken, User, generate_token, hash_token
from socialroadmap.core.errors import NotFound, ServiceError


def normalize_email(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ServiceError(f"'{email}' is not a valid e-mail address", field="email") from exc
    return email


def find_user(email: str) -> User:
    try:
        return User.objects.get(email=email.strip().lower())
    except User.DoesNotExist as exc:
        raise NotFound(f"no user with e-mail address '{email.strip()}'", field="email") from exc


def check_password_strength(password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages), field="password") from exc


@transaction.atomic
def create_user(email: str, *, password: str | None = None, full_name: str = "") -> User:
    """Create a person. Without a password they cannot log in until one is set."""
    email = normalize_email(email)
    if User.objects.filter(email=email).exists():
        raise ServiceError(f"a user with e-mail address '{email}' already exists", field="email")
    user = User(email=email, full_name=full_name.strip())
    if password:
        check_password_strength(password, user)
    return User.objects.create_user(email, password, full_name=full_name.strip())


@transaction.atomic
def set_user_password(user: User, password: str) -> None:
    check_password_strength(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])


def set_user_language(user: User, language: str) -> None:
    """Remember the interface language for this person on every device."""
    if language not in Language.values:
        raise ServiceError(f"unknown language '{language}'", field="language")
    user.language = language
    user.save(update_fields=["language"])


@transaction.atomic
def create_api_token(user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a token; returns it with the raw key, which is never stored or shown again."""
    raw = generate_token()
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], key_hash=hash_token(raw), hint=raw[:12]
    )
    return token, raw


def revoke_api_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
