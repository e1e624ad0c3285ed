"""Writes for social listening: imports, query matches and rollups. Views, API, CLI and
jobs call these."""

from socialroadmap.listening.services.imports import (
    DeletedImport,
    delete_import,
    queue_import,
    refresh_rollups,
    rematch_query,
    run_import,
    start_import,
)

__all__ = [
    "DeletedImport",
    "delete_import",
    "queue_import",
    "refresh_rollups",
    "rematch_query",
    "run_import",
    "start_import",
]
