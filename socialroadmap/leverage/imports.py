"""The communications' CSV import (one communication a line, with its outcomes) and
its template. A bad line is reported with its number, field and reason; the good lines
are kept. A line whose name is already registered updates that communication."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from socialroadmap.accounts.models import User
from socialroadmap.audit.models import Action
from socialroadmap.core.csvfiles import ImportResult, csv_text, dict_reader, import_lines
from socialroadmap.core.errors import ServiceError
from socialroadmap.leverage import services
from socialroadmap.leverage.choices import Channel, SocialLink
from socialroadmap.leverage.models import Communication
from socialroadmap.organizations.models import Organization

COLUMNS = (
    "name",
    "channel",
    "starts_on",
    "ends_on",
    "cost",
    "linked",
    "links",
    "is_control",
    "control_for",
    "notes",
    "reach",
    "visits",
    "leads",
    "sales",
    "revenue",
)
REQUIRED = ("name",)  # starts_on too, for a communication not registered yet
MAX_LINES = 5000
TEMPLATE_ROWS = (
    (
        "Newsletter March",
        "newsletter",
        "2026-03-02",
        "2026-03-09",
        "450",
        "yes",
        "hashtag|share_buttons",
        "no",
        "",
        "",
        "5200",
        "640",
        "31",
        "12",
        "1450.00",
    ),
    (
        "Newsletter March (no social)",
        "newsletter",
        "2026-03-02",
        "2026-03-09",
        "450",
        "no",
        "",
        "yes",
        "Newsletter March",
        "Half of the list, without the social links",
        "5100",
        "590",
        "28",
        "11",
        "1320.00",
    ),
)
YES = frozenset({"yes", "y", "ja", "j", "true", "1", "x"})
NO = frozenset({"no", "n", "nee", "false", "0", ""})
_LINK_SEPARATORS = re.compile(r"[|,/+]")


def template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(TEMPLATE_ROWS)
    return out.getvalue()


def _yes_no(text: str, name: str) -> bool:
    word = text.lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ServiceError(f"{name}: give yes or no, not {text!r}", field=name)


def _day(text: str, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ServiceError(
            f"{name}: give a date as YYYY-MM-DD, not {text!r}", field=name
        ) from error


def _count(text: str, name: str) -> int | None:
    if not text:
        return None
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if not cleaned.isdigit():
        raise ServiceError(f"{name}: give a whole number of 0 or more, not {text!r}", field=name)
    return int(cleaned)


def _money(text: str, name: str) -> Decimal | None:
    if not text:
        return None
    cleaned = text.replace("€", "").replace(" ", "").replace("\u00a0", "")
    if "," in cleaned and "." in cleaned:  # 1.234,50 or 1,234.50: the last one is decimal
        thousands = "." if cleaned.rfind(",") > cleaned.rfind(".") else ","
        cleaned = cleaned.replace(thousands, "")
    cleaned = cleaned.replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as error:
        raise ServiceError(f"{name}: give an amount in euro, not {text!r}", field=name) from error
    if not amount.is_finite() or amount < 0:
        raise ServiceError(f"{name}: give an amount in euro of 0 or more", field=name)
    return amount


def _channel(text: str) -> str:
    if not text:
        return Channel.OTHER
    word = text.lower()
    for value, label in Channel.choices:
        if word in (value, str(label).lower(), value.replace("_", " ")):
            return value
    raise ServiceError(
        f"channel: unknown channel {text!r} (choose from {', '.join(Channel.values)})",
        field="channel",
    )


def _links(text: str) -> list[str]:
    found = []
    for part in _LINK_SEPARATORS.split(text):
        word = part.strip().lower()
        if not word:
            continue
        matches = [
            value
            for value, label in SocialLink.choices
            if word in (value, str(label).lower(), value.replace("_", " "))
        ]
        if not matches:
            raise ServiceError(
                f"links: unknown link {part.strip()!r} "
                f"(choose from {', '.join(SocialLink.values)})",
                field="links",
            )
        found.append(matches[0])
    return found


def _changes(
    organization: Organization, cells: Mapping[str, str], present: set[str]
) -> dict[str, Any]:
    """The fields of one line; a column absent from the file leaves the field as it is."""
    parsers: dict[str, Any] = {
        "channel": _channel,
        "starts_on": lambda t: _day(t, "starts_on"),
        "ends_on": lambda t: _day(t, "ends_on"),
        "cost": lambda t: _money(t, "cost"),
        "revenue": lambda t: _money(t, "revenue"),
        "linked": lambda t: _yes_no(t, "linked"),
        "is_control": lambda t: _yes_no(t, "is_control"),
        "links": _links,
        "control_for": lambda t: _control(organization, t),
        **{name: (lambda t, n=name: _count(t, n)) for name in services.COUNTS},
    }
    changes: dict[str, Any] = {}
    for name in COLUMNS:
        if name == "name" or name not in present:
            continue
        text = cells[name]
        changes[name] = parsers[name](text) if name in parsers else text
    if changes.get("links") and "linked" not in present:
        changes["linked"] = True
    return changes


def _control(organization: Organization, text: str) -> Communication | None:
    if not text:
        return None
    found = Communication.objects.for_org(organization).filter(name__iexact=text).first()
    if found is None:
        raise ServiceError(
            f"control_for: no communication named {text!r} (put it on an earlier line)",
            field="control_for",
        )
    return found


def _import_line(
    organization: Organization, cells: Mapping[str, str], present: set[str], actor: User | None
) -> str:
    name = " ".join(cells["name"].split())
    if not name:
        raise ServiceError("name: the name is missing", field="name")
    changes = _changes(organization, cells, present)
    existing = Communication.objects.for_org(organization).filter(name__iexact=name).first()
    if existing is None:
        if changes.get("starts_on") is None:
            raise ServiceError("starts_on: the start date is missing", field="starts_on")
        services.create_communication(
            organization, name=name, actor=actor, action=Action.IMPORT, **changes
        )
        return "created"
    if changes.get("starts_on", existing.starts_on) is None:
        raise ServiceError("starts_on: the start date is missing", field="starts_on")
    before = services.COMMUNICATION_FIELDS
    old = {f: getattr(existing, f) for f in before}
    updated = services.update_communication(existing, changes, actor=actor, action=Action.IMPORT)
    return "updated" if {f: getattr(updated, f) for f in before} != old else "unchanged"


def _reader(stream: IO[Any]) -> csv.DictReader[str]:
    reader = dict_reader(csv_text(stream))
    header = [
        " ".join((name or "").split()).lower().replace(" ", "_") for name in reader.fieldnames or []
    ]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ServiceError(f"the header lacks the column(s): {', '.join(missing)}", field="file")
    reader.fieldnames = header
    return reader


def import_communications_csv(
    organization: Organization, stream: IO[Any], *, actor: User | None
) -> ImportResult:
    """Register or update the communications of a CSV file (columns ``COLUMNS``;
    ``name`` and ``starts_on`` required)."""
    reader = _reader(stream)
    present = set(reader.fieldnames or ()) & set(COLUMNS)
    return import_lines(
        reader,
        COLUMNS,
        lambda cells: _import_line(organization, cells, present, actor),
        max_lines=MAX_LINES,
    )
