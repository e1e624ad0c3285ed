"""Suite-wide options. ``--db-tests-only`` keeps only the tests that use the database:
scripts/test runs the whole suite on SQLite, then with this option on PostgreSQL, where
the others (engine, connectors, command-line contracts) would only repeat themselves."""

from __future__ import annotations

import pytest

DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db-tests-only",
        action="store_true",
        help="run only the tests that use the database (for the PostgreSQL run)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--db-tests-only"):
        return
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        uses_db = item.get_closest_marker("django_db") is not None or fixtures & DATABASE_FIXTURES
        (keep if uses_db else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
