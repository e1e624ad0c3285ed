"""``socialroadmap query …``: work with listening query files on the command line."""

from __future__ import annotations

from pathlib import Path

import click

from socialroadmap.datafiles import DataFileError, read_json_or_yaml
from socialroadmap.engine.query import QueryError, parse


class QueryFileError(Exception):
    """A queries file that is not a list of ``{"name", "query"}`` objects."""


def load_queries(path: Path) -> list[tuple[str, str]]:
    """The (name, query) pairs of a YAML or JSON file; QueryFileError says what is wrong."""
    try:
        data = read_json_or_yaml(path)
    except DataFileError as error:
        raise QueryFileError(str(error)) from None
    if not isinstance(data, list):
        raise QueryFileError(f"{path}: expected a list of {{name, query}} objects")
    pairs: list[tuple[str, str]] = []
    for number, item in enumerate(data, start=1):
        if not (
            isinstance(item, dict)
            and isinstance(item.get("name"), str)
            and isinstance(item.get("query"), str)
        ):
            raise QueryFileError(
                f"{path}: item {number} is not an object with string name and query"
            )
        pairs.append((item["name"], item["query"]))
    return pairs


@click.group()
def query() -> None:
    """Listening queries: validate query files."""


@query.command()
@click.argument("file", type=click.Path(path_type=Path))
def check(file: Path) -> None:
    """Check that every query in FILE (YAML or JSON list of {name, query}) parses."""
    try:
        pairs = load_queries(file)
    except QueryFileError as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(1) from None
    bad = 0
    for name, text in pairs:
        try:
            parse(text)
        except QueryError as error:
            bad += 1
            click.echo(f"{name}: {error}", err=True)
    if bad:
        click.echo(f"{bad} of {len(pairs)} queries do not parse")
        raise SystemExit(1)
    click.echo(f"{len(pairs)} queries parse")
