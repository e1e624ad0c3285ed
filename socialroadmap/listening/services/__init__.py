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

from socialroadmap.listening.services.imports import StoredChunk, store_posts
from socialroadmap.listening.services.sources import (
    DeletedSource,
    FetchResult,
    create_source,
    delete_source,
    due_sources,
    fetch_source,
    update_source,
)

__all__ += [
    "DeletedSource",
    "FetchResult",
    "StoredChunk",
    "create_source",
    "delete_source",
    "due_sources",
    "fetch_source",
    "store_posts",
    "update_source",
]
