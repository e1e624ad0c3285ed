"""Credentials of live sources: encrypted at rest, or read from the environment.

A secret is stored sealed, one of:

- ``fernet:<token>``: encrypted with Fernet (AES-128-CBC with an HMAC) under the key
  of ``SOCIALROADMAP_ENCRYPTION_KEY``; when that is not set, a key derived from
  ``SECRET_KEY`` with HKDF, so the demo works without configuration;
- ``env:VARNAME``: a reference, stored as written, read from the environment at fetch
  time (for credentials kept in a secret manager that fills the environment).

Several keys may be given, comma-separated: the first encrypts, all decrypt, which
lets a key be rotated. Plain values never leave this module except to the connector.
"""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Mapping

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ENV_PREFIX = "env:"
_FERNET_PREFIX = "fernet:"
_ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HKDF_INFO = b"socialroadmap live source credentials"


class SecretError(Exception):
    """A credential that cannot be read; the message names the field, never a value."""


def _fernet() -> MultiFernet:
    configured = [k.strip() for k in settings.SOCIALROADMAP_ENCRYPTION_KEY.split(",")]
    keys = [k for k in configured if k]
    if not keys:
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(
            settings.SECRET_KEY.encode()
        )
        keys = [base64.urlsafe_b64encode(derived).decode()]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError:
        raise ImproperlyConfigured(
            "SOCIALROADMAP_ENCRYPTION_KEY must be Fernet keys (32 url-safe base64-encoded "
            "bytes), comma-separated"
        ) from None


def is_env_reference(value: str) -> bool:
    """Whether ``value`` is an ``env:VARNAME`` reference."""
    return value.startswith(ENV_PREFIX)


def seal(name: str, value: str) -> str:
    """The stored form of the credential ``name``: an ``env:`` reference as it is
    (checked), anything else encrypted."""
    if is_env_reference(value):
        variable = value.removeprefix(ENV_PREFIX)
        if not _ENV_NAME_RE.match(variable):
            raise SecretError(f"{name}: 'env:' must be followed by an environment variable name")
        return value
    return _FERNET_PREFIX + _fernet().encrypt(value.encode()).decode("ascii")


def unseal(name: str, stored: str) -> str:
    """The plain credential ``name``: decrypted, or read from the environment now."""
    if is_env_reference(stored):
        variable = stored.removeprefix(ENV_PREFIX)
        value = os.environ.get(variable)
        if not value:
            raise SecretError(f"{name}: the environment variable {variable} is not set")
        return value
    try:
        return _fernet().decrypt(stored.removeprefix(_FERNET_PREFIX).encode()).decode()
    except InvalidToken:
        raise SecretError(
            f"{name} cannot be decrypted: was SOCIALROADMAP_ENCRYPTION_KEY (or SECRET_KEY) "
            "changed? Enter the credential again"
        ) from None


def load(stored: str) -> dict[str, str]:
    """The sealed values of a source's ``secrets`` column, by field."""
    if not stored:
        return {}
    data = json.loads(stored)
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def dump(sealed: Mapping[str, str]) -> str:
    """The ``secrets`` column for sealed values (empty when there are none)."""
    return json.dumps(dict(sorted(sealed.items()))) if sealed else ""


def unseal_all(stored: str) -> dict[str, str]:
    """Every credential of a ``secrets`` column in plain text, for the connector only."""
    return {name: unseal(name, value) for name, value in load(stored).items()}


def status(stored: str) -> dict[str, str]:
    """What may be shown of a ``secrets`` column: ``"set"`` for each credential."""
    return dict.fromkeys(load(stored), "set")
