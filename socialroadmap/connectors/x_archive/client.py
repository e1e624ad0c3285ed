"""Reading the ``window.YTD.…`` files of an X archive (loaded whole: they are small)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Any

from socialroadmap.connectors.base import ImportFileError, RawRecord, json_array_records, read_text

_ASSIGNMENT_RE = re.compile(r"\s*window\.YTD\.\w+\.part\d+\s*=")


def read_tweets(stream: IO[bytes] | IO[str]) -> list[RawRecord]:
    """The records of ``tweets.js`` with the line each starts on."""
    return _read_ytd(read_text(stream))


def read_owner(account_js: Path) -> str | None:
    """The archive owner's username from ``account.js``; None when there is no such file."""
    if not account_js.is_file():
        return None
    with account_js.open("rb") as stream:
        records = _read_ytd(read_text(stream))
    data: Any = records[0].data if records else None
    account = data.get("account") if isinstance(data, dict) else None
    if not isinstance(account, dict) or not isinstance(account.get("username"), str):
        raise ImportFileError(f"{account_js}: no account.username")
    return str(account["username"])


def _read_ytd(text: str) -> list[RawRecord]:
    # Plain JSON, without the assignment, is accepted too: some tools strip it.
    match = _ASSIGNMENT_RE.match(text)
    return json_array_records(text, match.end() if match else 0)
