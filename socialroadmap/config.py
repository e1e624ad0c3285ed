"""Start-up checks that do not need Django to be set up."""

from __future__ import annotations

import os
import sys


def production_problems(environ: os._Environ[str] | dict[str, str] | None = None) -> list[str]:
    """What is missing for a production server; empty in demo or debug mode."""
    env = os.environ if environ is None else environ
    flags = {"1", "true", "yes", "on"}
    if env.get("SOCIALROADMAP_DEMO", "").lower() in flags or env.get("DEBUG", "").lower() in flags:
        return []
    problems = []
    if not env.get("SECRET_KEY"):
        problems.append(
            "SECRET_KEY is not set: set it to a long random string "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))").'
        )
    if not env.get("ALLOWED_HOSTS"):
        problems.append(
            "ALLOWED_HOSTS is not set: set it to the comma-separated host names "
            "this server answers to (e.g. roadmap.example.com)."
        )
    return problems


def refuse_unsafe_production() -> None:
    """Exit with a clear message when a production server lacks required settings."""
    problems = production_problems()
    if problems:
        for problem in problems:
            print(f"socialroadmap: refusing to start: {problem}", file=sys.stderr)
        raise SystemExit(2)
